import Dispatch
import GRDB
import NewsModels

extension NewsStore {
    // MARK: Observation

    /// The timeline for `query` now, then again after every write to this store that changes it
    /// (a sync, a poll, a mark), as a SwiftUI list wants it. Ending the iteration stops observing.
    public func timelineUpdates(_ query: TimelineQuery) -> AsyncThrowingStream<[TimelineEntry], any Error> {
        observe { db in try Self.fetchTimeline(db, query) }
    }

    /// The store's counts (articles, unread, starred, …) now and after every change to them.
    public func countUpdates() -> AsyncThrowingStream<StoreCounts, any Error> {
        observe { db in try Self.fetchCounts(db) }
    }

    /// One story's coverage (its stored articles, earliest first) now and after every change to it.
    public func coverageUpdates(storyId: String) -> AsyncThrowingStream<[Article], any Error> {
        observe { db in try Self.fetchStoryArticles(db, storyId: storyId) }
    }

    /// Runs `fetch` now and after each committed write through this store that touches the tables
    /// it read (GRDB's ValueObservation); equal consecutive values are sent once. Writes by another
    /// process sharing the file are seen with this store's next write, not before.
    private func observe<Value: Sendable & Equatable>(
        _ fetch: @escaping @Sendable (Database) throws -> Value
    ) -> AsyncThrowingStream<Value, any Error> {
        let path = self.path
        let observation = ValueObservation.tracking(fetch).removeDuplicates()
        return AsyncThrowingStream { continuation in
            let cancellable = observation.start(
                in: pool, scheduling: .async(onQueue: DispatchQueue(label: "paperboy-store-observation")),
                onError: { continuation.finish(throwing: StoreError.from($0, path: path)) },
                onChange: { continuation.yield($0) })
            continuation.onTermination = { _ in cancellable.cancel() }
        }
    }
}
