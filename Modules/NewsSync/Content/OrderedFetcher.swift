import Foundation

/// Fetches items several at a time but hands them over strictly in order, so a later segment can be
/// downloading while an earlier one is applied, and nothing is applied out of order.
enum OrderedFetcher {
    /// Runs `fetch` for `items` with at most `window` in flight and calls `apply` in item order.
    /// On any failure, or when the caller is cancelled, the fetches still in flight are cancelled.
    static func run<Item: Sendable, Value: Sendable>(
        _ items: [Item], window: Int,
        fetch: @escaping @Sendable (Item) async throws -> Value,
        apply: (Item, Value) async throws -> Void
    ) async throws {
        let bag = TaskBag<Value>()
        defer { bag.cancelAll() }
        try await withTaskCancellationHandler {
            var started = 0
            for index in items.indices {
                while started < min(items.count, index + max(1, window)) {
                    let item = items[started]
                    bag.add(Task { try await fetch(item) })
                    started += 1
                }
                // Taken out of the bag: a finished task keeps its value alive for as long as it is
                // referenced, and a first sync's worth of decoded segments does not fit in memory.
                let value = try await bag.take(at: index).value
                try await apply(items[index], value)
            }
        } onCancel: {
            bag.cancelAll()
        }
    }
}

/// The fetch tasks of one run, reachable from the cancellation handler.
private final class TaskBag<Value: Sendable>: Sendable {
    private let state = Locked((tasks: [Task<Value, any Error>?](), current: Task<Value, any Error>?.none, cancelled: false))

    func add(_ task: Task<Value, any Error>) {
        state.withLock {
            $0.tasks.append(task)
            if $0.cancelled { task.cancel() }
        }
    }

    /// The task at `index`, removed from the bag (each is awaited once); it stays cancellable until
    /// the next one is taken.
    func take(at index: Int) -> Task<Value, any Error> {
        state.withLock {
            let task = $0.tasks[index]!
            $0.tasks[index] = nil
            $0.current = task
            return task
        }
    }

    func cancelAll() {
        state.withLock {
            $0.cancelled = true
            $0.current?.cancel()
            for task in $0.tasks { task?.cancel() }
        }
    }
}
