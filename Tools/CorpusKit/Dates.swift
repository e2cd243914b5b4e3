/// Calendar arithmetic without Foundation's `Calendar`, which is slow to call per article and whose
/// results could in principle depend on the host's ICU data.
enum Dates {
    /// A local calendar reading of an instant.
    struct Civil {
        let year: Int, month: Int, day: Int, hour: Int, minute: Int
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's `days_from_civil`).
    static func days(year y0: Int, month m: Int, day d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The local date and time of `epochMilliseconds` at `offsetMinutes` from UTC.
    static func civil(epochMilliseconds: Int64, offsetMinutes: Int) -> Civil {
        let localSeconds = Int(epochMilliseconds / 1000) + offsetMinutes * 60
        let days = localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400
        let secondOfDay = localSeconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return Civil(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day,
                     hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60)
    }

    /// `"00"` … `"99"`, so zero-padded fields cost a lookup instead of a format call.
    static let twoDigits: [String] = (0..<100).map { $0 < 10 ? "0" + String($0) : String($0) }

    /// Milliseconds for a UTC midnight.
    static func epochMilliseconds(year: Int, month: Int, day: Int) -> Int64 {
        Int64(days(year: year, month: month, day: day)) * 86_400_000
    }
}
