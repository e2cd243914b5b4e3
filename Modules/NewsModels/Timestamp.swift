import Foundation

/// An instant plus the UTC offset it was written in, encoded as RFC 3339 (`2025-02-07T13:58:00+09:00`).
///
/// Articles keep the outlet's own offset so a reader can show both local time and the original zone.
/// Precision is milliseconds; finer fractions are truncated on decode.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var epochMilliseconds: Int64
    /// Offset from UTC in minutes (+540 for JST), as written by the source.
    public var offsetMinutes: Int

    /// Creates a timestamp from an epoch value in milliseconds and a UTC offset in minutes.
    public init(epochMilliseconds: Int64, offsetMinutes: Int = 0) {
        self.epochMilliseconds = epochMilliseconds
        self.offsetMinutes = offsetMinutes
    }

    /// Creates a timestamp from a `Date`, expressed in the given UTC offset.
    public init(_ date: Date, offsetMinutes: Int = 0) {
        self.init(epochMilliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)), offsetMinutes: offsetMinutes)
    }

    /// The instant as a Foundation `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(epochMilliseconds) / 1000) }

    /// The current time in UTC.
    public static func now() -> Timestamp { Timestamp(Date()) }

    /// Orders by instant only; two timestamps of the same instant in different zones compare equal in order.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.epochMilliseconds < rhs.epochMilliseconds }

    /// The RFC 3339 form, e.g. `2025-02-07T13:58:00+09:00` (`Z` for UTC, `.mmm` only when non-zero).
    public var description: String { rfc3339 }

    /// A wall-clock reading in the timestamp's own offset.
    public struct CivilTime: Sendable, Hashable {
        /// Year, month (1–12), day (1–31).
        public var year: Int, month: Int, day: Int
        /// Hour (0–23), minute, second, millisecond.
        public var hour: Int, minute: Int, second: Int, millisecond: Int
    }

    /// The local date and time where it was written (proleptic Gregorian, no time-zone database).
    public var civil: CivilTime {
        let localMillis = epochMilliseconds + Int64(offsetMinutes) * 60_000
        let (days, msOfDay) = floorDivMod(localMillis, 86_400_000)
        let (y, m, d) = Self.civil(fromDays: days)
        let secs = Int(msOfDay / 1000)
        return CivilTime(year: Int(y), month: Int(m), day: Int(d), hour: secs / 3600, minute: secs / 60 % 60,
                         second: secs % 60, millisecond: Int(msOfDay % 1000))
    }

    /// Milliseconds since 1970 of a UTC calendar date and time.
    public static func epochMilliseconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) -> Int64 {
        ((days(fromCivil: Int64(year), Int64(month), Int64(day)) * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000
    }

    /// The RFC 3339 form used on the wire.
    public var rfc3339: String {
        let c = civil
        var out = pad(Int64(c.year), 4) + "-" + pad(Int64(c.month), 2) + "-" + pad(Int64(c.day), 2) + "T"
        out += pad(Int64(c.hour), 2) + ":" + pad(Int64(c.minute), 2) + ":" + pad(Int64(c.second), 2)
        if c.millisecond != 0 { out += "." + pad(Int64(c.millisecond), 3) }
        if offsetMinutes == 0 { return out + "Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let off = abs(offsetMinutes)
        return out + sign + pad(Int64(off / 60), 2) + ":" + pad(Int64(off % 60), 2)
    }

    /// Parses RFC 3339 (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`); `t`, `z` and a space separator are accepted.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= b.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + count) {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            return v
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, [84, 116, 32].contains(b[10]), b[13] == 58, b[16] == 58,
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2),
              let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2),
              (1...12).contains(mo), d >= 1, d <= Self.daysIn(month: mo, year: y), h < 24, mi < 60, s <= 60
        else { return nil }
        var i = 19
        var ms: Int64 = 0
        if i < b.count, b[i] == 46 {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 3 { ms = ms * 10 + Int64(b[i] - 48) }
                digits += 1; i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { ms *= 10 }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            guard b.count == i + 6, b[i + 3] == 58, let oh = num(i + 1, 2), let om = num(i + 4, 2), oh < 24, om < 60
            else { return nil }
            offset = Int(oh * 60 + om) * (b[i] == 45 ? -1 : 1)
            i += 6
        } else { return nil }
        guard i == b.count else { return nil }
        let days = Self.days(fromCivil: y, mo, d)
        let local = ((days * 24 + h) * 60 + mi) * 60 + min(s, 59)
        epochMilliseconds = (local - Int64(offset) * 60) * 1000 + ms
        offsetMinutes = offset
    }

    /// Decodes from an RFC 3339 string; anything else is a `dataCorrupted` error at this field.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let value = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected an RFC 3339 date with offset, got \"\(text.prefix(40))\"")
        }
        self = value
    }

    /// Encodes as the RFC 3339 string.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }

    // Howard Hinnant's civil-calendar algorithms: exact for the proleptic Gregorian calendar.
    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private func floorDivMod(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let q = a / b, r = a % b
    return r < 0 ? (q - 1, r + b) : (q, r)
}

private func pad(_ v: Int64, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
