import Foundation

/// One piece of a date string as the scanner sees it.
enum FeedDateToken: Equatable {
    /// A run of ASCII digits: its value and how many digits it had (`02` has two).
    case number(Int, digits: Int)
    /// A run of letters (any script), lowercased and without accents, a trailing `.` dropped (`Feb.` is `feb`).
    case word(String)
    /// A single punctuation mark that means something: `:`, `+`, `-`, `/`, `.`, `,`.
    case mark(UInt8)
    /// A Korean date marker (년, 월, 일, 오전, 오후): such dates are written in Korea's time unless they say otherwise.
    case koreanTime
}

/// What a word in a date means.
enum FeedDateWord {
    case month(Int)
    /// A word that is a month in one language and a weekday in another (`mar`: March, and martes/mardi).
    case monthOrWeekday(Int)
    case weekday
    case meridiem(pm: Bool)
    case zone(minutes: Int)
    /// `at`: filler before a time (`Feb 1 at 10:00`), Atlantic time after it (`16:31:00 AT`).
    case fillerOrZone(minutes: Int)
    /// `st`, `nd`, `rd`, `th` after a day number, and filler such as `at`, `of`, `on`.
    case filler
}

enum FeedDateTokenizer {
    /// Dates longer than this are cut: the tail is junk, and the scan stays cheap on hostile input.
    static let maxBytes = 160

    /// The tokens of `text`. Parenthesised parts (`(UTC)`, `(Japan Standard Time)`) are skipped,
    /// Japanese 年/月/日 and 時/分/秒 and Korean 년/월/일 become separators, and anything else unknown is a space.
    static func tokens(_ text: String) -> [FeedDateToken] {
        var tokens: [FeedDateToken] = []
        tokens.reserveCapacity(16)
        var scalars = Array(String(decoding: text.utf8.prefix(maxBytes), as: UTF8.self).unicodeScalars)
        scalars.append(" ")  // a sentinel so the last run is flushed
        var i = 0
        var parenDepth = 0
        var sawKorean = false
        while i < scalars.count {
            let s = scalars[i]
            if s == "(" { parenDepth += 1; i += 1; continue }
            if s == ")" { parenDepth = max(0, parenDepth - 1); i += 1; continue }
            if parenDepth > 0 { i += 1; continue }
            if let separator = separators[s] {
                if (0xAC00...0xD7A3).contains(s.value) { sawKorean = true }
                tokens.append(.mark(separator))
                i += 1
                continue
            }
            switch s.value {
            case 0x30...0x39:
                var value = 0, digits = 0
                while i < scalars.count, (0x30...0x39).contains(scalars[i].value) {
                    if digits < 9 { value = value * 10 + Int(scalars[i].value - 0x30) }
                    digits += 1
                    i += 1
                }
                tokens.append(.number(value, digits: digits))
            case 0x3A, 0x2B, 0x2D, 0x2F, 0x2E, 0x2C:
                tokens.append(.mark(UInt8(s.value)))
                i += 1
            case _ where isLetter(s):
                var word = String.UnicodeScalarView()
                var ascii = true
                while i < scalars.count, isLetter(scalars[i]), separators[scalars[i]] == nil {
                    ascii = ascii && scalars[i].isASCII
                    word.append(scalars[i])
                    i += 1
                }
                if word.count == 1, word.first == "a" || word.first == "p" || word.first == "A" || word.first == "P",
                   i + 1 < scalars.count, scalars[i] == ".", scalars[i + 1] == "m" || scalars[i + 1] == "M" {
                    word.append("m")  // "a.m." and "p.m."
                    i += 2
                }
                if i < scalars.count, scalars[i] == ".", word.count > 1 { i += 1 }  // "Feb." and "am."
                let folded = ascii ? String(word).lowercased() : unaccented(String(word).lowercased())
                if folded == "오전" || folded == "오후" { sawKorean = true }
                tokens.append(.word(folded))
            default:
                i += 1
            }
        }
        if sawKorean { tokens.append(.koreanTime) }
        return tokens
    }

    /// Japanese and Korean date and time markers and the separator each stands for.
    private static let separators: [Unicode.Scalar: UInt8] = [
        "年": 0x2D, "月": 0x2D, "日": 0x20, "時": 0x3A, "分": 0x3A, "秒": 0x20,
        "년": 0x2D, "월": 0x2D, "일": 0x20, "시": 0x3A, "분": 0x3A, "초": 0x20,
    ]

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value) : s.properties.isAlphabetic
    }

    /// `word` without combining accents (`ιούλ` → `ιουλ`, `août` → `aout`); Hangul is kept whole, as
    /// decomposing it would split its syllables into letters.
    private static func unaccented(_ word: String) -> String {
        if word.unicodeScalars.contains(where: { (0xAC00...0xD7A3).contains($0.value) }) { return word }
        var out = String.UnicodeScalarView()
        for scalar in word.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            out.append(scalar)
        }
        return String(out)
    }

    /// The meaning of a lowercased, unaccented word, nil when it means nothing to a date.
    static func meaning(of word: String) -> FeedDateWord? {
        if let known = FeedDateNames.words[word] { return known }
        // Military zone letters (RFC 822 section 5); RFC 5322 section 4.3 says their signs were
        // printed the wrong way round, so all but Z are read as UTC rather than guessed.
        if word.utf8.count == 1, word != "t", word != "w" { return .zone(minutes: 0) }
        return nil
    }
}
