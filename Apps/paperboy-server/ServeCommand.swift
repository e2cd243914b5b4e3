import ArgumentParser
import FeedServer
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

extension Logger.Level: @retroactive ExpressibleByArgument {}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the feed over HTTP until interrupted.",
        discussion: """
            Endpoints: GET /v1/manifest, GET /v1/segments/{k}, GET /v1/snapshot/{seq}/{chunk},
            POST /v1/state/mutations, GET /v1/state?after=N, GET /healthz (see docs/PROTOCOL.md).
            Content is compressed with zstd, br or gzip as the client accepts; sealed segments are
            compressed once and kept in memory (--cache-mb). State requests are limited per device
            token (--rate, --burst) and answered 429 with Retry-After beyond; so are unknown or revoked
            tokens per client address (--auth-failure-burst, --auth-failure-rate).
            Connections are capped (--max-connections; more wait in the listen backlog) and closed when
            a client is too slow: no request head --header-timeout seconds after connecting, a request
            body not done --request-timeout seconds after its head, or idle --idle-timeout seconds
            after an answer. Each user keeps the mutation ids of at most --max-clients devices; a new
            device beyond them replaces the one idle longest. Limits are listed in docs/PROTOCOL.md §5.
            Feeds added with `paperboy-server feed add` are polled while serving (--no-poll: not).
            Sealed segments and snapshot chunks are compressed in the background as soon as they seal
            (also when another process imports or compacts), newest first within --cache-mb.
            Listens on 127.0.0.1 unless --host says otherwise. Stop with Ctrl-C or SIGTERM; requests
            in flight and a poll's import finish first.
            For testing clients only, --inject-faults N spoils every Nth request in turn with a 500, a
            429 with Retry-After, a stall of --fault-stall seconds, a truncated body, a corrupt gzip
            body, or JSON cut in half.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one and prints it).")
    var port = 8080

    @Option(help: "Changes per log segment, fixed by the first serve or compact of a database (default 1000).")
    var segmentSize: Int64?

    @Option(help: "State requests per second each device token may sustain (0: no limit).")
    var rate: Double = 10

    @Option(help: "State requests a device token may send in a burst before --rate applies.")
    var burst = 100

    @Option(help: "Failed token checks (unknown or revoked tokens) a client address may make in a burst before 429.")
    var authFailureBurst = 20

    @Option(help: "Failed token checks per second a client address may sustain after its burst (0: no limit).")
    var authFailureRate: Double = 0.2

    @Option(help: "Connections served at once; more wait until one closes.")
    var maxConnections = 512

    @Option(help: "Seconds a new connection may take to send its first request head.")
    var headerTimeout = 10.0

    @Option(help: "Seconds a request may take from its head to the end of its body.")
    var requestTimeout = 30.0

    @Option(help: "Seconds an idle connection stays open after an answer, waiting for the next request.")
    var idleTimeout = 60.0

    @Option(help: "Devices (client ids) whose mutation ids each user keeps; a new one beyond replaces the longest idle.")
    var maxClients = 64

    @Option(help: "Megabytes of segment and snapshot bodies (and their compressed forms) kept in memory.")
    var cacheMb = 256

    @Option(help: "Least severe log lines written: trace, debug, info (one line per request), warning, error.")
    var logLevel: Logger.Level = .info

    @Flag(help: "Do not poll the feeds added with `feed add` while serving.")
    var noPoll = false

    @OptionGroup var addresses: AddressOptions

    @Option(help: ArgumentHelp("Test clients: spoil every Nth request (3: a third) with a fault.", valueName: "N"))
    var injectFaults: Int?

    @Option(help: "Seconds a stalled response (one of the injected faults) stays silent before closing.")
    var faultStall = 35.0

    func validate() throws {
        if let injectFaults, injectFaults < 1 { throw ValidationError("--inject-faults must be 1 or more, got \(injectFaults)") }
        guard faultStall >= 0, faultStall.isFinite else { throw ValidationError("--fault-stall must be 0 or more seconds, got \(faultStall)") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        if let segmentSize, segmentSize <= 0 { throw ValidationError("--segment-size must be positive, got \(segmentSize)") }
        guard rate >= 0, rate.isFinite else { throw ValidationError("--rate must be 0 or more, got \(rate)") }
        guard burst > 0 else { throw ValidationError("--burst must be positive, got \(burst)") }
        guard cacheMb >= 0 else { throw ValidationError("--cache-mb must be 0 or more, got \(cacheMb)") }
        guard authFailureBurst > 0 else { throw ValidationError("--auth-failure-burst must be positive, got \(authFailureBurst)") }
        guard authFailureRate >= 0, authFailureRate.isFinite else {
            throw ValidationError("--auth-failure-rate must be 0 or more, got \(authFailureRate)")
        }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be positive, got \(maxConnections)") }
        guard maxClients > 0 else { throw ValidationError("--max-clients must be positive, got \(maxClients)") }
        for (flag, seconds) in [("--header-timeout", headerTimeout), ("--request-timeout", requestTimeout), ("--idle-timeout", idleTimeout)] {
            guard seconds > 0, seconds <= 86_400 else { throw ValidationError("\(flag) must be more than 0 and at most 86400 seconds, got \(seconds)") }
        }
    }

    func run() async throws {
        let storage = try database.open()
        var configuration = FeedServerConfiguration()
        configuration.segmentSize = try database.segmentSize(storage, proposed: segmentSize)
        configuration.stateRequestsPerSecond = rate
        configuration.stateRequestBurst = burst
        configuration.bodyCacheBytes = cacheMb << 20
        configuration.authFailureBurst = authFailureBurst
        configuration.authFailuresPerSecond = authFailureRate
        configuration.maxConnections = maxConnections
        configuration.maxClientsPerUser = maxClients
        configuration.timeouts.header = .milliseconds(Int64(headerTimeout * 1000))
        configuration.timeouts.request = .milliseconds(Int64(requestTimeout * 1000))
        configuration.timeouts.idle = .milliseconds(Int64(idleTimeout * 1000))
        if let injectFaults {
            configuration.faultInjection = FaultInjection(every: injectFaults, stall: .milliseconds(Int64(faultStall * 1000)))
            ServerOutput.warn("paperboy-server: spoiling 1 request in \(injectFaults) on purpose (--inject-faults); for testing clients only")
        }
        var logger = Logger(label: "paperboy-server")
        logger.logLevel = logLevel
        let host = self.host
        let app = try FeedServer.makeApplication(
            storage: storage, configuration: configuration, host: host, port: port, logger: logger,
            // Written unbuffered: scripts wait for this line in a redirected log.
            onListening: { port in ServerOutput.say("paperboy-server listening on http://\(host):\(port)") })
        var services: [any Service] = [app]
        if !noPoll {
            // Runs even with no feeds yet: it looks again every minute, so `feed add` needs no restart.
            services.append(try FeedCommand.poller(storage, addresses: addresses, logger: logger))
        }
        // SIGTERM or SIGINT shuts the services down in reverse order: the poller finishes the import
        // in hand, then the server lets requests in flight finish.
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
