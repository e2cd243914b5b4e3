import ArgumentParser
import FeedServer
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the feed over HTTP until interrupted.",
        discussion: """
            Endpoints: GET /v1/manifest, GET /v1/segments/{k}, POST /v1/state/mutations,
            GET /v1/state?after=N, GET /healthz (see docs/PROTOCOL.md). Listens on 127.0.0.1 unless
            --host says otherwise. Stop with Ctrl-C or SIGTERM; requests in flight finish first.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one and prints it).")
    var port = 8080

    @Option(help: "Changes per log segment. Keep it fixed for a database: clients and caches rely on it.")
    var segmentSize: Int64 = 1000

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        guard segmentSize > 0 else { throw ValidationError("--segment-size must be positive, got \(segmentSize)") }
    }

    func run() async throws {
        let storage = try database.open()
        var configuration = FeedServerConfiguration()
        configuration.segmentSize = segmentSize
        var logger = Logger(label: "paperboy-server")
        logger.logLevel = .info
        let host = self.host
        let app = try FeedServer.makeApplication(
            storage: storage, configuration: configuration, host: host, port: port, logger: logger,
            onListening: { port in print("paperboy-server listening on http://\(host):\(port)") })
        try await app.runService()
    }
}
