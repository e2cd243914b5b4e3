import Foundation
import NewsModels

/// The text pieces a comparison looks at: sentences of the body, and quotations with their tokens.
enum ComparisonText {
    /// One sentence of an article, with where it came from.
    struct Sentence {
        var text: String
        var position: Int
    }

    /// Sentences of the dek, paragraphs, list items and quote blocks, in reading order. Headings and
    /// captions are left out: they repeat the body or describe pictures rather than report facts.
    static func sentences(of article: Article) -> [Sentence] {
        var texts: [String] = []
        if let dek = article.dek { texts.append(dek) }
        for block in article.blocks {
            switch block {
            case let .paragraph(text, _): texts.append(text)
            case let .list(_, items): texts.append(contentsOf: items)
            case let .quote(text, _): texts.append(text)
            default: break
            }
        }
        var out: [Sentence] = []
        for text in texts {
            for sentence in split(text) { out.append(Sentence(text: sentence, position: out.count)) }
        }
        return out
    }

    /// Splits running text at sentence ends, keeping `U.S.`, `Mr.` and decimals like `14.1` inside.
    static func split(_ text: String) -> [String] {
        let chars = Array(text)
        var out: [String] = []
        var current = ""
        var i = 0
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { out.append(trimmed) }
            current = ""
        }
        while i < chars.count {
            let ch = chars[i]
            current.append(ch)
            i += 1
            if ch == "\n" { flush(); continue }
            guard ch == "." || ch == "!" || ch == "?" else { continue }
            while i < chars.count, closers.contains(chars[i]) { current.append(chars[i]); i += 1 }
            guard i == chars.count || chars[i].isWhitespace else { continue }
            if ch == ".", isAbbreviation(before: current) { continue }
            var next = i
            while next < chars.count, chars[next].isWhitespace { next += 1 }
            if next < chars.count, chars[next].isLowercase { continue }
            flush()
        }
        flush()
        return out
    }

    private static let closers: Set<Character> = ["\"", "”", "’", "'", ")", "]"]

    /// True when the word ending at the final period is an abbreviation (`U.S.`, `Mr.`), not a sentence end.
    private static func isAbbreviation(before text: String) -> Bool {
        let word = text.dropLast().split(whereSeparator: { $0.isWhitespace }).last.map(String.init) ?? ""
        let letters = word.filter(\.isLetter)
        if word.contains(".") || letters.count == 1 { return true }
        return abbreviations.contains(letters.lowercased())
    }

    private static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "vs", "gen", "gov", "sen", "rep", "inc", "corp", "co", "ltd"]

    /// Text between matching curly (“ ”) or straight (" ") double quotes, in order of appearance.
    static func quotations(in text: String) -> [String] {
        let chars = Array(text)
        var out: [String] = []
        var i = 0
        while i < chars.count {
            let closer: Character? = chars[i] == "“" ? "”" : chars[i] == "\"" ? "\"" : nil
            guard let closer, let end = chars[(i + 1)...].firstIndex(of: closer) else { i += 1; continue }
            out.append(String(chars[(i + 1)..<end]))
            i = end + 1
        }
        return out
    }

    /// Lowercase, accent-free word tokens; apostrophes vanish so `don’t` and `don't` both give `dont`,
    /// and elision marks (`…`, `[. . .]`) are just punctuation that drops out.
    static func quoteTokens(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "").replacingOccurrences(of: "'", with: "")
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// Length of the longest common subsequence of two token lists.
    static func commonSubsequenceLength(_ a: [String], _ b: [String]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var row = [Int](repeating: 0, count: b.count + 1)
            for (j, y) in b.enumerated() { row[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], row[j]) }
            previous = row
        }
        return previous[b.count]
    }
}
