import Logging
import NIOCore
import ServiceLifecycle

/// Compresses sealed segments and snapshot chunks into the body cache before any client asks, so the
/// first client of a fresh server is served as fast as the second.
///
/// It looks at the log's bounds every `interval` (one SELECT): imports may come from another process
/// (`paperboy-server import`, `compact`), so nothing in this one is told when a segment seals. On the
/// first look it warms what is already sealed, newest first, until the cache is full; afterwards every
/// newly sealed segment and every new snapshot's chunks. Compression runs on a background thread.
actor CacheWarmer: Service {
    let storage: OffloadedStorage
    let cache: BodyCache
    let segmentSize: Int64
    let clock: any Clock<Duration>
    let interval: Duration
    let logger: Logger
    /// Segments below this index were warmed (or skipped for room) already; nil before the first look.
    private var sealedSeen: Int64?
    private var snapshotSeen: Int64?
    private var checking = false
    /// Looks finished so far, for tests that wait for one.
    private(set) var completedChecks = 0

    init(
        storage: OffloadedStorage, cache: BodyCache, segmentSize: Int64, clock: any Clock<Duration>, interval: Duration,
        logger: Logger
    ) {
        self.storage = storage
        self.cache = cache
        self.segmentSize = segmentSize
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// Looks for new sealed bodies every `interval` until cancelled or shut down gracefully.
    nonisolated func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    await self.check()
                    try await self.clock.sleep(for: self.interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// Warms whatever sealed since the last look. A look already running makes this one a no-op.
    func check() async {
        guard !checking else { return }
        checking = true
        defer { checking = false }
        let bounds: LogBounds
        do {
            bounds = try await storage.read { try $0.logBounds() }
        } catch {
            logger.warning("cache warmer cannot read the log's bounds: \(error)")
            return
        }
        let firstLive = bounds.oldest / segmentSize
        let sealed = bounds.head / segmentSize
        // Newest first: clients catching up want the latest segments; a fresh client with a snapshot
        // wants its chunks, then the segments after it.
        let fresh = (max(firstLive, sealedSeen ?? firstLive)..<max(firstLive, sealed)).reversed().map { BodyKey.segment($0) }
        var keys = fresh
        if let snapshot = bounds.snapshot, snapshot.seq != snapshotSeen {
            let chunks = (0..<snapshot.chunks).map { BodyKey.snapshot(seq: snapshot.seq, chunk: $0) }
            let after = fresh.prefix { if case .segment(let k) = $0 { (k + 1) * segmentSize > snapshot.seq } else { false } }
            keys = Array(after) + chunks + fresh.dropFirst(after.count)
        }
        // On the first look, what is already sealed fills the cache only as far as it has room; after
        // that, a new body is what clients will want next, so it may push older ones out.
        let budgeted = sealedSeen == nil
        for key in keys {
            guard !Task.isCancelled else { return }
            guard await warm(key, head: bounds.head, budgeted: budgeted) else { break }
        }
        sealedSeen = max(sealedSeen ?? 0, sealed)
        snapshotSeen = bounds.snapshot?.seq ?? snapshotSeen
        completedChecks += 1
    }

    /// Loads `key`'s body and stores it with every coding; false when a budgeted warm-up has no room.
    private func warm(_ key: BodyKey, head: Int64, budgeted: Bool) async -> Bool {
        if let cached = await cache.body(key), cached.encoded.count == ContentCoding.offered.count { return true }
        let segmentSize = self.segmentSize
        let loaded: CachedBody?
        do {
            loaded = try await storage.read { storage in
                switch key {
                case .segment(let index): try ContentBodies.segment(storage, index: index, size: segmentSize, head: head)
                case .snapshot(let seq, let chunk): try ContentBodies.snapshotChunk(storage, seq: seq, chunk: chunk)
                }
            }
        } catch {
            logger.warning("cache warmer cannot load \(key): \(error)")
            return true
        }
        guard let body = loaded, let identity = body.identity else { return true }
        // Compressed variants come to about half the plain bytes together.
        if budgeted, identity.readableBytes * 3 / 2 > (await cache.room) { return false }
        await cache.store(body, for: key)
        for coding in ContentCoding.offered {
            let encoded = await Offload.warming.run { coding.encode(identity, effort: .once) }
            await cache.store(encoded, coding: coding, for: key, etag: body.etag)
        }
        return true
    }
}
