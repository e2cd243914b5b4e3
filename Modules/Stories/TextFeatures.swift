import Foundation
import NewsModels

/// What grouping keeps of one article: content terms for similarity and entity words for overlap.
///
/// Sets are stored sorted so the value encodes the same way every time and never depends on
/// `Set` or `Dictionary` iteration order.
public struct TextFeatures: Sendable, Hashable, Codable {
    /// Normalised content terms (English words, lightly stemmed, or CJK character bigrams) of headline, dek and lead.
    public var terms: [String]
    /// Lowercased words of named entities (people, places, organisations) found in the same text.
    public var entities: [String]
    /// The smaller set hashed into the MinHash signature: entities plus headline, dek and first-paragraph terms.
    public var keys: [String]

    /// Creates features from already normalised, sorted, unique lists.
    public init(terms: [String], entities: [String], keys: [String]) {
        self.terms = terms
        self.entities = entities
        self.keys = keys
    }

    /// Extracts the features of `article`, reading at most `leadWords` words of body paragraphs.
    public init(article: Article, leadWords: Int = 120) {
        let lead = Tokenizer.leadParagraphs(of: article, words: leadWords)
        // The first paragraph doubles as the summary when a readout has no headline or dek.
        let head = [article.title, article.dek ?? "", lead.first ?? ""]
        let all = [article.title, article.dek ?? ""] + lead
        let headTerms = Set(head.flatMap(Tokenizer.terms))
        let termSet = Set(all.flatMap(Tokenizer.terms))
        // A title-cased headline capitalises every word, so it would make every word look like a name.
        let entitySources = (Tokenizer.isTitleCased(article.title) ? [] : [article.title]) + [article.dek ?? ""] + lead
        let entitySet = Set(entitySources.flatMap(EntityExtractor.entityWords))
        terms = termSet.sorted()
        entities = entitySet.sorted()
        keys = (headTerms.union(entitySet.map { "e:" + $0 })).sorted()
    }
}

/// Splits text into normalised content terms; English gets stopwords removed and a light stem, CJK gets bigrams.
enum Tokenizer {
    /// A run of one script inside a text.
    enum Run: Equatable {
        case word(String)
        case cjk([Character])
        case sentenceEnd
    }

    /// Runs of letters/digits, CJK characters and sentence ends, in order. Periods inside
    /// abbreviations like `U.S.` are dropped so the letters stay one word.
    static func runs(_ text: String) -> [Run] {
        ASCIIText.withBytes(text, ASCIIText.runs) ?? characterRuns(text)
    }

    /// `runs` worked out one `Character` at a time: the general form, for text beyond ASCII.
    static func characterRuns(_ text: String) -> [Run] {
        var result: [Run] = []
        var word = ""
        var cjk: [Character] = []
        let chars = Array(text)
        func flush() {
            if !word.isEmpty { result.append(.word(word)); word = "" }
            if !cjk.isEmpty { result.append(.cjk(cjk)); cjk = [] }
        }
        for (i, ch) in chars.enumerated() {
            if isCJK(ch) {
                if !word.isEmpty { result.append(.word(word)); word = "" }
                cjk.append(ch)
            } else if isWordCharacter(ch) {
                if !cjk.isEmpty { result.append(.cjk(cjk)); cjk = [] }
                word.append(ch)
            } else if ch == ".", !word.isEmpty, i + 1 < chars.count, isWordCharacter(chars[i + 1]), !chars[i + 1].isNumber, word.count == 1 {
                continue  // U.S., D.C.: single letters joined by periods
            } else {
                flush()
                if ch == "." || ch == "!" || ch == "?" || ch == "。" || ch == "！" || ch == "？" || ch == "\n" {
                    result.append(.sentenceEnd)
                }
            }
        }
        flush()
        return result
    }

    /// The body paragraphs of `article` up to the one that reaches `limit` whitespace-separated words.
    static func leadParagraphs(of article: Article, words limit: Int) -> [String] {
        var lead: [String] = []
        var words = 0
        for block in article.blocks where words < limit {
            guard case let .paragraph(text, _) = block, !text.isEmpty else { continue }
            lead.append(text)
            words += ASCIIText.withBytes(text, ASCIIText.wordCount) ?? text.split(whereSeparator: \.isWhitespace).count
        }
        return lead
    }

    /// Content terms of `text`.
    static func terms(_ text: String) -> [String] { terms(runs: runs(text)) }

    /// Content terms of text already split into `runs`.
    static func terms(runs: [Run]) -> [String] {
        terms(runs: runs, word: term(ofWord:), bigram: { $0 })
    }

    /// What `word` counts as among the content terms: normalised, or nil for a stopword or a single letter.
    static func term(ofWord word: String) -> String? {
        let term = normalize(word)
        return term.count >= 2 && !stopwords.contains(term) ? term : nil
    }

    /// The content terms of `runs`, each word given to `word` (nil drops it) and each CJK bigram to `bigram`.
    static func terms<T>(runs: [Run], word: (String) -> T?, bigram: (String) -> T) -> [T] {
        var out: [T] = []
        for run in runs {
            switch run {
            case let .word(text):
                if let term = word(text) { out.append(term) }
            case let .cjk(chars):
                out.append(contentsOf: bigrams(chars).map(bigram))
            case .sentenceEnd:
                break
            }
        }
        return out
    }

    /// Overlapping character pairs, skipping pairs of two hiragana (grammar, not content).
    static func bigrams(_ chars: [Character]) -> [String] {
        guard chars.count > 1 else { return chars.first.map { isHiragana($0) ? [] : [String($0)] } ?? [] }
        return (0..<(chars.count - 1)).compactMap { i in
            isHiragana(chars[i]) && isHiragana(chars[i + 1]) ? nil : String(chars[i...i + 1])
        }
    }

    /// A letter or digit. ASCII is answered from the byte: Unicode property lookups were the largest
    /// single cost of grouping English text.
    @inline(__always)
    static func isWordCharacter(_ ch: Character) -> Bool {
        if let byte = ch.asciiValue { return (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) }
        return ch.isLetter || ch.isNumber
    }

    /// An upper-case letter, with the same ASCII shortcut.
    @inline(__always)
    static func isUpper(_ ch: Character) -> Bool {
        if let byte = ch.asciiValue { return (65...90).contains(byte) }
        return ch.isUppercase
    }

    /// Lowercased, accent-free, with possessive `'s` and a plural `s` removed so `talks` meets `talk`.
    static func normalize(_ word: String) -> String {
        // Plain ASCII has no accents to fold, and lowercasing it needs no locale machinery.
        if let ascii = ASCIIText.withBytes(word, ASCIIText.normalize) { return ascii }
        var w = word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        if w.count > 4, w.hasSuffix("ies") {
            w = String(w.dropLast(3)) + "y"
        } else if w.count > 4, w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us") {
            w = String(w.dropLast())
        }
        return w
    }

    /// True when most words of an English headline start with a capital (`Trump Tells Ishiba He Aims…`).
    static func isTitleCased(_ text: String) -> Bool { isTitleCased(runs: runs(text)) }

    /// `isTitleCased` of a text already split into `runs`.
    static func isTitleCased(runs: [Run]) -> Bool {
        let words = runs.compactMap { if case let .word(w) = $0, w.count > 3 { w } else { nil } }
        guard words.count >= 3 else { return false }
        return words.filter { $0.first.map(isUpper) == true }.count * 10 >= words.count * 7
    }

    static func isCJK(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF66...0xFF9F).contains(v)
    }

    static func isHiragana(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return (0x3040...0x309F).contains(v)
    }

    static func isKatakana(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return (0x30A0...0x30FF).contains(v) && v != 0x30FB && v != 0x30FC || (0xFF66...0xFF9F).contains(v)
    }

    static let stopwords: Set<String> = Set("""
    a about above after again against all also am an and any are as at be because been before being below between both \
    but by can could did do does doing down during each few for from further had has have having he her here hers herself \
    him himself his how if in into is it its itself just me more most my no nor not now of off on once only or other our \
    ours out over own said same say says she should so some such than that the their theirs them then there these they \
    this those through to too under until up us very was we were what when where which while who whom why will with \
    would you your yours new one two three first last next week year month day today told according including amid \
    per s t th via mr ms mrs
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
