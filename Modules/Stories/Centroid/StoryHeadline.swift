import Foundation
import NewsModels

/// A story's headline as shown to readers, and whether it was derived from body text because the
/// chosen article had no headline of its own (a readout, say).
public struct StoryHeadline: Sendable, Hashable, Codable {
    /// The text shown.
    public var text: String
    /// True when `text` is the article's first sentence rather than a headline it carried.
    public var isDerived: Bool

    /// Longest derived headline, in characters: a first sentence can run to a paragraph.
    static let derivedLength = 120

    /// A headline with its text as given.
    public init(text: String, isDerived: Bool) {
        self.text = text
        self.isDerived = isDerived
    }

    /// The headline of `article`: its title, else the first sentence of its dek or first paragraph.
    public init(of article: Article) {
        let title = Self.trimmed(article.title)
        if !title.isEmpty {
            text = title
            isDerived = false
            return
        }
        var source = article.dek ?? ""
        if source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            for block in article.blocks {
                if case let .paragraph(paragraph, _) = block, !paragraph.isEmpty { source = paragraph; break }
            }
        }
        text = Self.firstSentence(of: source)
        isDerived = !text.isEmpty
    }

    /// `text` without surrounding whitespace; a text that opens and ends on a visible ASCII
    /// character is returned as it is, without Foundation's trimming (most of a headline's cost).
    static func trimmed(_ text: String) -> String {
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The title of `article`, or its derived headline: what grouping reads as the headline.
    static func text(of article: Article) -> String { StoryHeadline(of: article).text }

    /// The first sentence of `text` (to a full stop, question or exclamation mark followed by a
    /// space, or a CJK full stop), cut at a word boundary when longer than `derivedLength`.
    static func firstSentence(of text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var sentence = Substring(trimmed)
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let ch = trimmed[index]
            let next = trimmed.index(after: index)
            if ch == "。" || ((ch == "." || ch == "?" || ch == "!") && (next == trimmed.endIndex || trimmed[next].isWhitespace)) {
                // "U.S. officials" or "Mr. Ishiba": a one- or two-letter word before the stop is an abbreviation.
                let word = trimmed[..<index].split(whereSeparator: \.isWhitespace).last ?? ""
                if ch != "." || (word.count > 2 && !word.contains(".")) {
                    sentence = trimmed[...index]
                    break
                }
            }
            index = next
        }
        guard sentence.count > derivedLength else { return String(sentence) }
        let cut = sentence.prefix(derivedLength)
        let words = cut.split(separator: " ")
        return (words.count > 1 ? words.dropLast().joined(separator: " ") : String(cut)) + "…"
    }
}
