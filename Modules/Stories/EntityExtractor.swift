import Foundation

/// A deterministic guess at the names in a text: capitalised words not opening a sentence, runs of
/// capitalised words, all-capital surnames (`ISHIBA Shigeru`), and katakana runs in Japanese.
///
/// Office titles (`Prime Minister`, `President`) are dropped: they name roles every summit shares,
/// while the person or country next to them is what tells two events apart.
enum EntityExtractor {
    /// Lowercased entity words of `text`, in order of appearance (duplicates kept).
    static func entityWords(_ text: String) -> [String] { entityWords(runs: Tokenizer.runs(text)) }

    /// Lowercased entity words of text already split into `runs`.
    static func entityWords(runs: [Tokenizer.Run]) -> [String] {
        var out: [String] = []
        var sentenceStart = true
        var sequence: [String] = []
        var sequenceOpensSentence = false
        func flushSequence() {
            defer { sequence = [] }
            let words = sequence.map(Tokenizer.normalize).filter { $0.count >= 2 && !titles.contains($0) && !Tokenizer.stopwords.contains($0) }
            // A lone capitalised word at a sentence start is usually just grammar, not a name.
            if sequenceOpensSentence, sequence.count == 1, !isAllCaps(sequence[0]) { return }
            out.append(contentsOf: words)
        }
        for run in runs {
            switch run {
            case let .word(word):
                if word.first.map(Tokenizer.isUpper) == true {
                    if sequence.isEmpty { sequenceOpensSentence = sentenceStart }
                    sequence.append(word)
                } else {
                    flushSequence()
                }
                sentenceStart = false
            case let .cjk(chars):
                flushSequence()
                out.append(contentsOf: katakanaRuns(chars))
                out.append(contentsOf: kanjiHeads(chars))
                sentenceStart = false
            case .sentenceEnd:
                flushSequence()
                sentenceStart = true
            }
        }
        flushSequence()
        return out
    }

    /// Katakana runs of two or more characters: in Japanese news these are mostly foreign names and places.
    static func katakanaRuns(_ chars: [Character]) -> [String] {
        var out: [String] = []
        var current: [Character] = []
        for ch in chars + [" "] {
            if Tokenizer.isKatakana(ch) || (!current.isEmpty && ch == "ー") {
                current.append(ch)
            } else {
                if current.count >= 2 { out.append(String(current)) }
                current = []
            }
        }
        return out
    }

    /// The first two and three characters of each kanji run: Japanese place and organisation names
    /// (`帯広`, `北海道`) usually open a compound, while suffixes like `市` or `県` vary between outlets.
    static func kanjiHeads(_ chars: [Character]) -> [String] {
        var out: [String] = []
        var current: [Character] = []
        for ch in chars + [" "] {
            if Tokenizer.isCJK(ch), !Tokenizer.isHiragana(ch), !Tokenizer.isKatakana(ch), ch != "ー" {
                current.append(ch)
            } else {
                if current.count >= 2 { out.append(String(current.prefix(2))) }
                if current.count >= 3 { out.append(String(current.prefix(3))) }
                current = []
            }
        }
        return out
    }

    static func isAllCaps(_ word: String) -> Bool {
        word.count >= 2 && word.allSatisfy { !Tokenizer.isWordCharacter($0) || $0.isNumber || Tokenizer.isUpper($0) }
    }

    /// Role words and calendar words that are capitalised without naming anyone.
    static let titles: Set<String> = Set("""
    president prime minister ministry secretary chancellor vice foreign defense defence finance trade chief executive \
    ceo chairman chair governor senator representative mayor king queen prince princess pope general minister \
    spokesperson spokesman spokeswoman official officials leader leaders government governor deputy director \
    january february march april may june july august september october november december \
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
