import Foundation
import GRDB
import NewsModels

/// A parsed search: the FTS5 expression built from what a user typed.
///
/// Syntax: words must all match (`trade deficit`); `"exact phrase"`; `pref*` for a prefix; `OR`
/// between terms for either; `-word` or `NOT word` to exclude; `title:word` (also `dek:`, `byline:`,
/// `body:`) to search one field; `source:NAME` to keep one source (id or name words, e.g.
/// `source:harbor` or `source:"Harbor Courier"`). Every term is quoted before it reaches FTS5, so no
/// input can produce an FTS syntax error or inject operators.
public struct SearchQuery: Sendable, Hashable {
    /// The FTS5 MATCH expression.
    public var expression: String
    /// How many of the most recently stored matches are ranked by relevance (nil: all of them).
    ///
    /// bm25 costs about a microsecond per matching article, so a word found in 30,000 articles would
    /// take 30 ms to rank. A news reader's searches are about recent coverage, so by default only the
    /// newest 1,000 matches compete; a store with fewer matches ranks them all.
    public var rankingWindow: Int? = 1000
    /// Lowercased words to mark in snippets (the positive terms, split into words).
    var terms: [SnippetBuilder.Term] = []

    static let columns: Set<String> = ["title", "dek", "byline", "body", "source"]

    /// Parses user input; throws `.invalidSearch` when nothing searchable remains.
    public init(_ text: String) throws(StoreError) {
        var groups: [[String]] = []   // AND of OR-groups
        var excluded: [String] = []
        var filters: [String] = []    // source: terms, ANDed but never the only term
        var negateNext = false, orNext = false
        var pendingColumn: String?
        for token in Self.tokens(text) {
            if !token.quoted && pendingColumn == nil {
                if token.raw == "OR" { orNext = true; continue }
                if token.raw == "NOT" { negateNext = true; continue }
                if token.raw == "AND" { continue }
            }
            var word = token.raw, negate = negateNext, column = pendingColumn
            negateNext = false
            pendingColumn = nil
            if !token.quoted && column == nil {
                if word.hasPrefix("-") && word.count > 1 { negate = true; word.removeFirst() }
                if let colon = word.firstIndex(of: ":"), Self.columns.contains(word[..<colon].lowercased()) {
                    let key = word[..<colon].lowercased()
                    word = String(word[word.index(after: colon)...])
                    // `title:` followed by a quoted phrase: the column applies to that phrase.
                    if word.isEmpty { pendingColumn = key; continue }
                    column = key
                }
            }
            guard let term = Self.ftsTerm(word, prefix: token.prefix, column: column) else { continue }
            if !negate && column != "source" {
                terms += word.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map {
                    SnippetBuilder.Term(word: String($0), prefix: token.prefix)
                }
            }
            if negate {
                excluded.append(term)
            } else if column == "source" {
                filters.append(term)
            } else if orNext, !groups.isEmpty {
                groups[groups.count - 1].append(term)
            } else {
                groups.append([term])
            }
            orNext = false
        }
        guard !groups.isEmpty else {
            throw .invalidSearch(excluded.isEmpty && filters.isEmpty ? "no words to search for" : "a search needs at least one word to look for, not only exclusions or a source")
        }
        let positive = groups.map { $0.count == 1 ? $0[0] : "(" + $0.joined(separator: " OR ") + ")" } + filters
        expression = ([positive.joined(separator: " AND ")] + excluded).joined(separator: " NOT ")
    }

    private struct Token { var raw: String; var quoted: Bool; var prefix: Bool }

    private static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var chars = Substring(text)
        while let first = chars.first {
            if first.isWhitespace { chars.removeFirst(); continue }
            if first == "\"" {
                chars.removeFirst()
                let end = chars.firstIndex(of: "\"") ?? chars.endIndex
                var token = Token(raw: String(chars[..<end]), quoted: true, prefix: false)
                chars = end < chars.endIndex ? chars[chars.index(after: end)...] : chars[end...]
                if chars.first == "*" { token.prefix = true; chars.removeFirst() }
                result.append(token)
            } else {
                let end = chars.firstIndex(where: { $0.isWhitespace || $0 == "\"" }) ?? chars.endIndex
                var raw = String(chars[..<end])
                chars = chars[end...]
                let prefix = raw.count > 1 && raw.hasSuffix("*")
                while raw.hasSuffix("*") { raw.removeLast() }
                if !raw.isEmpty { result.append(Token(raw: raw, quoted: false, prefix: prefix)) }
            }
        }
        return result
    }

    /// A quoted FTS5 string; nil when the text has no letters or digits (it would match nothing).
    private static func ftsTerm(_ text: String, prefix: Bool, column: String?) -> String? {
        guard text.unicodeScalars.contains(where: { CharacterSet.alphanumerics.contains($0) }) else { return nil }
        let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : "")
        return column.map { "{\($0)} : " + quoted } ?? quoted
    }
}

/// One search result.
public struct SearchHit: Sendable, Hashable {
    /// The matching article's timeline line.
    public var entry: TimelineEntry
    /// A short excerpt around the matches.
    public var snippet: [SnippetPart]
    /// bm25 relevance (lower is better, as SQLite reports it).
    public var score: Double

    /// Creates a hit (for renderers and tests).
    public init(entry: TimelineEntry, snippet: [SnippetPart], score: Double) {
        self.entry = entry; self.snippet = snippet; self.score = score
    }
}

/// A run of snippet text, highlighted when it is a match.
public struct SnippetPart: Sendable, Hashable {
    /// The text.
    public var text: String
    /// Whether the run matched the query.
    public var isMatch: Bool

    /// Creates a snippet run.
    public init(text: String, isMatch: Bool) {
        self.text = text; self.isMatch = isMatch
    }
}

extension NewsStore {
    /// Ranked full-text search (bm25: title weighs most, then dek, byline, body) with snippets.
    /// Articles still queued for indexing are indexed first, so results always cover the whole store.
    public func search(_ query: SearchQuery, limit: Int = 20, offset: Int = 0) throws(StoreError) -> [SearchHit] {
        try indexForSearch()
        return try read { db in
            // Everything up to the page is answered inside FTS5; joins and snippets only touch the page.
            var floor: Int64 = 0
            if let window = query.rankingWindow, window > 0 {
                // Walking a doclist newest-first is cheap; ranking it is not.
                floor = try Int64.fetchOne(db, sql: """
                    SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?
                    """, arguments: [query.expression, window - 1]) ?? 0
            }
            let ranked = try Row.fetchAll(db, sql: """
                SELECT rowid, rank FROM article_fts WHERE article_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ? OFFSET ?
                """, arguments: [query.expression, floor, max(0, limit), max(0, offset)])
            guard !ranked.isEmpty else { return [] }
            let numbers = ranked.map { $0["rowid"] as Int64 }
            let list = "(" + numbers.map(String.init).joined(separator: ",") + ")"
            var entries: [Int64: TimelineEntry] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(TimelineEntry.columns) FROM article a \(TimelineEntry.joins) WHERE a.num IN \(list)") {
                let entry = TimelineEntry(row: row)
                entries[entry.number] = entry
            }
            // Snippets are cut in Swift from the indexed text: FTS5's snippet() re-seeks every doclist
            // per row, which cost more than the whole ranking for a page of 20.
            var snippets: [Int64: [SnippetPart]] = [:]
            let builder = SnippetBuilder(terms: query.terms)
            for row in try Row.fetchAll(db, sql: "SELECT id, c0, c1, c3 FROM article_fts_content WHERE id IN \(list)") {
                snippets[row["id"]] = builder.snippet(title: row["c0"] ?? "", dek: row["c1"] ?? "", body: row["c3"] ?? "")
            }
            return ranked.compactMap { row in
                let number: Int64 = row["rowid"]
                guard let entry = entries[number] else { return nil }
                return SearchHit(entry: entry, snippet: snippets[number] ?? [], score: row["rank"])
            }
        }
    }

    /// Convenience: parses `text` with `SearchQuery` and searches.
    public func search(_ text: String, limit: Int = 20, offset: Int = 0) throws(StoreError) -> [SearchHit] {
        try search(try SearchQuery(text), limit: limit, offset: offset)
    }

}
