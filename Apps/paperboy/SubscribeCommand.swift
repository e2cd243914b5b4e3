import ArgumentParser
import FeedFormats
import FeedPolling
import Foundation
import NewsAccount
import HTTPTransport
import NewsStore
import NewsSync
import TerminalUI

struct SubscribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribe",
        abstract: "Follow an RSS, Atom or JSON Feed directly, without a server.",
        discussion: """
            The feed is fetched once now, so a wrong URL is caught at once, and then on every \
            `paperboy sync` with a conditional request (an unchanged feed costs one 304).
              paperboy subscribe https://lantern.example/feed.xml
              paperboy subscribe https://lantern.example/feed.json --folder News/Local
            See your subscriptions with `paperboy subscriptions`; stop with `paperboy unsubscribe URL`.
            A feed on this machine or a private network (127.0.0.1, 10.x, 192.168.x, 169.254.x, ::1, \
            fc00::/7, … also when its name resolves there or a redirect leads there) is refused \
            unless --allow-private-addresses is given, here and to `paperboy sync`.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The feed's URL (http or https).") var url: String
    @Option(help: ArgumentHelp("File it under this folder; nest folders with '/'.", valueName: "folder"))
    var folder: String?
    @OptionGroup var addresses: FeedAddressOptions

    func validate() throws {
        try FeedURL.validate(url)
    }

    func run() async throws {
        try await reportingFailures {
            let account = try store.openAccount(allowPrivateAddresses: addresses.allowPrivateAddresses)
            let report: SubscriptionPollReport
            do throws(AccountError) { report = try await account.subscribe(url: url, folders: FeedURL.folderPath(folder)) } catch { throw Failure.from(error) }
            let name = TerminalText.sanitize(report.title ?? url)
            switch report.result {
            case let .stored(summary, skipped):
                FeedReport.warn(skipped: skipped, feed: name, to: .current)
                Terminal.print("subscribed to \(name): \(summary.inserted) new article\(summary.inserted == 1 ? "" : "s")")
            case .notModified, .unchanged, .failed:
                Terminal.print("subscribed to \(name)")
            }
        }
    }
}

/// Checks and messages shared by the subscription commands.
enum FeedURL {
    /// Refuses anything but an absolute http(s) URL with a host.
    static func validate(_ url: String) throws {
        guard HTTPRequest.webURL(url) != nil else {
            throw ValidationError("a feed URL must be http:// or https:// with a host, got '\(TerminalText.sanitize(String(url.prefix(80))))'")
        }
    }

    /// `News/Local` → `["News", "Local"]`.
    static func folderPath(_ folder: String?) -> [String] {
        (folder ?? "").split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A poll failure as the failure to exit with: format problems and refused addresses are the
    /// user's (1), the rest network (3).
    static func failure(_ message: String, url: String) -> Failure {
        let line = "\(TerminalText.sanitize(String(url.prefix(200)))): \(TerminalText.sanitize(message))"
        let formatProblems = ["refusing to fetch", "not a feed", "invalid XML", "invalid JSON", "bad JSON Feed", "unsupported character", "the document is empty", "feed is "]
        return formatProblems.contains(where: message.hasPrefix) ? .user(line) : .network(line)
    }
}

/// Lines about skipped feed items, on standard error.
enum FeedReport {
    /// One line per skipped item, at most 20, then how many more; `context` is passed in because
    /// polling reports arrive in callbacks.
    static func warn(skipped: [ItemProblem], feed: String, to context: CommandContext) {
        for problem in skipped.prefix(20) {
            context.printError("paperboy: \(feed): skipped \(TerminalText.sanitize(problem.description))")
        }
        if skipped.count > 20 {
            context.printError("paperboy: \(feed): and \(skipped.count - 20) more items skipped")
        }
    }
}

/// `--allow-private-addresses` for the commands that fetch subscribed feeds.
struct FeedAddressOptions: ParsableArguments {
    @Flag(help: "Also fetch feeds on this machine or a private network (loopback, 10.x, 192.168.x, link-local, ULA…); for home setups.")
    var allowPrivateAddresses = false
}
