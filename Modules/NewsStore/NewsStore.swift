import Foundation
import GRDB
import NewsModels

/// The offline cache: articles, their per-user state, sync cursors and the journal of local state
/// changes still to send, in one SQLite file in WAL mode.
///
/// Safe to share between tasks and threads; several processes may open the same file at once (writes
/// take SQLite's write lock in turn, waiting up to `busyTimeout`).
public final class NewsStore: Sendable {
    /// The database file.
    public let path: String
    /// The wall clock behind every time the store stamps: HLCs of local state changes, cursor, remote
    /// and poll times. Tests pass a clock they move by hand.
    public let now: @Sendable () -> Timestamp
    let pool: DatabasePool

    /// How long a write waits for another process's write lock before failing with `.busy`.
    public static let busyTimeout: TimeInterval = 30

    /// Opens (creating if needed, with intermediate folders) the store at `path` and migrates it;
    /// `now` reads the wall clock for the times the store stamps.
    public init(path: String, now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) throws(StoreError) {
        self.path = path
        self.now = now
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotOpen(path: path, reason: "cannot create folder \(folder) (\(error.localizedDescription))")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
        config.label = "paperboy-store"
        config.prepareDatabase { db in
            // WAL with synchronous=NORMAL never corrupts on a crash; at worst the last commit is lost,
            // and the sync cursor is in that same commit, so the next sync simply fetches it again.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoints are where WAL mode fsyncs; at the default 1,000 pages a first sync of
            // 100,000 articles ran over a hundred of them. 16,384 pages (64 MiB) cuts that tenfold,
            // and the WAL is truncated back to that size afterwards.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        // Reading history and starred articles are the user's alone.
        PrivateDatabaseFile.prepare(path)
        do {
            pool = try DatabasePool(path: path, configuration: config)
            let migrator = Schema.migrator
            try pool.writeWithoutTransaction { db in
                if try migrator.hasBeenSuperseded(db) { throw StoreError.newerSchema(path: path) }
            }
            try migrator.migrate(pool)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction: the write lock is taken up front, so two
    /// processes never deadlock upgrading read locks, and either all of `body` commits or none of it.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                // inTransaction only returns normally after running body to completion.
                return result!
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// `now()` in epoch milliseconds, as HLCs and bookkeeping columns keep it.
    var nowMillis: Int64 { now().epochMilliseconds }

    /// Runs `body` on a read-only snapshot of the store.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs SQLite's full integrity check; returns the problems found (empty when the file is sound).
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in
            let rows = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            return rows == ["ok"] ? [] : rows
        }
    }

    /// Size of the store on disk in bytes (database plus its write-ahead log).
    public func sizeOnDisk() -> Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
            return total + size
        }
    }

    /// Copies the write-ahead log into the main file so its size is the true store size.
    public func checkpoint() throws(StoreError) {
        do {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }
}
