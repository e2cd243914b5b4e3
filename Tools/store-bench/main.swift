// store-bench: measures the offline store on a generated corpus. Each mode runs in its own process
// so peak RSS belongs to that mode alone; Tools/bench/store.sh runs them and prints the comparison.
//
//   store-bench apply  STORE COUNT    NewsStore.apply in 1,000-change batches (one segment each)
//   store-bench raw    STORE COUNT    the same rows through raw SQLite C calls, one transaction
//   store-bench search STORE ROUNDS   median/p95 latency of a fixed query set, in-process
//
// Articles are generated a batch at a time with the clock stopped: only storing is timed, and peak
// RSS reflects the store plus one batch, not the whole corpus.
import CorpusKit
import Foundation
import GRDBSQLite
import NewsModels
import NewsStore
#if canImport(Glibc)
import Glibc
#endif

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("store-bench: \(message)\n".utf8))
    exit(1)
}

func report(_ fields: [(String, String)]) {
    print(fields.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
}

let args = CommandLine.arguments
guard args.count == 4, let number = Int(args[3]), number > 0 else {
    fail("usage: store-bench apply|raw|search STORE COUNT")
}
let (mode, path) = (args[1], args[2])

switch mode {
case "apply":
    let corpus = SyntheticCorpus(seed: 7)
    let store = try NewsStore(path: path)
    var elapsed = 0.0
    for start in stride(from: 0, to: number, by: 1000) {
        let batch = corpus.changes(start..<min(start + 1000, number), firstSeq: Int64(start) + 1)
        elapsed += try seconds { try store.apply(batch, remote: "bench", cursor: batch.last!.seq) }
    }
    // apply only queues full-text indexing; the raw peer indexes as it inserts, so index here too.
    elapsed += try seconds { try store.indexForSearch() }
    elapsed += try seconds { try store.checkpoint() }
    report([("mode", "apply"), ("articles", "\(number)"), ("seconds", String(format: "%.2f", elapsed)),
            ("articles_per_second", String(format: "%.0f", Double(number) / elapsed)),
            ("store_mb", String(format: "%.1f", Double(store.sizeOnDisk()) / 1_048_576)),
            ("peak_rss_mb", String(format: "%.0f", peakRSSMegabytes()))])

case "raw":
    let corpus = SyntheticCorpus(seed: 7)
    // Same schema (created by NewsStore, then closed) and the same row values, prepared untimed.
    _ = try NewsStore(path: path)
    struct Rows { let json: Data; let body: String }
    var db: OpaquePointer?
    guard sqlite3_open(path, &db) == SQLITE_OK, let db else { fail("cannot open \(path)") }
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    func exec(_ sql: String) { if sqlite3_exec(db, sql, nil, nil, nil) != SQLITE_OK { fail(String(cString: sqlite3_errmsg(db))) } }
    func prepare(_ sql: String) -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK, let statement else {
            fail(String(cString: sqlite3_errmsg(db)))
        }
        return statement
    }
    func text(_ s: OpaquePointer, _ i: Int32, _ value: String?) {
        if let value { sqlite3_bind_text(s, i, value, -1, transient) } else { sqlite3_bind_null(s, i) }
    }
    func step(_ s: OpaquePointer) {
        if sqlite3_step(s) != SQLITE_DONE { fail(String(cString: sqlite3_errmsg(db))) }
        sqlite3_reset(s)
    }
    exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
    let insertArticle = prepare("""
        INSERT INTO article(id, rev, seq, sourceId, storyId, title, publishedAt, publishedOffset, updatedAt, contentHash, json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    let insertText = prepare("INSERT INTO article_fts(rowid, title, dek, byline, body, source) VALUES (?, ?, ?, ?, ?, ?)")
    let insertSource = prepare("INSERT OR IGNORE INTO source(id, name, domain, url) VALUES (?, ?, ?, ?)")
    let insertStory = prepare("INSERT OR IGNORE INTO story(id, headline, headlineAt) VALUES (?, ?, ?)")
    var elapsed = seconds { exec("BEGIN") }
    for batchStart in stride(from: 0, to: number, by: 1000) {
        let articles = corpus.articles(batchStart..<min(batchStart + 1000, number))
        let rows = try articles.map { Rows(json: try NewsJSON.encode($0), body: $0.bodyText) }
        elapsed += seconds {
        for (offset, (article, row)) in zip(articles, rows).enumerated() {
            let index = batchStart + offset
            text(insertArticle, 1, article.id)
            sqlite3_bind_int64(insertArticle, 2, Int64(article.rev))
            sqlite3_bind_int64(insertArticle, 3, Int64(index + 1))
            text(insertArticle, 4, article.source.id)
            text(insertArticle, 5, article.storyId)
            text(insertArticle, 6, article.title)
            sqlite3_bind_int64(insertArticle, 7, article.publishedAt.epochMilliseconds)
            sqlite3_bind_int64(insertArticle, 8, Int64(article.publishedAt.offsetMinutes))
            if let updated = article.updatedAt { sqlite3_bind_int64(insertArticle, 9, updated.epochMilliseconds) } else { sqlite3_bind_null(insertArticle, 9) }
            text(insertArticle, 10, article.contentHash)
            _ = row.json.withUnsafeBytes { sqlite3_bind_blob(insertArticle, 11, $0.baseAddress, Int32($0.count), transient) }
            step(insertArticle)
            sqlite3_bind_int64(insertText, 1, sqlite3_last_insert_rowid(db))
            text(insertText, 2, article.title)
            text(insertText, 3, article.dek)
            text(insertText, 4, article.byline)
            text(insertText, 5, row.body)
            text(insertText, 6, article.source.id + " " + article.source.name)
            step(insertText)
            text(insertSource, 1, article.source.id)
            text(insertSource, 2, article.source.name)
            text(insertSource, 3, article.source.domain)
            text(insertSource, 4, article.source.url)
            step(insertSource)
            if let story = article.storyId {
                text(insertStory, 1, story)
                text(insertStory, 2, article.title)
                sqlite3_bind_int64(insertStory, 3, article.publishedAt.epochMilliseconds)
                step(insertStory)
            }
        }
        }
    }
    elapsed += seconds {
        exec("COMMIT")
        exec("PRAGMA wal_checkpoint(TRUNCATE)")
    }
    for s in [insertArticle, insertText, insertSource, insertStory] { sqlite3_finalize(s) }
    sqlite3_close(db)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.doubleValue ?? 0
    report([("mode", "raw"), ("articles", "\(number)"), ("seconds", String(format: "%.2f", elapsed)),
            ("articles_per_second", String(format: "%.0f", Double(number) / elapsed)),
            ("store_mb", String(format: "%.1f", size / 1_048_576)), ("peak_rss_mb", String(format: "%.0f", peakRSSMegabytes()))])

case "search":
    let store = try NewsStore(path: path)
    let queries = [
        "trade deficit", "\"trade deficit\"", "election", "climate OR drought", "vaccine*", "summit -trade",
        "title:storm", "central bank rates", "council source:harbor", "museum exhibition", "tariff*", "ceasefire talks",
    ]
    var timings: [Double] = []
    var perQuery: [String: [Double]] = [:]
    var hits = 0
    for _ in 0..<number {
        for query in queries {
            var found = 0
            let t = try seconds { found = try store.search(query, limit: 20).count }
            hits += found
            timings.append(t * 1000)
            perQuery[query, default: []].append(t * 1000)
        }
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    func p95(_ values: [Double]) -> Double { values.sorted()[min(values.count - 1, Int(Double(values.count) * 0.95))] }
    for query in queries {
        report([("query", "'\(query)'"), ("median_ms", String(format: "%.2f", median(perQuery[query]!)))])
    }
    report([("mode", "search"), ("queries", "\(timings.count)"), ("median_ms", String(format: "%.2f", median(timings))),
            ("p95_ms", String(format: "%.2f", p95(timings))), ("hits", "\(hits)")])

default:
    fail("unknown mode \(mode); use apply, raw or search")
}
