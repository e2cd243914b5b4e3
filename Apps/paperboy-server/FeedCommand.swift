import ArgumentParser
import CurlTransport
import FeedServer
import Foundation
import HTTPTransport
import Logging
import NewsModels

struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Follow outlets' own feeds (RSS, Atom, RDF, JSON Feed): `serve` polls them into the log.",
        discussion: """
              paperboy-server feed add https://lantern.example/feed.xml --every 15
              paperboy-server feed list
              paperboy-server feed poll          # poll every feed once now (e.g. from cron)
              paperboy-server feed remove https://lantern.example/feed.xml
            `serve` polls each feed when it is due, with conditional requests. A failing feed is
            retried after twice its interval per failure in a row, at most once a day, and never
            sooner than the outlet's Retry-After.
            Feeds on this machine or a private network (127.0.0.1, 10.x, 192.168.x, 169.254.x, ::1,
            fc00::/7, … also when a name resolves there or a redirect leads there) are refused unless
            `feed add`, `feed poll` and `serve` are given --allow-private-addresses.
            """,
        subcommands: [Add.self, List.self, Poll.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Follow a feed; it is fetched once now to check it.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var addresses: AddressOptions
        @Argument(help: "The feed's URL (http or https).") var url: String
        @Option(help: "Minutes between polls.") var every = 30

        func validate() throws {
            guard HTTPRequest.webURL(url) != nil else {
                throw ValidationError("a feed URL must be http:// or https:// with a host, got '\(url.prefix(80))'")
            }
            guard (1...10_080).contains(every) else { throw ValidationError("--every must be 1 to 10080 minutes, got \(every)") }
        }

        func run() async throws {
            let storage = try database.open()
            let added = try storage.addUpstreamFeed(url: url, interval: .seconds(Int64(every) * 60))
            let results = try await FeedCommand.poller(storage, addresses: addresses).pollDue(all: true).filter { $0.url == url }
            guard let result = results.first else { return }
            if let error = result.error {
                if added { try storage.removeUpstreamFeed(url: url) }
                throw ServerFailure("\(url): \(error)")
            }
            FeedCommand.report(result)
            ServerOutput.say("\(added ? "following" : "already following; interval set for") \(url), every \(every) min")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List followed feeds with their last poll and next due time.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let feeds = try database.open().upstreamFeeds()
            guard !feeds.isEmpty else {
                ServerOutput.say("no feeds; follow one with: paperboy-server feed add URL")
                return
            }
            for feed in feeds {
                let state = feed.lastError.map { "failing (\(feed.failures)x): \($0)" }
                    ?? feed.lastSuccessAt.map { "polled \($0.rfc3339)" } ?? "not polled yet"
                ServerOutput.say("\(feed.url)  \(feed.title ?? "")  every \(feed.interval.components.seconds / 60) min; \(state); next \(feed.nextPollAt.rfc3339)")
            }
        }
    }

    struct Poll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Poll every followed feed once now and import what changed.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var addresses: AddressOptions

        func run() async throws {
            let results = try await FeedCommand.poller(database.open(), addresses: addresses).pollDue(all: true)
            results.forEach(FeedCommand.report)
            if results.contains(where: { $0.error != nil }) { throw ExitCode(3) }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop following a feed; its articles stay in the log.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The feed's URL, as listed.") var url: String

        func run() throws {
            guard try database.open().removeUpstreamFeed(url: url) else { throw ServerFailure("not following \(url); see: paperboy-server feed list") }
            ServerOutput.say("stopped following \(url)")
        }
    }

    static func poller(_ storage: SQLiteFeedStorage, addresses: AddressOptions, logger: Logger? = nil) throws -> UpstreamPoller {
        var quiet = Logger(label: "paperboy-server")
        quiet.logLevel = .critical
        var configuration = CurlTransport.Configuration()
        configuration.addressPolicy = addresses.policy
        let transport: CurlTransport
        do { transport = try CurlTransport(configuration: configuration) } catch { throw ServerFailure("cannot start the HTTP client: \(error)") }
        return UpstreamPoller(storage: storage, transport: transport, logger: logger ?? quiet)
    }

    static func report(_ result: UpstreamPollResult) {
        for line in result.skipped.prefix(20) { ServerOutput.warn("\(result.url): skipped \(line)") }
        if let error = result.error {
            ServerOutput.warn("\(result.url): \(error)")
        } else if let imported = result.imported {
            ServerOutput.say("\(result.url): \(imported.added) new, \(imported.revised) revised, \(imported.unchanged) unchanged; log head \(imported.head)")
            if let refusal = imported.refusal { ServerOutput.warn("\(result.url): \(refusal)") }
        } else {
            ServerOutput.say("\(result.url): not modified")
        }
    }
}

/// `--allow-private-addresses`, shared by the commands that fetch feeds.
struct AddressOptions: ParsableArguments {
    @Flag(help: "Also fetch feeds on this machine or a private network (loopback, 10.x, 192.168.x, link-local, ULA…); for home setups and tests.")
    var allowPrivateAddresses = false

    /// The transport's address policy: public addresses only unless the flag is given.
    var policy: CurlTransport.AddressPolicy { allowPrivateAddresses ? .anyAddress : .publicOnly }
}
