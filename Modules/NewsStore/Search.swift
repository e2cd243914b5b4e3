import Foundation
import GRDB
import NewsModels

/// A parsed search: the FTS5 expression plus filters that are not full-text terms.
///
/// Syntax: words must all match (`trade deficit`); `"exact phrase"`; `pref*` for a prefix; `OR`
/// between terms for either; `-word` or `NOT word` to exclude; `title:word` (also `dek:`, `byline:`,
/// `body:`) to search one field; `source:ID` to keep one source. Every term is quoted before it reaches
/// FTS5, so no input can produce an FTS syntax error or inject operators.
public struct SearchQuery: Sendable, Hashable {
    /// The FTS5 MATCH expression.
    public var expression: String
    /// Source id (or name) to restrict results to.
    public var source: String?
    /// How many of the most recently stored matches are ranked by relevance (nil: all of them).
    ///
    /// bm25 costs about a microsecond per matching article, so a word found in 30,000 articles would
    /// take 30 ms to rank. A news reader's searches are about recent coverage, so by default only the
    /// newest 2,000 matches compete; a store with fewer matches ranks them all.
    public var rankingWindow: Int? = 2000

    /// Parses user input; throws `.invalidSearch` when nothing searchable remains.
    public init(_ text: String) throws(StoreError) {
        var groups: [[String]] = [[]]   // AND of OR-groups
        var excluded: [String] = []
        var negateNext = false, orNext = false
        var source: String?
        for token in Self.tokens(text) {
            if token.raw == "OR" && !token.quoted { orNext = true; continue }
            if token.raw == "NOT" && !token.quoted { negateNext = true; continue }
            if token.raw == "AND" && !token.quoted { continue }
            var word = token.raw, negate = negateNext, column: String?
            negateNext = false
            if !token.quoted {
                if word.hasPrefix("-") && word.count > 1 { negate = true; word.removeFirst() }
                if let colon = word.firstIndex(of: ":") {
                    let key = word[..<colon].lowercased(), value = String(word[word.index(after: colon)...])
                    if key == "source" { if !value.isEmpty { source = value }; continue }
                    if ["title", "dek", "byline", "body"].contains(key), !value.isEmpty { column = key; word = value }
                }
            }
            guard let term = Self.ftsTerm(word, quotedPhrase: token.quoted, prefix: token.prefix, column: column) else { continue }
            if negate {
                excluded.append(term)
            } else if orNext, !groups[groups.count - 1].isEmpty {
                groups[groups.count - 1].append(term)
            } else {
                groups.append([term])
            }
            orNext = false
        }
        let positive = groups.filter { !$0.isEmpty }.map { $0.count == 1 ? $0[0] : "(" + $0.joined(separator: " OR ") + ")" }
        guard !positive.isEmpty else {
            throw .invalidSearch(excluded.isEmpty ? "no words to search for" : "a search needs at least one word that is not excluded")
        }
        expression = ([positive.joined(separator: " AND ")] + excluded).joined(separator: " NOT ")
        self.source = source
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
    private static func ftsTerm(_ text: String, quotedPhrase: Bool, prefix: Bool, column: String?) -> String? {
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
}

/// A run of snippet text, highlighted when it is a match.
public struct SnippetPart: Sendable, Hashable {
    /// The text.
    public var text: String
    /// Whether the run matched the query.
    public var isMatch: Bool
}

extension NewsStore {
    // Private-use characters mark matches inside snippets; parsed out before anything is shown.
    static let matchStart = "\u{E000}", matchEnd = "\u{E001}"

    /// Ranked full-text search (bm25: title weighs most, then dek, byline, body) with snippets.
    public func search(_ query: SearchQuery, limit: Int = 20, offset: Int = 0) throws(StoreError) -> [SearchHit] {
        try read { db in
            var sourceFilter = ""
            var sourceArguments: StatementArguments = []
            if let source = query.source {
                sourceFilter = "AND (a.sourceId = ? OR a.sourceId LIKE ? ESCAPE '\\' OR a.sourceId IN (SELECT id FROM source WHERE name = ? COLLATE NOCASE))"
                sourceArguments = [source, Self.likePrefix(source), source]
            }
            // The ranking window's lower bound: walking a doclist newest-first is cheap, ranking is not.
            var floor: Int64 = 0
            if let window = query.rankingWindow, window > 0 {
                floor = try Int64.fetchOne(db, sql: """
                    SELECT f.rowid FROM article_fts f JOIN article a ON a.num = f.rowid
                    WHERE article_fts MATCH ? \(sourceFilter) ORDER BY f.rowid DESC LIMIT 1 OFFSET ?
                    """, arguments: [query.expression] + sourceArguments + [window - 1]) ?? 0
            }
            // Rank first, then build snippets only for the page: snippet() is the costly part.
            let ranked = try Row.fetchAll(db, sql: """
                SELECT \(TimelineEntry.columns), f.rank AS score
                FROM (SELECT rowid, rank FROM article_fts WHERE article_fts MATCH ? AND rowid >= ? ORDER BY rank) f
                JOIN article a ON a.num = f.rowid \(TimelineEntry.joins)
                WHERE 1 \(sourceFilter) ORDER BY f.rank LIMIT ? OFFSET ?
                """, arguments: [query.expression, floor] + sourceArguments + [max(0, limit), max(0, offset)])
            guard !ranked.isEmpty else { return [] }
            let numbers = ranked.map { $0["num"] as Int64 }
            let placeholders = Array(repeating: "?", count: numbers.count).joined(separator: ",")
            let snippets = try Row.fetchAll(db, sql: """
                SELECT rowid, snippet(article_fts, -1, ?, ?, '…', 24) AS snippet FROM article_fts
                WHERE article_fts MATCH ? AND rowid IN (\(placeholders))
                """, arguments: StatementArguments([Self.matchStart, Self.matchEnd, query.expression]) + StatementArguments(numbers))
            var byNumber: [Int64: String] = [:]
            for row in snippets { byNumber[row["rowid"]] = row["snippet"] }
            return ranked.map { row in
                let entry = TimelineEntry(row: row)
                return SearchHit(entry: entry, snippet: Self.parseSnippet(byNumber[entry.number] ?? ""), score: row["score"])
            }
        } 
    }

    /// Convenience: parses `text` with `SearchQuery` and searches.
    public func search(_ text: String, limit: Int = 20, offset: Int = 0) throws(StoreError) -> [SearchHit] {
        try search(try SearchQuery(text), limit: limit, offset: offset)
    }

    static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    static func parseSnippet(_ raw: String) -> [SnippetPart] {
        var parts: [SnippetPart] = []
        var inMatch = false
        var current = ""
        for scalar in raw.unicodeScalars {
            if scalar == "\u{E000}" || scalar == "\u{E001}" {
                if !current.isEmpty { parts.append(SnippetPart(text: current, isMatch: inMatch)) }
                current = ""
                inMatch = scalar == "\u{E000}"
            } else {
                current.unicodeScalars.append(scalar == "\n" ? " " : scalar)
            }
        }
        if !current.isEmpty { parts.append(SnippetPart(text: current, isMatch: inMatch)) }
        return parts
    }
}
