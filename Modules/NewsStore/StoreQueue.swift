import Dispatch

extension NewsStore {
    /// Runs `body` (calls on this store's synchronous API) on the store's dispatch queue and awaits it,
    /// so an async caller never holds a cooperative-pool thread while SQLite reads, writes or waits for
    /// another process's write lock. The work runs to the end even if the awaiting task is cancelled:
    /// a transaction is never cut in half.
    public func perform<T: Sendable, Failure: Error>(
        _ body: @escaping @Sendable (NewsStore) throws(Failure) -> T
    ) async throws(Failure) -> T {
        let result: Result<T, Failure> = await withCheckedContinuation { continuation in
            StoreQueue.shared.async {
                continuation.resume(returning: Result { () throws(Failure) -> T in try body(self) })
            }
        }
        return try result.get()
    }
}

/// Where `perform` runs store work. Concurrent: GRDB already serialises writes and lets reads run in
/// parallel, and a blocked SQLite call then holds a dispatch thread, never one of the pool's few.
enum StoreQueue {
    static let shared = DispatchQueue(label: "paperboy-store", qos: .userInitiated, attributes: .concurrent)
}
