import Foundation

/// The page furniture a scraper copies along with an article, in one place: lines dropped outright,
/// footers that end the article, and markers that open lists of other headlines.
///
/// All comparisons are case-insensitive on the cleaned line. Patterns only ever match short lines, so a
/// paragraph that happens to start with "Read more" or mention "most read" is never dropped.
enum DumpBoilerplate {
    /// Whole lines dropped wherever they appear (compared without trailing `:` `.` `!` `»` `›`).
    static let droppedLines: Set<String> = [
        "advertisement", "advertising", "sponsored", "sponsored content", "read more", "read more here",
        "continue reading", "share", "share this", "share this article", "share this story", "share on facebook",
        "share on twitter", "share on x", "share via email", "tweet", "print", "email", "comments", "comment",
        "subscribe", "subscribe now", "sign up", "sign in", "log in", "login", "register", "skip to content",
        "skip advertisement", "back to top", "related", "related stories", "recommended", "listen to this article",
        "save", "copy link", "link copied", "follow", "no comments", "loading", "show more", "see more",
    ]

    /// Line beginnings dropped on short lines (up to 20 words).
    static let droppedPrefixes: [String] = [
        "no comments on ", "read more:", "also read:", "read also:", "related:", "see also:", "more:",
        "subscribe to ", "sign up for ", "sign up to ", "click here to ", "follow us on ", "share this on ",
        "all rights reserved", "copyright ©", "© ", "this article was originally published",
        "you must register", "you must be logged in",
    ]

    /// Line beginnings that end the article: what follows them is other content of the same page.
    static let footerPrefixes: [String] = [
        "leave a comment", "leave a reply", "you must register or login", "you must be logged in to post",
        "comments are closed", "post a comment", "join the conversation", "be the first to comment",
    ]

    /// Phrases that open a list of other headlines (`"Region" MOST READ`, `ACCESS RANKING`);
    /// the marker and the headlines after it are dropped.
    static let listMarkers: [String] = [
        "popular article", "popular articles", "most popular", "most read", "most viewed", "access ranking",
        "trending now", "top stories", "recommended for you", "you may also like", "you might also like",
        "related articles", "related posts", "more from", "more stories", "latest news", "editor's picks",
        "editors' picks", "don't miss", "what to read next",
    ]

    /// What a line is to the page: a footer that ends the article, a marker opening a headline list,
    /// furniture dropped where it stands, or text. Long lines are always text.
    enum LineKind { case footer, listMarker, dropped, text }

    /// The kind of `line`; the line is lowercased once for all the checks.
    static func kind(of line: String) -> LineKind {
        guard line.utf8.count <= 300 else { return .text }
        if isSeparator(line) { return .dropped }
        let key = normalized(line)
        let words = DumpShape.wordCount(line)
        if words <= 16, footerPrefixes.contains(where: key.hasPrefix) { return .footer }
        if isListMarker(line, key: key, words: words) { return .listMarker }
        if droppedLines.contains(key) { return .dropped }
        guard words <= 20 else { return .text }
        if droppedPrefixes.contains(where: key.hasPrefix) { return .dropped }
        let parts = key.split(separator: " ")
        let isCount = parts.count == 2 && parts[0].allSatisfy(\.isNumber) && (parts[1] == "comments" || parts[1] == "comment")
        return isCount ? .dropped : .text
    }

    /// Whether the line opens a list of other headlines: short, not a sentence, holding a marker phrase.
    static func isListMarker(_ line: String) -> Bool {
        line.utf8.count <= 120 && isListMarker(line, key: normalized(line), words: DumpShape.wordCount(line))
    }

    private static func isListMarker(_ line: String, key: String, words: Int) -> Bool {
        guard words <= 8, key.utf8.count <= 120, DumpShape.terminal(line) != "." else { return false }
        return listMarkers.contains { marker in
            guard let found = key.range(of: marker) else { return false }
            // Whole words only: "more from" must not match "furthermore from".
            let before = found.lowerBound == key.startIndex ? " " : key[key.index(before: found.lowerBound)]
            let after = found.upperBound == key.endIndex ? " " : key[found.upperBound]
            return !before.isLetter && !after.isLetter
        }
    }

    /// Whether the line is only dashes, underscores, stars, equals signs or bullets (`-`, `* * *`, `———`).
    static func isSeparator(_ line: String) -> Bool {
        line.allSatisfy { "-–—_*=•·~ ".contains($0) }
    }

    /// A headline in a list after a marker: short and not a sentence (a list may mark updates, e.g.
    /// `… (UPDATE 2)`).
    static func isListedHeadline(_ line: String) -> Bool {
        let count = DumpShape.wordCount(line)
        return count >= 1 && count <= 40 && DumpShape.terminal(line) != "." && DumpShape.markdownImage(line) == nil
    }

    /// The line lowercased, with curly apostrophes straightened and trailing `:` `.` `!` `»` `›` removed.
    static func normalized(_ line: String) -> String {
        let lower = String(line.lowercased().map { $0 == "’" ? "'" : $0 })
        return String(DumpShape.dropTrailing(lower, while: { ":.!»› ".contains($0) }))
    }

    /// `title` without a trailing update marker such as `(UPDATE 2)` or `(Updated)`.
    static func withoutUpdateMarker(_ title: String) -> String {
        guard title.hasSuffix(")"), let open = title.lastIndex(of: "(") else { return title }
        let inside = title[title.index(after: open)..<title.index(before: title.endIndex)].lowercased()
        let words = inside.split(separator: " ")
        guard let first = words.first, first == "update" || first == "updated",
              words.count == 1 || (words.count == 2 && words[1].allSatisfy(\.isNumber)) else { return title }
        return String(title[..<open]).trimmingCharacters(in: .whitespaces)
    }
}
