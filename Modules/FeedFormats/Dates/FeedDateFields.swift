import NewsModels

/// The parts of a date found so far.
struct FeedDateFields {
    var numbers: [(value: Int, digits: Int)] = []
    var month: Int?
    var hour: Int?, minute = 0, second = 0, millisecond = 0
    var pm: Bool?
    /// The offset the date names, in minutes; nil when it names none.
    var zone: Int?
    /// Whether `month` came from a word that is also a weekday in some language.
    var monthMayBeWeekday = false
    /// The ISO 8601 week number of a week date (`2003-W49-3`).
    var week: Int?
    /// Written with Korean markers: without a zone, Korea's time (+09:00) is meant.
    var koreanTime = false
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
        zone = (hours * 60 + minutes) * (tokens[start] == .mark(0x2D) ? -1 : 1)
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
        guard let (year, month, day, dayOffset) = calendarDate() else { return nil }
        var hour = self.hour ?? 0
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            if pm, hour < 12 { hour += 12 } else if !pm, hour == 12 { hour = 0 }
        }
        guard (1000...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year),
              hour < 24, minute < 60, second <= 60
        else { return nil }
        let offset = zone ?? (koreanTime ? 540 : 0)
        let local = Timestamp.epochMilliseconds(year: year, month: month, day: day, hour: hour, minute: minute)
            + Int64(dayOffset) * 86_400_000 + Int64(min(second, 59)) * 1000 + Int64(millisecond)
        return Timestamp(epochMilliseconds: local - Int64(offset) * 60_000, offsetMinutes: offset)
    }

    /// Year, month and day, plus days to add for ordinal and week dates (counted from 1 January).
    private func calendarDate() -> (year: Int, month: Int, day: Int, plusDays: Int)? {
        if let named = month {
            guard numbers.count == 2 else { return nil }
            let (first, second) = (numbers[0], numbers[1])
            if first.digits == 4 {                      // "2025 Feb 1", "2004-július-13"
                guard second.digits <= 2 else { return nil }
                return (first.value, named, second.value, 0)
            }
            // "1 Feb 2025", "Feb 1, 2025", "01-Feb-25"
            guard first.digits <= 2, second.digits == 4 || second.digits == 2 else { return nil }
            let year = second.digits == 2 ? second.value + (second.value < 50 ? 2000 : 1900) : second.value
            return (year, named, first.value, 0)
        }
        // Numeric dates are read only year first (2025-02-01, 2025/02/01): 02/01/2025 is ambiguous.
        guard let first = numbers.first, first.digits == 4 || first.digits == 8 else { return nil }
        if first.digits == 8 {                          // basic ISO 8601: 20250201
            guard numbers.count == 1, week == nil else { return nil }
            return (first.value / 10_000, first.value / 100 % 100, first.value % 100, 0)
        }
        if let week {                                   // 2025-W05-6
            guard numbers.count == 2, (1...53).contains(week), (1...7).contains(numbers[1].value), numbers[1].digits == 1 else { return nil }
            return (first.value, 1, 1, Self.weekDateOffset(year: first.value, week: week, weekday: numbers[1].value))
        }
        switch numbers.count {
        case 1 where hour == nil:                       // W3C-DTF year: 2025
            return (first.value, 1, 1, 0)
        case 2 where numbers[1].digits == 3:            // ordinal: 2025-032
            let ordinal = numbers[1].value
            let length = Self.days(inMonth: 2, year: first.value) == 29 ? 366 : 365
            guard (1...length).contains(ordinal) else { return nil }
            return (first.value, 1, 1, ordinal - 1)
        case 2 where numbers[1].digits <= 2 && hour == nil:   // W3C-DTF year and month: 2025-02
            return (first.value, numbers[1].value, 1, 0)
        case 3 where numbers[2].digits <= 2 && (numbers[1].digits <= 2 || numbers[1].digits == 3 && numbers[1].value <= 12):
            // A three-digit month with a leading zero (2025-002-01) is a known feed generator's slip.
            return (first.value, numbers[1].value, numbers[2].value, 0)
        default:
            return nil
        }
    }

    /// Days from 1 January of `year` to ISO 8601 week `week`, day `weekday` (1 is Monday): week 1 is
    /// the one holding 4 January.
    static func weekDateOffset(year: Int, week: Int, weekday: Int) -> Int {
        let january4 = Timestamp.epochMilliseconds(year: year, month: 1, day: 4) / 86_400_000
        let mondayIndex = Int(((january4 + 3) % 7 + 7) % 7)    // 1970-01-01 was a Thursday
        return 3 - mondayIndex + (week - 1) * 7 + (weekday - 1)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
