import Foundation
import NewsModels
import NewsStore

/// Sends the journal of local read/starred changes, then pulls the user's state (PROTOCOL.md §4).
struct StateSync: Sendable {
    let client: RemoteClient
    let store: NewsStore
    let options: SyncOptions
    var remote: String { client.remote.name }

    enum Key {
        static let stateSeq = "state.seq"
        static let stateETag = "state.etag"
    }

    func run(_ summary: inout SyncSummary) async throws {
        try await push(&summary)
        try await pull(&summary)
    }

    /// Sends pending mutations a batch at a time; each acknowledged batch leaves the journal.
    private func push(_ summary: inout SyncSummary) async throws {
        let clientId = try await store.perform { try $0.clientId() }
        let batchSize = options.mutationBatchSize
        var sent: Int64?
        while true {
            let pending = try await store.perform { try $0.pendingMutations(limit: batchSize) }
            guard let newest = pending.last?.mid else { return }
            // Each acknowledged batch leaves the journal, so the next one starts after it; one
            // that does not would be sent forever.
            if let sent, let oldest = pending.first?.mid, oldest <= sent {
                throw SyncError.noProgress(
                    url: client.remote.url("/v1/state/mutations"),
                    reason: "mutation \(oldest) is still pending after mutations up to \(sent) were acknowledged")
            }
            client.budget.plan(1)
            let body = try NewsJSON.encode(StateMutationBatch(clientId: clientId, mutations: pending))
            let ack = try await client.post("/v1/state/mutations", json: body) { data in
                try NewsJSON.decode(StateMutationAck.self, from: data)
            }
            // The server answers with the last mid it holds for this client. Below what was sent
            // means it lost state (a restored backup); the journal is kept and sent again next time
            // rather than spinning here.
            guard ack.appliedMid >= newest else {
                throw SyncError.malformed(
                    url: client.remote.url("/v1/state/mutations"),
                    reason: "acknowledged mid \(ack.appliedMid) after mutations up to \(newest) were sent")
            }
            try await store.perform { try $0.acknowledgeMutations(through: ack.appliedMid) }
            sent = newest
            summary.statePushed += pending.count
            client.events(.statePushed(count: pending.count))
        }
    }

    /// Pulls state pages after the stored state cursor; each page and its cursor land in one
    /// transaction. Local changes still in the journal carry newer clocks than anything the server
    /// held when they were made, so the merge (newer HLC wins) never undoes them.
    ///
    /// Each full page must move the cursor forward, and the pages are planned from the log's head:
    /// a user's state holds at most one record per article, and the log has at least one seq per
    /// article, so `head / limit + 2` pages always suffice.
    private func pull(_ summary: inout SyncSummary) async throws {
        var after = try await store.perform { try $0.syncValue(Key.stateSeq, remote: remote) }.flatMap(Int64.init) ?? 0
        var etag = try await store.perform { try $0.syncValue(Key.stateETag, remote: remote) }
        let limit = max(1, options.statePageSize)
        client.budget.plan(max(summary.head, 0) / Int64(limit) + 2)
        while true {
            let fetched = try await client.get("/v1/state?after=\(after)&limit=\(limit)", etag: etag, authenticated: true) { data in
                try NewsJSON.decode(StatePage.self, from: data)
            }
            guard case let .fresh(page, newETag) = fetched else { return }
            let complete = page.changes.count < limit && page.more != true
            let syncValues = [Key.stateSeq: String(page.stateSeq), Key.stateETag: complete ? newETag : nil]
            try await store.perform { try $0.mergeState(page.changes, remote: remote, syncValues: syncValues) }
            summary.statePulled += page.changes.count
            if !page.changes.isEmpty { client.events(.statePulled(count: page.changes.count)) }
            guard !complete else { return }
            guard page.stateSeq > after else {
                throw SyncError.noProgress(
                    url: client.remote.url("/v1/state"),
                    reason: "a full page of state left the cursor at \(page.stateSeq), not past \(after)")
            }
            after = page.stateSeq
            etag = nil
        }
    }
}
