import Foundation

/// Cuts a short excerpt around the first place a search's words occur and marks those words, the
/// way FTS5's snippet() would, from text the page of results already has in hand.
///
/// Works on UTF-8 bytes: iterating a 3 KB body as Swift Characters costs more than ranking a page.
struct SnippetBuilder: Sendable {
    struct Term: Sendable, Hashable {
        var word: String
        var prefix: Bool
    }

    let terms: [Term]
    /// Words of context in an excerpt.
    var length = 24
    /// First bytes of the terms, to reject most words without folding them.
    private let firstBytes: Set<UInt8>

    init(terms: [Term]) {
        self.terms = terms
        firstBytes = Set(terms.compactMap { $0.word.utf8.first })
    }

    /// The excerpt from the body, else the dek, else the title: whichever first contains a term.
    func snippet(title: String, dek: String, body: String) -> [SnippetPart] {
        for text in [body, dek, title] where !text.isEmpty {
            if let parts = excerpt(text, requireMatch: true) { return parts }
        }
        return excerpt(body.isEmpty ? (dek.isEmpty ? title : dek) : body, requireMatch: false) ?? []
    }

    private typealias Word = Substring.UTF8View

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
    private static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        b < 0x80 && !((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A))
    }

    /// The word without ASCII punctuation around it (quotes, commas, full stops, brackets).
    private static func core(_ word: Word) -> Word {
        var w = word
        while let b = w.first, isASCIIPunctuation(b) { w.removeFirst() }
        while let b = w.last, isASCIIPunctuation(b) { w.removeLast() }
        return w
    }

    private func matches(_ word: Word) -> Bool {
        guard let first = word.first else { return false }
        if first < 0x80 {
            // Folding is the costly part; an ASCII word whose first letter starts no term cannot match.
            let lower = (first >= 0x41 && first <= 0x5A) ? first | 0x20 : first
            guard firstBytes.contains(lower) else { return false }
            if word.allSatisfy({ $0 < 0x80 }) {
                let folded = String(Substring(word)).lowercased()
                return terms.contains { $0.prefix ? folded.hasPrefix($0.word) : folded == $0.word }
            }
        }
        let folded = String(Substring(word)).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return terms.contains { $0.prefix ? folded.hasPrefix($0.word) : folded == $0.word }
    }

    private func excerpt(_ text: String, requireMatch: Bool) -> [SnippetPart]? {
        let words = Substring(text).utf8.split(whereSeparator: Self.isSpace)
        let first = terms.isEmpty ? nil : words.firstIndex { matches(Self.core($0)) }
        if first == nil && requireMatch { return nil }
        let start = max(0, (first ?? 0) - length / 4)
        let end = min(words.count, start + length)
        var parts: [SnippetPart] = []
        func add(_ piece: Word, _ isMatch: Bool) {
            guard !piece.isEmpty else { return }
            let text = String(Substring(piece))
            add(text, isMatch)
        }
        func add(_ text: String, _ isMatch: Bool) {
            if let last = parts.last, last.isMatch == isMatch { parts[parts.count - 1].text += text } else { parts.append(SnippetPart(text: text, isMatch: isMatch)) }
        }
        if start > 0 { add("… ", false) }
        for index in start..<end {
            let word = words[index]
            if index > start { add(" ", false) }
            let core = Self.core(word)
            if matches(core) {
                add(word[word.startIndex..<core.startIndex], false)
                add(core, true)
                add(word[core.endIndex..<word.endIndex], false)
            } else {
                add(word, false)
            }
        }
        if end < words.count { add(" …", false) }
        return parts
    }
}
