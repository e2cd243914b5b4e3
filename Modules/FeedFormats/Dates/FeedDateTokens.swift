/// One piece of a date string as the scanner sees it.
enum FeedDateToken: Equatable {
    /// A run of ASCII digits: its value and how many digits it had (`02` has two).
    case number(Int, digits: Int)
    /// A run of ASCII letters, lowercased, with a trailing `.` dropped (`Feb.` is `feb`).
    case word(String)
    /// A single punctuation mark that means something: `:`, `+`, `-`, `/`, `.`, `,`.
    case mark(UInt8)
}

/// What a word in a date means.
enum FeedDateWord {
    case month(Int)
    case weekday
    case meridiem(pm: Bool)
    case zone(minutes: Int)
    /// `st`, `nd`, `rd`, `th` after a day number, and filler such as `at`, `of`, `on`.
    case filler
}

enum FeedDateTokenizer {
    /// Dates longer than this are cut: the tail is junk, and the scan stays cheap on hostile input.
    static let maxBytes = 160

    /// The tokens of `text`. Parenthesised parts (`(UTC)`, `(Japan Standard Time)`) are skipped,
    /// Japanese 年/月/日 and 時/分/秒 become separators, and anything else unknown is a space.
    static func tokens(_ text: String) -> [FeedDateToken] {
        var tokens: [FeedDateToken] = []
        tokens.reserveCapacity(16)
        var bytes = Array(text.utf8.prefix(maxBytes))
        bytes.append(0x20)  // a sentinel so the last run is flushed
        var i = 0
        var parenDepth = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x28 { parenDepth += 1; i += 1; continue }             // (
            if b == 0x29 { parenDepth = max(0, parenDepth - 1); i += 1; continue }  // )
            if parenDepth > 0 { i += 1; continue }
            switch b {
            case 0x30...0x39:
                var value = 0, digits = 0
                while i < bytes.count, (0x30...0x39).contains(bytes[i]) {
                    if digits < 9 { value = value * 10 + Int(bytes[i] - 0x30) }
                    digits += 1
                    i += 1
                }
                tokens.append(.number(value, digits: digits))
            case 0x41...0x5A, 0x61...0x7A:
                var word: [UInt8] = []
                while i < bytes.count, isLetter(bytes[i]) {
                    word.append(bytes[i] | 0x20)
                    i += 1
                }
                if word.count == 1, word[0] == 0x61 || word[0] == 0x70, i + 1 < bytes.count, bytes[i] == 0x2E,
                   bytes[i + 1] | 0x20 == 0x6D {
                    word.append(0x6D)  // "a.m." and "p.m."
                    i += 2
                }
                if i < bytes.count, bytes[i] == 0x2E, word.count > 1 { i += 1 }  // "Feb." and "am."
                tokens.append(.word(String(decoding: word, as: UTF8.self)))
            case 0x3A, 0x2B, 0x2D, 0x2F, 0x2E, 0x2C:
                tokens.append(.mark(b))
                i += 1
            case 0xE5, 0xE6, 0xE7:
                // 年 E5 B9 B4, 月 E6 9C 88, 日 E6 97 A5, 時 E6 99 82, 分 E5 88 86, 秒 E7 A7 92
                if i + 2 < bytes.count {
                    switch (b, bytes[i + 1], bytes[i + 2]) {
                    case (0xE5, 0xB9, 0xB4), (0xE6, 0x9C, 0x88): tokens.append(.mark(0x2D))
                    case (0xE6, 0x99, 0x82), (0xE5, 0x88, 0x86): tokens.append(.mark(0x3A))
                    default: break
                    }
                }
                i += 3
            default:
                i += 1
            }
        }
        return tokens
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }

    /// The meaning of a lowercased word, nil when it means nothing to a date.
    static func meaning(of word: String) -> FeedDateWord? {
        if let known = words[word] { return known }
        // Military zone letters (RFC 822 section 5); RFC 5322 section 4.3 says their signs were
        // printed the wrong way round, so all but Z are read as UTC rather than guessed.
        if word.utf8.count == 1, word != "t" { return .zone(minutes: 0) }
        return nil
    }

    private static let words: [String: FeedDateWord] = {
        var table: [String: FeedDateWord] = [:]
        let months = [
            ["jan", "january"], ["feb", "february"], ["mar", "march"], ["apr", "april"], ["may"],
            ["jun", "june"], ["jul", "july"], ["aug", "august"], ["sep", "sept", "september"],
            ["oct", "october"], ["nov", "november"], ["dec", "december"],
        ]
        for (index, names) in months.enumerated() {
            for name in names { table[name] = .month(index + 1) }
        }
        for name in ["mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
                     "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday"] {
            table[name] = .weekday
        }
        table["am"] = .meridiem(pm: false)
        table["pm"] = .meridiem(pm: true)
        for name in ["st", "nd", "rd", "th", "at", "of", "on", "the", "t"] { table[name] = .filler }
        let zones: [String: Int] = [
            "gmt": 0, "ut": 0, "utc": 0, "z": 0, "wet": 0,
            "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
            "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600,
            "bst": 60, "cet": 60, "cest": 120, "met": 60, "mest": 120, "west": 60, "eet": 120, "eest": 180,
            "msk": 180, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480, "awst": 480,
            "acst": 570, "acdt": 630, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
        ]
        for (name, minutes) in zones { table[name] = .zone(minutes: minutes) }
        return table
    }()
}
