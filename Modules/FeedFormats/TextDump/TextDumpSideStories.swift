import NewsModels

/// An unrelated story carried in the same dump as the main article.
struct DumpSideStory {
    var headline: String
    var blocks: [Block]
    /// The story's own header (dek, byline, dateline, date) when it came with one, e.g. a slash header.
    var header: DumpHeader?
}

/// Finds unrelated stories inside the main article's body by topic shift.
///
/// The body is cut into sections at its headings. A section is off topic when it shares at most one
/// content word with the headline (and dek, for short headlines), has at least two text blocks under a
/// headline-length heading (four words or more), and brings in a name found nowhere else in the dump.
/// An off-topic section is a side story when the article returns to its topic in a later section (a
/// story pasted into the middle of the page), or when it brings in at least three new names (a cast of
/// its own). An off-topic closing section with fewer new names stays: articles often end on a tangent.
/// Word overlap alone is not enough: real sections often share only a name with the headline.
enum DumpSideStories {
    static func split(_ blocks: [Block], title: String, dek: String?) -> (main: [Block], sides: [DumpSideStory]) {
        var reference = DumpTerms.content(of: title)
        if reference.count < 3, let dek { reference.formUnion(DumpTerms.content(of: dek)) }
        let starts = blocks.indices.filter { if case .heading = blocks[$0] { return true } else { return false } }
        guard !reference.isEmpty, !starts.isEmpty else { return (blocks, []) }

        let lead = Array(blocks[..<starts[0]])
        let sections = starts.enumerated().map { n, start in
            Array(blocks[start..<(n + 1 < starts.count ? starts[n + 1] : blocks.count)])
        }
        let vocabularies = sections.map { DumpTerms.all(of: $0.map(\.plainText).joined(separator: " ")) }
        let overlaps = vocabularies.map { $0.intersection(reference).count }
        let candidates = sections.indices.filter {
            overlaps[$0] <= 1 && textBlocks(sections[$0]) >= 2 && DumpShape.wordCount(sections[$0][0].plainText) >= 4
        }
        guard !candidates.isEmpty else { return (blocks, []) }
        // How many sections (title, dek and lead counting as one more) use each word, to tell new names.
        var sectionsUsing: [String: Int] = [:]
        let top = DumpTerms.all(of: ([title, dek ?? ""] + lead.map(\.plainText)).joined(separator: " "))
        for vocabulary in vocabularies + [top] {
            for word in vocabulary { sectionsUsing[word, default: 0] += 1 }
        }
        var names = Array(repeating: 0, count: sections.count)
        for n in candidates {
            // A name of this section's text is new when no other section (nor the top) uses the word.
            let own = DumpTerms.names(in: sections[n].dropFirst().map(\.plainText))
            names[n] = own.filter { sectionsUsing[$0, default: 0] - (vocabularies[n].contains($0) ? 1 : 0) == 0 }.count
        }

        var main = lead
        var sides: [DumpSideStory] = []
        let lastOnTopic = sections.indices.last { names[$0] == 0 && overlaps[$0] >= 2 } ?? -1
        for n in sections.indices {
            if names[n] >= 3 || (names[n] >= 1 && lastOnTopic > n) {
                sides.append(DumpSideStory(headline: sections[n][0].plainText, blocks: Array(sections[n].dropFirst())))
            } else {
                main += sections[n]
            }
        }
        return (main, sides)
    }

    private static func textBlocks(_ section: [Block]) -> Int {
        section.filter {
            switch $0 {
            case .paragraph, .quote, .list, .embed: return true
            case .heading, .image: return false
            }
        }.count
    }
}

/// Word sets for comparing topics.
enum DumpTerms {
    private static let stopWords: Set<String> = [
        "the", "and", "for", "with", "that", "this", "from", "have", "has", "had", "was", "were", "are", "been", "being",
        "will", "would", "could", "should", "into", "over", "about", "after", "before", "their", "they", "them", "his",
        "her", "its", "our", "your", "not", "but", "also", "more", "most", "some", "such", "than", "then", "there",
        "these", "those", "what", "when", "where", "which", "while", "who", "whom", "why", "how", "all", "any", "each",
        "both", "other", "said", "says", "say", "new", "one", "two", "first", "last", "very", "just", "can", "may",
        "president", "minister", "prime", "secretary", "chairman", "official", "officials", "government", "year", "years",
        "week", "day", "today", "yesterday", "tomorrow", "time", "amid", "against", "between", "under", "during", "out",
    ]
    private static let calendarWords: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    /// Lower-case words of three or more letters, split at anything that is not a letter (`U.S.-Japan`
    /// gives `japan`), possessives and plurals folded.
    static func all(of text: String) -> Set<String> {
        Set(text.lowercased().split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 3 }.map { fold(String($0)) })
    }

    /// `all(of:)` without stop words, weekdays and months.
    static func content(of text: String) -> Set<String> {
        all(of: text).filter { !stopWords.contains($0) && !calendarWords.contains($0) }
    }

    /// Folded forms of capitalised words of three letters or more (acronyms too) that do not start a
    /// sentence, in `texts`; each text and each of its lines starts a sentence. Handles (`@name`),
    /// weekdays and months are not names, nor is the first word of a quotation.
    static func names(in texts: [String]) -> Set<String> {
        var names = Set<String>()
        for line in texts.flatMap({ $0.split(separator: "\n") }) {
            var sentenceStart = true
            for word in DumpShape.words(String(line)) {
                let opensQuote = word.first.map { DumpShape.quotePairs[$0] != nil || $0 == "‘" || $0 == "@" } ?? false
                let bare = word.drop(while: { !$0.isLetter })
                if !sentenceStart, !opensQuote, let first = bare.first, first.isUppercase {
                    let letters = bare.prefix(while: \.isLetter)
                    if letters.count >= 3, !calendarWords.contains(letters.lowercased()) { names.insert(fold(letters.lowercased())) }
                }
                let core = DumpShape.dropTrailing(word, while: { DumpShape.closers.contains($0) })
                sentenceStart = core.last.map { ".!?:".contains($0) } ?? false
            }
        }
        return names
    }

    private static func fold(_ word: String) -> String {
        var w = word
        if w.hasSuffix("s"), !w.hasSuffix("ss"), w.count > 4 { w.removeLast() }
        return w
    }
}
