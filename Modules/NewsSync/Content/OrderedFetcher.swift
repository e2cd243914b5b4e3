import Foundation

/// Fetches items several at a time but hands them over strictly in order, so a later segment can be
/// downloading while an earlier one is applied, and nothing is applied out of order.
enum OrderedFetcher {
    /// Runs `fetch` for `items` with at most `window` in flight and calls `apply` in item order.
    /// On any failure, or when the caller is cancelled, the fetches still in flight are cancelled.
    /// `items` may be a range of segment numbers: it is walked, never copied.
    static func run<Items: Collection, Value: Sendable>(
        _ items: Items, window: Int,
        fetch: @escaping @Sendable (Items.Element) async throws -> Value,
        apply: (Items.Element, Value) async throws -> Void
    ) async throws where Items.Element: Sendable {
        let bag = TaskBag<Value>()
        defer { bag.cancelAll() }
        try await withTaskCancellationHandler {
            var upcoming = items.makeIterator()
            var started = 0
            for (position, item) in items.enumerated() {
                while started < position + max(1, window), let next = upcoming.next() {
                    bag.add(Task { try await fetch(next) }, at: started)
                    started += 1
                }
                // Taken out of the bag: a finished task keeps its value alive for as long as it is
                // referenced, and a first sync's worth of decoded segments does not fit in memory.
                let value = try await bag.take(at: position).value
                try await apply(item, value)
            }
        } onCancel: {
            bag.cancelAll()
        }
    }
}

/// The fetch tasks of one run, reachable from the cancellation handler; only those in flight are
/// held, so a long run costs no memory per item.
private final class TaskBag<Value: Sendable>: Sendable {
    private let state = Locked((tasks: [Int: Task<Value, any Error>](), current: Task<Value, any Error>?.none, cancelled: false))

    func add(_ task: Task<Value, any Error>, at position: Int) {
        state.withLock {
            $0.tasks[position] = task
            if $0.cancelled { task.cancel() }
        }
    }

    /// The task at `position`, removed from the bag (each is awaited once); it stays cancellable
    /// until the next one is taken.
    func take(at position: Int) -> Task<Value, any Error> {
        state.withLock {
            let task = $0.tasks.removeValue(forKey: position)!
            $0.current = task
            return task
        }
    }

    func cancelAll() {
        state.withLock {
            $0.cancelled = true
            $0.current?.cancel()
            for task in $0.tasks.values { task.cancel() }
        }
    }
}
