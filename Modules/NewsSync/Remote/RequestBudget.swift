/// How many requests one sync may send: an allowance for reading the manifest, then as many as
/// each phase's plan needs (one per segment, snapshot chunk, state batch or page, each with all its
/// retry attempts). A sync whose answers keep it going past that stops with
/// `SyncError.requestLimit` instead of running on, whatever loop a server's answers drive.
final class RequestBudget: Sendable {
    /// Manifest reads a sync may need before its plan is known: two per pass (a 304 whose cached
    /// copy is unreadable sends one fresh request), three passes.
    static let manifestRequests = 6

    private let state: Locked<(allowed: Int, used: Int)>
    private let attempts: Int

    /// A budget for a sync that retries each request up to `attempts` times.
    init(attempts: Int) {
        self.attempts = max(1, attempts)
        state = Locked((allowed: Self.manifestRequests * max(1, attempts), used: 0))
    }

    /// Allows `requests` more planned requests, each with all its attempts.
    func plan(_ requests: Int64) {
        let ceiling = Int.max / 2
        let extra = Int(min(max(requests, 0), Int64(ceiling / attempts))) * attempts
        state.withLock { $0.allowed = min(ceiling, $0.allowed + extra) }
    }

    /// Takes one request from the budget, or fails when the plan is used up.
    func spend(remote: String) throws(SyncError) {
        let (allowed, over) = state.withLock { budget in
            budget.used += 1
            return (budget.allowed, budget.used > budget.allowed)
        }
        if over { throw .requestLimit(remote: remote, requests: allowed) }
    }
}
