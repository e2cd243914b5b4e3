import FeedServer
import Foundation
import Logging
import Testing

/// Feeds on this machine or a private network are refused unless the user opts in, by the reader
/// (`subscribe`, `sync` of OPML-imported feeds) and by `paperboy-server` (`feed add`, `feed poll`);
/// a feed's stored error never repeats the body a server answered with.
@Suite struct PrivateAddressCLITests {
    /// A paperboy-server on loopback: its `/v1/state` answers 401 with a problem+json body.
    static func server(in folder: String) async throws -> BackgroundFeedServer {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var logger = Logger(label: "cli-test")
        logger.logLevel = .critical
        return try await BackgroundFeedServer.start(storage: try SQLiteFeedStorage(path: folder + "/own-server.sqlite"), logger: logger)
    }

    /// Words of the 401 body (`send Authorization: Bearer <device token>`) that must never be shown.
    static func echoesBody(_ text: String) -> Bool {
        text.contains("Bearer") || text.contains("device token") || text.contains("Authorization")
    }

    /// Runs the built `paperboy-server` with `arguments`.
    static func runServerCommand(_ arguments: [String]) async throws -> CLI.Result {
        let process = Process()
        process.executableURL = try CLI.binary().deletingLastPathComponent().appendingPathComponent("paperboy-server")
        process.arguments = arguments
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        return try await CLI.outcome(of: process)
    }

    @Test func subscribingToALoopbackFeedIsRefusedWithoutOptIn() async throws {
        let cli = CLI()
        let server = try await Self.server(in: cli.folder)
        let url = "http://127.0.0.1:\(server.port)/v1/state"
        let refused = await cli.run(["subscribe", url])
        #expect(refused.status == 1)
        #expect(refused.stderr == "paperboy: \(url): refusing to fetch \(url): 127.0.0.1 is a loopback address; pass --allow-private-addresses to allow it\n")
        #expect(await cli.run(["subscriptions"]).text.contains(url) == false)

        // Opted in, the fetch happens; the 401's body is not repeated.
        let fetched = await cli.run(["subscribe", url, "--allow-private-addresses"])
        #expect(fetched.stderr == "paperboy: \(url): server answered 401 Unauthorized for /v1/state\n")
        await server.stop()
    }

    @Test func importedLoopbackFeedsAreRefusedBySyncAndListedWithoutBodies() async throws {
        let cli = CLI()
        let server = try await Self.server(in: cli.folder)
        let url = "http://localhost:\(server.port)/v1/state"
        let opml = cli.folder + "/subscriptions.opml"
        try Data("""
            <?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
            <outline text="Own server" type="rss" xmlUrl="\(url)"/></body></opml>
            """.utf8).write(to: URL(fileURLWithPath: opml))
        #expect(await cli.run(["import-opml", opml]).status == 0)

        let sync = await cli.run(["sync"])
        #expect(sync.stderr.contains("refusing to fetch \(url): "), "\(sync.stderr)")
        #expect(sync.stderr.contains("is a loopback address; pass --allow-private-addresses to allow it"))
        let listed = await cli.run(["subscriptions"]).text
        #expect(listed.contains("failing (1x): refusing to fetch \(url): "), "\(listed)")

        let optedIn = await cli.run(["sync", "--allow-private-addresses"])
        #expect(optedIn.stderr.contains("server answered 401 Unauthorized for /v1/state"), "\(optedIn.stderr)")
        #expect(!Self.echoesBody(optedIn.stderr))
        let relisted = await cli.run(["subscriptions"]).text + String(decoding: await cli.run(["subscriptions", "--json"]).stdout, as: UTF8.self)
        #expect(relisted.contains("failing (2x): server answered 401 Unauthorized for /v1/state"), "\(relisted)")
        #expect(!Self.echoesBody(relisted), "\(relisted)")
        await server.stop()
    }

    @Test func serverRefusesToFollowItsOwnStateEndpoint() async throws {
        let cli = CLI()
        let server = try await Self.server(in: cli.folder)
        let database = cli.folder + "/server.sqlite"
        let url = "http://127.0.0.1:\(server.port)/v1/state"

        let added = try await Self.runServerCommand(["feed", "add", url, "--db", database])
        #expect(added.status != 0)
        #expect(added.stderr.contains("\(url): refusing to fetch \(url): 127.0.0.1 is a loopback address; pass --allow-private-addresses to allow it"), "\(added.stderr)")
        #expect(try await Self.runServerCommand(["feed", "list", "--db", database]).text.hasPrefix("no feeds"))

        // Followed through an OPML import, polled without and then with the opt-in.
        let opml = cli.folder + "/feeds.opml"
        try Data("""
            <?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
            <outline text="Own server" type="rss" xmlUrl="\(url)"/></body></opml>
            """.utf8).write(to: URL(fileURLWithPath: opml))
        #expect(try await Self.runServerCommand(["import", opml, "--db", database]).status == 0)
        let refused = try await Self.runServerCommand(["feed", "poll", "--db", database])
        #expect(refused.status == 3)
        #expect(try await Self.runServerCommand(["feed", "list", "--db", database]).text.contains("failing (1x): refusing to fetch \(url): 127.0.0.1 is a loopback address"))
        _ = try await Self.runServerCommand(["feed", "poll", "--db", database, "--allow-private-addresses"])
        let listed = try await Self.runServerCommand(["feed", "list", "--db", database]).text
        #expect(listed.contains("failing (2x): server answered 401 Unauthorized for /v1/state"), "\(listed)")
        #expect(!Self.echoesBody(listed), "\(listed)")
        await server.stop()
    }
}
