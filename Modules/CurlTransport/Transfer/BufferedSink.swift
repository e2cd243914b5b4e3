import HTTPTransport

/// Receives the outcome of a buffered `send`: one response or one error, delivered once by the loop
/// thread to the async caller awaiting it.
final class BufferedSink: Sendable {
    typealias Outcome = Result<HTTPResponse, HTTPError>

    private struct State {
        var continuation: CheckedContinuation<Outcome, Never>?
        var cancelled = false
    }

    private let state = LockedState(State())

    /// Stores the continuation the loop thread will resume; called before the transfer is queued.
    func install(_ continuation: CheckedContinuation<Outcome, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Marks the request cancelled; the loop thread aborts it (or never starts it) and resumes the
    /// caller with `.cancelled`.
    func markCancelled() {
        state.withLock { $0.cancelled = true }
    }

    /// Whether the caller has cancelled.
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Resumes the waiting caller; later calls are ignored.
    func complete(_ outcome: Outcome) {
        let continuation = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume(returning: outcome)
    }
}
