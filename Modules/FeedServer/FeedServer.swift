import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// The feed server as a library: routes, middleware and storage wired into a Hummingbird app.
public enum FeedServer {
    /// The router with every endpoint of protocol v1. Bodies are compressed on request only: the
    /// cache warmer runs with `makeApplication`.
    public static func makeRouter(
        storage: any FeedStorage, configuration: FeedServerConfiguration = FeedServerConfiguration()
    ) throws -> Router<ServerRequestContext> {
        makeParts(storage: storage, configuration: configuration, logger: Logger(label: "paperboy-server")).router
    }

    /// An application listening on `host:port` (port 0 picks a free one; `onListening` gets it). It
    /// runs the cache warmer beside the server, and stops both on graceful shutdown.
    public static func makeApplication(
        storage: any FeedStorage, configuration: FeedServerConfiguration = FeedServerConfiguration(),
        host: String = "127.0.0.1", port: Int = 8080, logger: Logger = Logger(label: "paperboy-server"),
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        application(
            makeParts(storage: storage, configuration: configuration, logger: logger), host: host, port: port, logger: logger,
            onListening: onListening)
    }

    /// The router and the cache warmer that fills its body cache.
    struct Parts {
        let router: Router<ServerRequestContext>
        let warmer: CacheWarmer
        let timeouts: ConnectionTimeouts
        let maxConnections: Int?
    }

    static func makeParts(storage: any FeedStorage, configuration: FeedServerConfiguration, logger: Logger) -> Parts {
        let storage = OffloadedStorage(base: storage)
        let cache = BodyCache(byteLimit: configuration.bodyCacheBytes)
        let router = Router(context: ServerRequestContext.self)
        if let faults = configuration.faultInjection { router.middlewares.add(FaultInjectionMiddleware(plan: faults)) }
        router.middlewares.add(RequestLogMiddleware())
        router.middlewares.add(ProblemMiddleware())
        ContentRoutes(storage: storage, configuration: configuration, cache: cache, manifests: ManifestCache()).add(to: router)
        let clock = ServerClock(storage: storage, now: configuration.now)
        let limiter = TokenRateLimiter(
            perSecond: configuration.stateRequestsPerSecond, burst: configuration.stateRequestBurst, clock: configuration.clock)
        let failures = TokenRateLimiter(
            perSecond: configuration.authFailuresPerSecond, burst: configuration.authFailureBurst, clock: configuration.clock)
        StateRoutes(storage: storage, configuration: configuration, clock: clock, limiter: limiter, failures: failures).add(to: router)
        // The app APIs share the state routes' clock and limits: one state, one budget per user.
        let auth = AppAuthenticator(storage: storage, limiter: limiter, failures: failures)
        GoogleReaderRoutes(storage: storage, auth: auth, clock: clock).add(to: router)
        MinifluxRoutes(storage: storage, auth: auth, clock: clock).add(to: router)
        StoriesFeedRoute(storage: storage, title: configuration.title).add(to: router)
        let warmer = CacheWarmer(
            storage: storage, cache: cache, segmentSize: configuration.segmentSize, clock: configuration.clock,
            interval: configuration.cacheCheckInterval, logger: logger)
        return Parts(router: router, warmer: warmer, timeouts: configuration.timeouts, maxConnections: configuration.maxConnections)
    }

    static func application(
        _ parts: Parts, host: String, port: Int, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        var server = ApplicationConfiguration(address: .hostname(host, port: port), serverName: "paperboy-server")
        // Beyond the cap the listener stops accepting (connections wait in the kernel's backlog)
        // until one closes; the deadlines make sure stalled ones do close.
        server.availableConnectionsDelegate = parts.maxConnections.map { MaximumAvailableConnections(max(1, $0), logger: logger) }
        let timeouts = parts.timeouts
        return Application(
            router: parts.router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionDeadlineHandler(timeouts: timeouts)])),
            configuration: server,
            services: [parts.warmer],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}

/// A feed server running in the background of this process, for tests and for embedding.
public final class BackgroundFeedServer: Sendable {
    /// The port it listens on.
    public let port: Int
    /// Fills the body cache; tests look into it.
    let warmer: CacheWarmer
    private let task: Task<Void, any Error>

    private init(port: Int, warmer: CacheWarmer, task: Task<Void, any Error>) {
        self.port = port
        self.warmer = warmer
        self.task = task
    }

    /// Starts serving on `host` and an ephemeral port; returns once it accepts connections.
    public static func start(
        storage: any FeedStorage, configuration: FeedServerConfiguration = FeedServerConfiguration(),
        host: String = "127.0.0.1", logger: Logger = Logger(label: "paperboy-server")
    ) async throws -> BackgroundFeedServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let parts = FeedServer.makeParts(storage: storage, configuration: configuration, logger: logger)
        let app = FeedServer.application(parts, host: host, port: 0, logger: logger, onListening: { continuation.yield($0) })
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return BackgroundFeedServer(port: port, warmer: parts.warmer, task: task)
    }

    /// Stops accepting, lets requests in flight finish, and returns when the server has stopped.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// The request context of every route: Hummingbird's basics plus the peer's address, which the
/// failed-authentication limit counts by.
public struct ServerRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The client's IPv4 address, or the /64 network of its IPv6 address (one host holds a whole
    /// /64, so counting single IPv6 addresses would count nothing); nil for an unknown peer.
    public let remoteAddress: String?

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        switch source.channel.remoteAddress {
        case .v6(let address)?:
            let bytes = withUnsafeBytes(of: address.address.sin6_addr) { Array($0) }
            if bytes.prefix(10).allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
                remoteAddress = bytes.suffix(4).map(String.init).joined(separator: ".")  // an IPv4 client of a dual-stack socket
            } else {
                remoteAddress = bytes.prefix(8).map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
            }
        case let other:
            remoteAddress = other?.ipAddress
        }
    }
}
