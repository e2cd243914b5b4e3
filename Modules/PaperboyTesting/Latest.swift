import Foundation

/// The latest value an async sequence sent (a store observation, say), for tests that wait for a
/// value by polling (`eventually`) instead of sleeping.
public final class Latest<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `latest` is only touched under `lock`; `task` is set once, in `init`.
    private let lock = NSLock()
    private var latest: Value?
    private var task: Task<Void, Never>?

    /// Starts iterating `sequence`; `stop` ends it.
    public init(_ sequence: AsyncThrowingStream<Value, any Error>) {
        // Holds `self` until `stop` cancels the iteration.
        task = Task {
            do {
                for try await value in sequence { self.set(value) }
            } catch {}
        }
    }

    /// The last value sent, nil before the first.
    public var value: Value? { lock.withLock { latest } }

    /// Stops iterating.
    public func stop() { task?.cancel() }

    private func set(_ value: Value) { lock.withLock { latest = value } }
}

/// Waits until `latest` holds a value satisfying `condition` and returns it; throws `WaitFailure`
/// naming `what` when it never does.
public func eventually<Value: Sendable>(
    _ what: String, _ latest: Latest<Value>, _ condition: @escaping (Value) -> Bool
) async throws -> Value {
    var found: Value?
    try await eventually(what) {
        found = latest.value.flatMap { condition($0) ? $0 : nil }
        return found != nil
    }
    guard let found else { throw WaitFailure(what: what) }
    return found
}
