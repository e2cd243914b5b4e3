/// A `FeedStorage` for async callers: each call runs on an `Offload` lane, reads beside each other
/// and writes one at a time, so route handlers and the poller never block Swift's cooperative pool.
struct OffloadedStorage: Sendable {
    let base: any FeedStorage

    /// Runs a read of the database off the cooperative pool.
    func read<T: Sendable>(_ body: @escaping @Sendable (any FeedStorage) throws -> T) async throws -> T {
        let base = self.base
        return try await Offload.reads.run { try body(base) }
    }

    /// Runs a write to the database off the cooperative pool, after the writes queued before it.
    func write<T: Sendable>(_ body: @escaping @Sendable (any FeedStorage) throws -> T) async throws -> T {
        let base = self.base
        return try await Offload.writes.run { try body(base) }
    }
}
