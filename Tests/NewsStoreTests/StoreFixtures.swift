import Foundation
import GRDB
import NewsModels
@testable import NewsStore

/// Temporary stores and articles written for these tests.
enum StoreFixtures {
    static func temporaryPath() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-tests-\(UUID().uuidString)")
        return folder.appendingPathComponent("store.sqlite").path
    }

    static func store(now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }) throws -> NewsStore {
        try NewsStore(path: temporaryPath(), now: now)
    }

    static let sources = [
        Source(id: "tidewater.example", name: "Tidewater Gazette", domain: "tidewater.example"),
        Source(id: "ridgeline.example", name: "Ridgeline Post", domain: "ridgeline.example"),
        Source(id: "kettle.example", name: "Kettle Valley Times", domain: "kettle.example"),
    ]

    static let topics = [
        ("Trade deficit narrows as exports of machine parts climb", "Shipments of precision machine parts rose for a third month, trimming the trade deficit."),
        ("Council votes to extend the night bus pilot", "The night bus pilot will run through winter after riders filled most seats."),
        ("Orchard growers brace for a late frost", "Apple growers in the upper valley lit smudge pots and ran fans through the night."),
        ("Library opens a repair cafe for small appliances", "Volunteers fixed toasters, lamps and one stubborn accordion on opening day."),
    ]

    static func article(_ n: Int, rev: Int = 1, title: String? = nil, story: String? = nil, minutes: Int64? = nil) -> Article {
        let topic = topics[n % topics.count]
        return Article(
            id: "art-\(n)", rev: rev, url: "https://\(sources[n % 3].id)/\(n)", source: sources[n % 3], storyId: story ?? "story-\(n % topics.count)",
            title: title ?? "\(topic.0) (\(n))", dek: "Report number \(n).", byline: "By Reporter \(n % 5)",
            publishedAt: Timestamp(epochMilliseconds: 1_740_000_000_000 + (minutes ?? Int64(n)) * 60_000, offsetMinutes: 540),
            blocks: [.paragraph(text: topic.1), .heading(level: 2, text: "Details"), .list(ordered: false, items: ["first point \(n)", "second point"])])
    }

    static func puts(_ range: ClosedRange<Int>, seqOffset: Int64 = 0) -> [Change] {
        range.map { .put(seq: Int64($0) + seqOffset, article: article($0)) }
    }

    /// Every row the store holds, as text, to compare whole stores.
    static func dump(_ store: NewsStore) throws -> [String] {
        try store.pool.read { db in
            var lines: [String] = []
            for table in ["source", "story", "article", "tombstone", "article_state", "sync_cursor", "state_journal", "search_backlog"] {
                let orderBy = table == "article" ? "num" : "1"
                let columns = table == "sync_cursor" ? "remote, seq" : "*"
                for row in try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table) ORDER BY \(orderBy)") { lines.append("\(table) \(row)") }
            }
            for row in try Row.fetchAll(db, sql: "SELECT rowid, * FROM article_fts ORDER BY rowid") { lines.append("fts \(row)") }
            return lines
        }
    }

    /// Rows in the full-text index once every queued article is indexed.
    static func ftsRowCount(_ store: NewsStore) throws -> Int {
        try store.indexForSearch()
        return try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM article_fts") ?? -1 }
    }
}
