import NewsModels

/// Reads the dates feeds really carry, keeping the offset they were written in.
///
/// One hand-written scanner (no `DateFormatter`: it is slow and depends on the locale) accepts
/// RFC 822/1123/2822 (`Sat, 01 Feb 2025 13:58:00 +0900`, with or without weekday and seconds, two- or
/// four-digit years, named zones such as GMT, UT, EST, JST, CEST, BST, military letters), RFC 850 and
/// asctime forms, RFC 3339/ISO 8601 (`2025-02-01T13:58:00.250+09:00`, `Z`, `+0900`, a space for `T`,
/// date only), `2025/02/01 13:58`, and written-out forms: `February 1, 2025`, `Feb 1, 2025 10:00 AM`,
/// `1 Feb 2025`, `13:58 JST, February 1, 2025`, Japanese `2025年2月1日 13時58分`. Case, extra spaces,
/// weekdays, ordinals (`1st`) and parenthesised junk (`(UTC)`) are ignored. No zone means UTC.
/// Military zone letters other than Z count as UTC, as RFC 5322 section 4.3 advises.
public enum FeedDates {
    /// The instant `text` names, in its own offset; nil when it is not a date or not a real one (Feb 30, 25:00).
    public static func parse(_ text: String) -> Timestamp? {
        var fields = FeedDateFields()
        let tokens = FeedDateTokenizer.tokens(text)
        var i = 0
        while i < tokens.count {
            switch tokens[i] {
            case let .number(value, digits):
                if fields.hour == nil, let end = fields.readTime(tokens, at: i) {
                    i = end
                    fields.timeEnd = end
                    continue
                }
                if fields.hour == nil, digits <= 2, i + 1 < tokens.count, case let .word(next) = tokens[i + 1],
                   case .meridiem? = FeedDateTokenizer.meaning(of: next) {
                    fields.hour = value  // "10 AM"
                    fields.timeEnd = i + 1
                    i += 1
                    continue
                }
                guard fields.numbers.count < 3 else { return nil }
                fields.numbers.append((value, digits))
            case let .word(word):
                switch FeedDateTokenizer.meaning(of: word) {
                case let .month(month)?:
                    guard fields.month == nil else { return nil }
                    fields.month = month
                case let .meridiem(pm)?:
                    fields.pm = pm
                case let .zone(minutes)?:
                    // A lone letter is a zone only after the time ("…10:00 Z"), never inside a date.
                    if word.utf8.count > 1 || fields.hour != nil { fields.offset = minutes }
                case .weekday?, .filler?, nil:
                    break
                }
            case .mark(0x2B), .mark(0x2D):
                let afterTimeOrZone: Bool
                if i == fields.timeEnd { afterTimeOrZone = true } else if i > 0, case .word = tokens[i - 1] {
                    afterTimeOrZone = true
                } else { afterTimeOrZone = false }
                if fields.hour != nil, afterTimeOrZone, let end = fields.readOffset(tokens, at: i) {
                    i = end
                    continue
                }
            case .mark:
                break
            }
            i += 1
        }
        return fields.timestamp()
    }
}

/// The parts of a date found so far.
struct FeedDateFields {
    var numbers: [(value: Int, digits: Int)] = []
    var month: Int?
    var hour: Int?, minute = 0, second = 0, millisecond = 0
    var pm: Bool?
    var offset = 0
    /// Index of the token just after the time, where a numeric offset may start.
    var timeEnd = -1

    /// Reads `H:MM[:SS[.fff]]` starting at `start`; returns the index after it, nil if it is not a time.
    mutating func readTime(_ tokens: [FeedDateToken], at start: Int) -> Int? {
        guard start + 2 < tokens.count, case let .number(h, hDigits) = tokens[start], hDigits <= 2,
              tokens[start + 1] == .mark(0x3A), case let .number(m, mDigits) = tokens[start + 2], mDigits == 2
        else { return nil }
        hour = h
        minute = m
        var i = start + 3
        if i + 1 < tokens.count, tokens[i] == .mark(0x3A), case let .number(s, sDigits) = tokens[i + 1], sDigits == 2 {
            second = s
            i += 2
            if i + 1 < tokens.count, tokens[i] == .mark(0x2E) || tokens[i] == .mark(0x2C),
               case let .number(fraction, fDigits) = tokens[i + 1] {
                millisecond = Self.milliseconds(fraction, digits: fDigits)
                i += 2
            }
        } else if i < tokens.count, tokens[i] == .mark(0x3A) {
            i += 1  // "13時58分" leaves a dangling separator
        }
        return i
    }

    /// Reads `±HHMM`, `±HH:MM` or `±H` starting at the sign; returns the index after it.
    mutating func readOffset(_ tokens: [FeedDateToken], at start: Int) -> Int? {
        guard start + 1 < tokens.count, case let .number(value, digits) = tokens[start + 1] else { return nil }
        var hours: Int, minutes = 0
        var end = start + 2
        switch digits {
        case 4:
            hours = value / 100
            minutes = value % 100
        case 1, 2:
            hours = value
            if end + 1 < tokens.count, tokens[end] == .mark(0x3A), case let .number(m, 2) = tokens[end + 1] {
                minutes = m
                end += 2
            }
        default:
            return nil
        }
        guard hours <= 18, minutes < 60 else { return nil }
        offset = (hours * 60 + minutes) * (tokens[start] == .mark(0x2D) ? -1 : 1)
        return end
    }

    /// The first three digits of a decimal fraction as milliseconds (`5` → 500, `123456` → 123).
    static func milliseconds(_ fraction: Int, digits: Int) -> Int {
        var value = fraction
        var kept = min(digits, 9)  // the tokenizer keeps at most nine digits
        while kept > 3 { value /= 10; kept -= 1 }
        while kept < 3 { value *= 10; kept += 1 }
        return value
    }

    /// The timestamp these fields describe, nil when a part is missing or out of range.
    func timestamp() -> Timestamp? {
        var year: Int, month: Int, day: Int
        if let named = self.month {
            guard numbers.count == 2 else { return nil }
            month = named
            let (first, second) = (numbers[0], numbers[1])
            if first.digits == 4 {                      // "2025 Feb 1"
                (year, day) = (first.value, second.value)
                guard second.digits <= 2 else { return nil }
            } else {                                    // "1 Feb 2025", "Feb 1, 2025", "01-Feb-25"
                guard first.digits <= 2, second.digits == 4 || second.digits == 2 else { return nil }
                (day, year) = (first.value, second.value)
                if second.digits == 2 { year += year < 50 ? 2000 : 1900 }
            }
        } else {
            // Numeric dates are read only year first (2025-02-01, 2025/02/01): 02/01/2025 is ambiguous.
            guard numbers.count == 3, numbers[0].digits == 4, numbers[1].digits <= 2, numbers[2].digits <= 2 else { return nil }
            (year, month, day) = (numbers[0].value, numbers[1].value, numbers[2].value)
        }
        var hour = self.hour ?? 0
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            if pm, hour < 12 { hour += 12 } else if !pm, hour == 12 { hour = 0 }
        }
        guard (1000...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year),
              hour < 24, minute < 60, second <= 60
        else { return nil }
        let local = Timestamp.epochMilliseconds(year: year, month: month, day: day, hour: hour, minute: minute)
            + Int64(min(second, 59)) * 1000 + Int64(millisecond)
        return Timestamp(epochMilliseconds: local - Int64(offset) * 60_000, offsetMinutes: offset)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
