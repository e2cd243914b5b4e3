import Foundation
import GRDB
import NewsModels

extension SQLiteFeedStorage {
    public func segmentSize(proposed: Int64?) throws -> Int64 {
        try pool.write { db in
            if let stored = try Self.meta(db, "segmentSize") {
                if let proposed, proposed != stored {
                    throw FeedStorageError.segmentSizeMismatch(stored: stored, proposed: proposed)
                }
                return stored
            }
            let size = proposed ?? 1000
            try Self.setMeta(db, "segmentSize", size)
            return size
        }
    }

    public func compact(policy: CompactionPolicy) throws -> CompactionSummary {
        precondition(policy.segmentSize > 0 && policy.articlesPerChunk > 0, "compaction policy sizes must be positive")
        // One write transaction: the snapshot, the new horizon and the trimmed log become visible
        // together, so a reader never sees an `oldest` without the snapshot that replaces what it cut.
        return try pool.write { db in
            var summary = CompactionSummary()
            let head = try Self.meta(db, "head") ?? 0
            summary.oldestBefore = try Self.meta(db, "oldest") ?? 0
            summary.oldest = summary.oldestBefore
            guard head > 0 else { return summary }

            let previousSnapshot = try Self.meta(db, "snapshotSeq")
            if previousSnapshot != head {
                (summary.chunks, summary.articles) = try Self.writeSnapshot(db, seq: head, articlesPerChunk: policy.articlesPerChunk)
                try db.execute(
                    sql: "DELETE FROM snapshot_chunk WHERE seq NOT IN (?, ?)", arguments: [head, previousSnapshot ?? head])
                try Self.setMeta(db, "snapshotSeq", head)
                try Self.setMeta(db, "snapshotChunks", Int64(summary.chunks))
            } else {
                summary.chunks = Int(try Self.meta(db, "snapshotChunks") ?? 0)
                summary.articles = try Int.fetchOne(db, sql: "SELECT IFNULL(SUM(articles), 0) FROM snapshot_chunk WHERE seq = ?", arguments: [head]) ?? 0
            }
            summary.snapshotSeq = head

            // The horizon covers changes older than the cutoff, rounded down to a segment boundary so
            // every segment is either wholly served or wholly gone; it never moves back.
            var lastExpired = head
            if let keepSince = policy.keepSince {
                lastExpired = try Int64.fetchOne(
                    db, sql: "SELECT MAX(seq) FROM log WHERE committedAt < ?", arguments: [keepSince.epochMilliseconds]
                ) ?? summary.oldestBefore
                // A change kept by the cutoff keeps every later change too.
                if let firstKept = try Int64.fetchOne(
                    db, sql: "SELECT MIN(seq) FROM log WHERE committedAt >= ?", arguments: [keepSince.epochMilliseconds])
                {
                    lastExpired = min(lastExpired, firstKept - 1)
                }
            }
            let boundary = (lastExpired / policy.segmentSize) * policy.segmentSize
            summary.oldest = max(summary.oldestBefore, boundary)
            if summary.oldest > summary.oldestBefore {
                try db.execute(sql: "DELETE FROM log WHERE seq <= ?", arguments: [summary.oldest])
                summary.removedChanges = db.changesCount
                try Self.setMeta(db, "oldest", summary.oldest)
            }
            return summary
        }
    }

    public func snapshotChunk(seq: Int64, chunk: Int) throws -> Data? {
        try pool.read { db in
            try Data.fetchOne(
                db, sql: "SELECT body FROM snapshot_chunk WHERE seq = ? AND chunk = ?", arguments: [seq, chunk])
        }
    }

    /// Writes every live article as its current `put` line, in `seq` order, `articlesPerChunk` per chunk.
    private static func writeSnapshot(_ db: Database, seq: Int64, articlesPerChunk: Int) throws -> (chunks: Int, articles: Int) {
        var chunk = 0
        var inChunk = 0
        var total = 0
        var body = Data()
        func flush() throws {
            try db.execute(
                sql: "INSERT OR REPLACE INTO snapshot_chunk (seq, chunk, articles, body) VALUES (?, ?, ?, ?)",
                arguments: [seq, chunk, inChunk, body])
            chunk += 1
            inChunk = 0
            body.removeAll(keepingCapacity: true)
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, json FROM article WHERE seq <= ? ORDER BY seq", arguments: [seq])
        while let row = try rows.next() {
            body.append(putLine(seq: row["seq"], articleJSON: row["json"]))
            body.append(0x0A)
            inChunk += 1
            total += 1
            if inChunk == articlesPerChunk { try flush() }
        }
        if inChunk > 0 || chunk == 0 { try flush() }
        return (chunk, total)
    }

    /// The exact bytes `NewsJSON.encode(Change.put(seq:article:))` writes, built from the stored article
    /// JSON without decoding it: keys are sorted, so `article` comes first and `seq` last.
    static func putLine(seq: Int64, articleJSON: Data) -> Data {
        var line = Data(#"{"article":"#.utf8)
        line.append(articleJSON)
        line.append(contentsOf: #","op":"put","seq":\#(seq)}"#.utf8)
        return line
    }
}
