import Foundation
import HTTPTransport
import NewsModels
import NewsStore

/// Brings the store's copy of the content log up to the server's head (PROTOCOL.md §2–§3).
struct ContentSync: Sendable {
    let client: RemoteClient
    let store: NewsStore
    let options: SyncOptions
    var remote: String { client.remote.name }

    /// Keys of the remote's sync bookkeeping.
    enum Key {
        static let manifestETag = "manifest.etag"
        static let manifest = "manifest.json"
        static let openSegment = "open.segment"
        static let openETag = "open.etag"
        static let snapshotSeq = "snapshot.seq"
        static let snapshotDone = "snapshot.done"
        static let snapshotLines = "snapshot.lines"
    }

    func run(_ summary: inout SyncSummary) async throws {
        // A compaction between the manifest and a segment (410), or a snapshot superseded while it
        // loads (404), sends the sync back to a fresh manifest; twice is plenty.
        for pass in 0..<3 {
            let manifest = try await readManifest(fresh: pass > 0)
            summary.head = manifest.head
            var cursor = try await store.perform { try $0.cursor(for: remote) }
            client.events(.manifest(head: manifest.head, cursor: cursor))
            do {
                if let snapshot = manifest.snapshot, cursor == nil || cursor! < manifest.oldest {
                    try await loadSnapshot(snapshot, &summary)
                    cursor = snapshot.seq
                    summary.loadedSnapshot = true
                } else if let current = cursor, current < manifest.oldest {
                    throw SyncError.malformed(url: client.remote.url("/v1/manifest"), reason: "oldest \(manifest.oldest) is above this store's cursor \(current) but the manifest names no snapshot")
                }
                summary.cursor = try await readSegments(after: cursor ?? 0, manifest: manifest, &summary)
                return
            } catch is RemoteClient.Gone {
                continue
            } catch let SyncError.transport(.status(failure)) where failure.status == 404 && summary.loadedSnapshot == false {
                continue
            }
        }
        throw SyncError.malformed(url: client.remote.url("/v1/manifest"), reason: "the log kept moving under the sync (compacted three times); try again")
    }

    // MARK: Manifest

    private func readManifest(fresh: Bool) async throws -> Manifest {
        let (etag, stored) = try await store.perform { (store) throws(StoreError) in
            (fresh ? nil : try store.syncValue(Key.manifestETag, remote: remote), try store.syncValue(Key.manifest, remote: remote))
        }
        let answer = try await client.get("/v1/manifest", etag: stored == nil ? nil : etag) { data in
            (manifest: try NewsJSON.decode(Manifest.self, from: data), json: String(decoding: data, as: UTF8.self))
        }
        let manifest: Manifest
        switch answer {
        case .notModified:
            guard let stored, let cached = try? NewsJSON.decode(Manifest.self, from: Data(stored.utf8)) else {
                return try await readManifest(fresh: true)
            }
            manifest = cached
        case let .fresh(value, etag):
            manifest = value.manifest
            try await store.perform { try $0.setSyncValues([Key.manifestETag: etag, Key.manifest: value.json], remote: remote) }
        }
        guard manifest.protocol == 1 else { throw SyncError.unsupportedProtocol(manifest.protocol) }
        guard manifest.segmentSize > 0, manifest.head >= 0, manifest.oldest >= 0, manifest.oldest <= manifest.head else {
            throw SyncError.malformed(url: client.remote.url("/v1/manifest"), reason: "impossible bounds (segmentSize \(manifest.segmentSize), head \(manifest.head), oldest \(manifest.oldest))")
        }
        return manifest
    }

    // MARK: Snapshot

    private func loadSnapshot(_ snapshot: SnapshotRef, _ summary: inout SyncSummary) async throws {
        // Resume a load this store started for the same snapshot: whole chunks done, plus the lines of
        // the next chunk already applied. Otherwise start over.
        let (resumeChunk, resumeLines) = try await store.perform { (store) throws(StoreError) in
            guard try store.syncValue(Key.snapshotSeq, remote: remote).flatMap(Int64.init) == snapshot.seq else { return (0, 0) }
            return (try store.syncValue(Key.snapshotDone, remote: remote).flatMap(Int.init) ?? 0,
                    try store.syncValue(Key.snapshotLines, remote: remote).flatMap(Int.init) ?? 0)
        }
        let pending = Array(snapshot.chunks.enumerated().dropFirst(resumeChunk))
        let client = self.client
        client.budget.plan(Int64(pending.count))
        let batch = max(1, options.snapshotTransactionSize)
        var local = summary
        try await OrderedFetcher.run(pending, window: options.parallelFetches) { item in
            try await client.getBody(item.element) { data in try NewsJSON.decodeChanges(from: data, keepBlocks: false) }
        } apply: { item, changes in
            var start = item.offset == resumeChunk ? min(resumeLines, changes.count) : 0
            repeat {
                let end = min(start + batch, changes.count)
                let finished = end == changes.count
                let lines = Array(changes[start..<end])
                let progress: [String: String?] = [
                    Key.snapshotSeq: String(snapshot.seq), Key.snapshotDone: String(finished ? item.offset + 1 : item.offset),
                    Key.snapshotLines: finished ? nil : String(end),
                ]
                let applied = try await store.perform {
                    try $0.applySnapshotChunk(logged: lines, remote: remote, snapshotSeq: snapshot.seq, syncValues: progress)
                }
                local.add(applied)
                start = end
            } while start < changes.count
            client.events(.snapshotChunk(done: item.offset + 1, total: snapshot.chunks.count, articles: changes.count))
        }
        local.deleted += try await store.perform {
            try $0.finishSnapshot(
                remote: remote, snapshotSeq: snapshot.seq,
                syncValues: [Key.snapshotSeq: nil, Key.snapshotDone: nil, Key.snapshotLines: nil, Key.openSegment: nil, Key.openETag: nil])
        }
        summary = local
    }

    // MARK: Segments

    /// Applies every segment after `cursor`; returns the new cursor.
    private func readSegments(after cursor: Int64, manifest: Manifest, _ summary: inout SyncSummary) async throws -> Int64 {
        let size = manifest.segmentSize
        var cursor = cursor
        guard cursor < manifest.head else { return cursor }
        let first = cursor / size
        let sealedEnd = manifest.head / size
        let capped = sealedEnd - first > options.maxSegmentsPerSync
        let sealed = first..<(capped ? first + max(1, options.maxSegmentsPerSync) : sealedEnd)
        let client = self.client
        client.budget.plan(Int64(sealed.count) + 1)
        var local = summary
        try await OrderedFetcher.run(sealed, window: options.parallelFetches) { index in
            try await client.getBody("/v1/segments/\(index)") { data in
                try Self.changes(in: data, index: index, size: size, sealed: true)
            }
        } apply: { index, changes in
            let upper = (index + 1) * size
            let fresh = changes.filter { $0.seq > cursor }
            let applied = try await store.perform { try $0.apply(logged: fresh, remote: remote, cursor: upper) }
            local.add(applied)
            cursor = upper
            client.events(.segment(index: index, changes: changes.count, cursor: cursor, head: manifest.head))
        }
        if cursor < manifest.head, !capped {
            cursor = try await readOpenSegment(cursor: cursor, size: size, head: manifest.head, &local)
        }
        summary = local
        return cursor
    }

    private func readOpenSegment(cursor: Int64, size: Int64, head: Int64, _ summary: inout SyncSummary) async throws -> Int64 {
        let index = cursor / size
        let etag = try await store.perform { (store) throws(StoreError) in
            let storedIndex = try store.syncValue(Key.openSegment, remote: remote).flatMap(Int64.init)
            return storedIndex == index ? try store.syncValue(Key.openETag, remote: remote) : nil
        }
        let fetched = try await client.get("/v1/segments/\(index)", etag: etag) { data in
            try Self.changes(in: data, index: index, size: size, sealed: false)
        }
        guard case let .fresh(changes, newETag) = fetched else { return cursor }
        guard let last = changes.last?.seq else {
            throw SyncError.malformed(url: client.remote.url("/v1/segments/\(index)"), reason: "empty segment below the head")
        }
        let fresh = changes.filter { $0.seq > cursor }
        let applied = try await store.perform {
            try $0.apply(logged: fresh, remote: remote, cursor: max(cursor, last), syncValues: [Key.openSegment: String(index), Key.openETag: newETag])
        }
        summary.add(applied)
        client.events(.segment(index: index, changes: changes.count, cursor: max(cursor, last), head: max(head, last)))
        return max(cursor, last)
    }

    /// Decodes a segment and checks it is the run of consecutive seqs it must be: a sealed segment
    /// holds exactly `size`, an open one a prefix. A body cut at a line boundary fails here.
    static func changes(in data: Data, index: Int64, size: Int64, sealed: Bool) throws -> [LoggedChange] {
        let changes = try NewsJSON.decodeChanges(from: data, keepBlocks: false)
        let lower = index * size + 1
        for (offset, change) in changes.enumerated() where change.seq != lower + Int64(offset) {
            throw SegmentProblem("seq \(change.seq) where \(lower + Int64(offset)) belongs")
        }
        if sealed, changes.count != Int(size) {
            throw SegmentProblem("sealed segment holds \(changes.count) changes, not \(size)")
        }
        if changes.count > Int(size) { throw SegmentProblem("segment holds \(changes.count) changes, more than \(size)") }
        return changes
    }
}

/// A segment that is not the run of seqs it must be.
struct SegmentProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension SyncSummary {
    /// Adds what one apply did.
    mutating func add(_ applied: ApplySummary) {
        inserted += applied.inserted
        updated += applied.updated
        deleted += applied.deleted
    }
}
