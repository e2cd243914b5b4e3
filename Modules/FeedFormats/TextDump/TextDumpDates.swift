import NewsModels

/// A date found inside one line of a dump: where it is (character offsets) and the instant it names.
struct DumpDate: Hashable {
    /// Character offsets of the whole match, time and zone included.
    var range: Range<Int>
    /// The instant, in the zone the line names (UTC when it names none).
    var timestamp: Timestamp
}

/// A date that running text mentions, to the day or only to the month.
struct DumpDateMention: Hashable {
    /// Character offsets of the mention in its line.
    var range: Range<Int>
    var year: Int, month: Int
    /// Nil when the text names only the month and year.
    var day: Int?
}

/// Finds the dates text dumps print: `April 3, 2026`, `Apr. 3, 2026`, `3 April 2026`,
/// `07:45 CET, April 3, 2026`, `April 3, 2026 at 1:58 p.m. EST`, `2026-04-03`, `2026-04-03T07:45:00+01:00`.
/// A date without a time is midnight; a time without a known zone is read as UTC. Deliberately
/// separate from the feed date parser: dumps print human dates inside running text.
enum DumpDateScanner {
    /// The first date in `line`, or nil.
    static func first(in line: String) -> DumpDate? {
        let tokens = DateToken.split(Array(line))
        for start in tokens.indices {
            if let found = timeThenDate(tokens, start) ?? dateThenTime(tokens, start) ?? iso(tokens, start) {
                return found
            }
        }
        return nil
    }

    /// Every date `line` mentions, left to right: the full dates `first(in:)` reads (their day is the
    /// wall-clock day where the text says it) and, outside those, month-and-year mentions (`February
    /// 2025`, `Feb. 2025`, `February, 2025`). The month of a month-and-year mention must be capitalised:
    /// `may 2025` inside a sentence is a verb and a number.
    static func mentions(in line: String) -> [DumpDateMention] {
        let tokens = DateToken.split(Array(line))
        var found: [DumpDateMention] = []
        var i = 0
        while i < tokens.count {
            if let date = timeThenDate(tokens, i) ?? dateThenTime(tokens, i) ?? iso(tokens, i) {
                let day = date.timestamp.civil
                found.append(DumpDateMention(range: date.range, year: day.year, month: day.month, day: day.day))
                while i < tokens.count, tokens[i].start < date.range.upperBound { i += 1 }
            } else if let month = tokens[i].word.flatMap(month(named:)), tokens[i].original?.first?.isUppercase == true {
                var j = i + 1
                if j < tokens.count, tokens[j].adjacentSymbol == "." { j += 1 }
                if j < tokens.count, tokens[j].symbol == "," { j += 1 }
                if j < tokens.count, tokens[j].digits == 4, let year = tokens[j].number, valid(year, month, 1) {
                    found.append(DumpDateMention(range: tokens[i].start..<tokens[j].end, year: year, month: month, day: nil))
                    i = j + 1
                } else {
                    i += 1
                }
            } else {
                i += 1
            }
        }
        return found
    }

    /// `07:45 CET, April 3, 2026`
    private static func timeThenDate(_ t: [DateToken], _ i: Int) -> DumpDate? {
        guard let time = clock(t, i) else { return nil }
        var j = time.next
        if j < t.count, t[j].symbol == "," { j += 1 }
        guard let day = calendarDate(t, j) else { return nil }
        return make(day.ymd, time: time, range: t[i].start..<t[day.next - 1].end)
    }

    /// `April 3, 2026`, optionally followed by `, 07:45 CET` or `at 1:58 p.m.`
    private static func dateThenTime(_ t: [DateToken], _ i: Int) -> DumpDate? {
        guard let day = calendarDate(t, i) else { return nil }
        var j = day.next
        if j < t.count, t[j].symbol == "," || t[j].symbol == "-" || t[j].symbol == "|" || t[j].word == "at" { j += 1 }
        if let time = clock(t, j) {
            return make(day.ymd, time: time, range: t[i].start..<t[time.next - 1].end)
        }
        return make(day.ymd, time: nil, range: t[i].start..<t[day.next - 1].end)
    }

    /// `2025-02-01`, `2025-02-01 13:58`, `2025-02-01T13:58:00+09:00`
    private static func iso(_ t: [DateToken], _ i: Int) -> DumpDate? {
        guard i + 4 < t.count, t[i].digits == 4, let y = t[i].number, t[i + 1].adjacentSymbol == "-",
              t[i + 2].digits == 2, let m = t[i + 2].number, t[i + 3].adjacentSymbol == "-",
              t[i + 4].digits == 2, let d = t[i + 4].number, valid(y, m, d)
        else { return nil }
        var j = i + 5
        if j < t.count, t[j].word == "t", !t[j].spaceBefore { j += 1 }
        guard var time = clock(t, j) else {
            return make((y, m, d), time: nil, range: t[i].start..<t[i + 4].end)
        }
        j = time.next
        if time.offset == nil, j + 1 < t.count, !t[j].spaceBefore, let sign = t[j].symbol, sign == "+" || sign == "-",
           let hhmm = t[j + 1].number {
            var minutes: Int?
            if t[j + 1].digits == 4 { minutes = hhmm / 100 * 60 + hhmm % 100; j += 2 }
            else if t[j + 1].digits == 2, j + 3 < t.count, t[j + 2].adjacentSymbol == ":", let mm = t[j + 3].number {
                minutes = hhmm * 60 + mm; j += 4
            }
            if let minutes { time.offset = sign == "-" ? -minutes : minutes; time.next = j }
        }
        return make((y, m, d), time: time, range: t[i].start..<t[time.next - 1].end)
    }

    private struct Clock {
        var hour: Int, minute: Int, second: Int
        var offset: Int?
        var next: Int
    }

    /// `13:58`, `13:58:07`, `1:58 p.m.`, `1:58pm`, each optionally followed by a zone (`JST`, `UTC+9`).
    private static func clock(_ t: [DateToken], _ i: Int) -> Clock? {
        guard i + 2 < t.count, (1...2).contains(t[i].digits), var hour = t[i].number, t[i + 1].adjacentSymbol == ":",
              t[i + 2].digits == 2, let minute = t[i + 2].number, !t[i + 2].spaceBefore, hour < 24, minute < 60
        else { return nil }
        var j = i + 3
        var second = 0
        if j + 1 < t.count, t[j].adjacentSymbol == ":", t[j + 1].digits == 2, let s = t[j + 1].number, s < 60 {
            second = s
            j += 2
            if j + 1 < t.count, t[j].adjacentSymbol == ".", t[j + 1].number != nil { j += 2 }  // fraction ignored
        }
        if let (isPM, after) = meridiem(t, j), (1...12).contains(hour) {
            hour = hour % 12 + (isPM ? 12 : 0)
            j = after
        }
        var offset: Int?
        if j < t.count, let word = t[j].original {
            if let known = zoneOffsets[word] {
                offset = known
                j += 1
                if (word == "UTC" || word == "GMT"), j + 1 < t.count, !t[j].spaceBefore,
                   let sign = t[j].symbol, sign == "+" || sign == "-", let h = t[j + 1].number, h <= 14 {
                    offset = sign == "-" ? -h * 60 : h * 60
                    j += 2
                }
            } else if word == "Z" || word == "z", !t[j].spaceBefore {
                offset = 0
                j += 1
            }
        }
        return Clock(hour: hour, minute: minute, second: second, offset: offset, next: j)
    }

    /// `am`, `pm`, `a.m.`, `p.m.` at `i`: whether it is afternoon and the token after it.
    private static func meridiem(_ t: [DateToken], _ i: Int) -> (Bool, Int)? {
        guard i < t.count, let word = t[i].word else { return nil }
        if word == "am" || word == "pm" { return (word == "pm", i + 1) }
        guard word == "a" || word == "p", i + 2 < t.count, t[i + 1].adjacentSymbol == ".", t[i + 2].word == "m"
        else { return nil }
        var next = i + 3
        if next < t.count, t[next].adjacentSymbol == "." { next += 1 }
        return (word == "p", next)
    }

    /// `February 1, 2025`, `Feb. 1st 2025`, `1 February 2025`.
    private static func calendarDate(_ t: [DateToken], _ i: Int) -> (ymd: (Int, Int, Int), next: Int)? {
        guard i < t.count else { return nil }
        if let month = t[i].word.flatMap(month(named:)) {
            var j = i + 1
            if j < t.count, t[j].adjacentSymbol == "." { j += 1 }
            guard j < t.count, (1...2).contains(t[j].digits), let day = t[j].number else { return nil }
            j += 1
            if j < t.count, !t[j].spaceBefore, let suffix = t[j].word, ["st", "nd", "rd", "th"].contains(suffix) { j += 1 }
            if j < t.count, t[j].symbol == "," { j += 1 }
            guard j < t.count, t[j].digits == 4, let year = t[j].number, valid(year, month, day) else { return nil }
            return ((year, month, day), j + 1)
        }
        guard (1...2).contains(t[i].digits), let day = t[i].number, i + 2 < t.count,
              let month = t[i + 1].word.flatMap(month(named:)) else { return nil }
        var j = i + 2
        if t[j].adjacentSymbol == "." { j += 1 }
        if j < t.count, t[j].symbol == "," { j += 1 }
        guard j < t.count, t[j].digits == 4, let year = t[j].number, valid(year, month, day) else { return nil }
        return ((year, month, day), j + 1)
    }

    private static func make(_ ymd: (Int, Int, Int), time: Clock?, range: Range<Int>) -> DumpDate {
        let offset = time?.offset ?? 0
        let local = Timestamp.epochMilliseconds(year: ymd.0, month: ymd.1, day: ymd.2, hour: time?.hour ?? 0, minute: time?.minute ?? 0)
        let millis = local + Int64(time?.second ?? 0) * 1000 - Int64(offset) * 60_000
        return DumpDate(range: range, timestamp: Timestamp(epochMilliseconds: millis, offsetMinutes: offset))
    }

    /// Whether the calendar has that day (years 1900–2200).
    static func valid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        guard (1900...2200).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    private static func month(named word: String) -> Int? {
        monthNumbers[word]
    }

    private static let monthNumbers: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        var table: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            table[name] = index + 1
            table[String(name.prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    /// Zone abbreviations news sites print after a time, in minutes east of UTC. Ambiguous ones
    /// (`ET`, `PT`, `IST` outside India) are left out so they never yield a wrong offset.
    static let zoneOffsets: [String: Int] = [
        "UTC": 0, "GMT": 0, "WET": 0, "BST": 60, "WEST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
        "MSK": 180, "PKT": 300, "ICT": 420, "WIB": 420, "SGT": 480, "HKT": 480, "PHT": 480, "AWST": 480,
        "JST": 540, "KST": 540, "ACST": 570, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
        "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
        "AKST": -540, "AKDT": -480, "HST": -600,
    ]
}

/// A word, number or single symbol of a line, with its character offsets.
private struct DateToken {
    var start: Int, end: Int
    /// Whether whitespace separates it from the previous token.
    var spaceBefore: Bool
    /// Lowercased letters, for words.
    var word: String?
    /// The word as written, for zone abbreviations.
    var original: String?
    /// Value and digit count, for numbers.
    var number: Int?
    var digits = 0
    /// The character, for anything else.
    var symbol: Character?

    /// The symbol when nothing separates it from the previous token.
    var adjacentSymbol: Character? { spaceBefore ? nil : symbol }

    static func split(_ chars: [Character]) -> [DateToken] {
        var tokens: [DateToken] = []
        var i = 0
        var space = true
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { space = true; i += 1; continue }
            var token = DateToken(start: i, end: i + 1, spaceBefore: space)
            if c.isASCII, c.isNumber {
                var j = i
                var value = 0
                while j < chars.count, chars[j].isASCII, chars[j].isNumber, j - i < 9 {
                    value = value * 10 + Int(chars[j].asciiValue! - 48)
                    j += 1
                }
                token.number = value
                token.digits = j - i
                token.end = j
            } else if c.isLetter {
                var j = i
                while j < chars.count, chars[j].isLetter { j += 1 }
                let text = String(chars[i..<j])
                token.word = text.lowercased()
                token.original = text
                token.end = j
            } else {
                token.symbol = c
            }
            tokens.append(token)
            i = token.end
            space = false
        }
        return tokens
    }
}
