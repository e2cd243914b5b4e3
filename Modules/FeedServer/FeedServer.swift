import Hummingbird
import Logging

/// The feed server as a library: routes, middleware and storage wired into a Hummingbird app.
public enum FeedServer {
    /// The router with every endpoint of protocol v1.
    public static func makeRouter(
        storage: any FeedStorage, configuration: FeedServerConfiguration = FeedServerConfiguration()
    ) throws -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        if let faults = configuration.faultInjection { router.middlewares.add(FaultInjectionMiddleware(plan: faults)) }
        router.middlewares.add(RequestLogMiddleware())
        router.middlewares.add(ProblemMiddleware())
        ContentRoutes(storage: storage, configuration: configuration, cache: BodyCache(byteLimit: configuration.bodyCacheBytes))
            .add(to: router)
        StateRoutes(
            storage: storage, configuration: configuration, clock: try ServerClock(storage: storage),
            limiter: TokenRateLimiter(
                perSecond: configuration.stateRequestsPerSecond, burst: configuration.stateRequestBurst)
        ).add(to: router)
        return router
    }

    /// An application listening on `host:port` (port 0 picks a free one; `onListening` gets it).
    public static func makeApplication(
        storage: any FeedStorage, configuration: FeedServerConfiguration = FeedServerConfiguration(),
        host: String = "127.0.0.1", port: Int = 8080, logger: Logger = Logger(label: "paperboy-server"),
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        Application(
            router: try makeRouter(storage: storage, configuration: configuration),
            configuration: .init(address: .hostname(host, port: port), serverName: "paperboy-server"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

/// A feed server running in the background of this process, for tests and for embedding.
public final class BackgroundFeedServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Starts serving on `host` and an ephemeral port; returns once it accepts connections.
    public static func start(
        storage: any FeedStorage, configuration: FeedServerConfiguration = FeedServerConfiguration(),
        host: String = "127.0.0.1", logger: Logger = Logger(label: "paperboy-server")
    ) async throws -> BackgroundFeedServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = try FeedServer.makeApplication(
            storage: storage, configuration: configuration, host: host, port: 0, logger: logger,
            onListening: { continuation.yield($0) })
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return BackgroundFeedServer(port: port, task: task)
    }

    /// Stops accepting, lets requests in flight finish, and returns when the server has stopped.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
