import ArgumentParser
import Foundation
import HTTPTransport
import NewsStore
import TerminalUI

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open an article's web page in your browser and mark it read.",
        discussion: """
            The browser is $BROWSER (a list separated by colons is tried in order; %s in an entry stands \
            for the address), else xdg-open, sensible-browser or x-www-browser. A text browser such as \
            w3m or lynx runs in this terminal until you quit it. Only http and https addresses are \
            opened. With --print, the address is printed instead (for `xargs` or a clipboard tool).
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The article's number, id or id prefix.", completion: Completions.articles) var id: String
    @Flag(help: "Print the address instead of opening it.") var print = false
    @Flag(name: .customLong("keep-unread"), help: "Do not mark the article read.") var keepUnread = false

    func run() throws {
        try reportingFailures {
            let newsStore = try store.open()
            let stored = try newsStore.resolve(id)
            guard let raw = stored.article.url, let url = HTTPRequest.webURL(raw) else {
                throw Failure.notFound("article \(stored.number) has no web address to open"
                    + (stored.article.url.map { " (its link '\(TerminalText.sanitize(String($0.prefix(60))))' is not http or https)" } ?? ""))
            }
            if print {
                Terminal.print(TerminalText.sanitize(url.absoluteString))
            } else {
                try Browser.open(url.absoluteString)
            }
            if !keepUnread && !stored.state.isRead {
                try newsStore.set(.read, to: true, articleIds: [stored.article.id])
            }
        }
    }
}

/// Starts the user's browser on an address, without a shell, so nothing in the address can run.
enum Browser {
    static func open(_ address: String) throws {
        let environment = CommandContext.current.environment
        var candidates: [[String]] = []
        if let browser = environment["BROWSER"], !browser.isEmpty {
            candidates = browser.split(separator: ":").map { entry in
                let words = entry.split(separator: " ").map(String.init)
                return words.contains { $0.contains("%s") }
                    ? words.map { $0.replacingOccurrences(of: "%s", with: address) }
                    : words + [address]
            }
        }
        candidates += ["xdg-open", "sensible-browser", "x-www-browser"].map { [$0, address] }
        for command in candidates where !command.isEmpty {
            let status: Int32
            // posix_spawnp looks the program up on $PATH; one that is not installed fails to start.
            do { status = try ChildProcess.run(command, environment: environment) } catch { continue }
            guard status == 0 else {
                throw Failure.user("\(command[0]) could not open \(TerminalText.sanitize(address)) (exit status \(status))")
            }
            return
        }
        throw Failure.user("no browser found; set $BROWSER (e.g. BROWSER=w3m) or install xdg-utils. The address: \(TerminalText.sanitize(address))")
    }
}
