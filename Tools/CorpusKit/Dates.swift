import NewsModels

/// Calendar arithmetic without Foundation's `Calendar`, which is slow to call per article and whose
/// results could in principle depend on the host's ICU data.
enum Dates {
    /// A local calendar reading of an instant.
    struct Civil {
        let year: Int, month: Int, day: Int, hour: Int, minute: Int
    }

    /// The local date and time of `epochMilliseconds` at `offsetMinutes` from UTC.
    static func civil(epochMilliseconds: Int64, offsetMinutes: Int) -> Civil {
        let c = Timestamp(epochMilliseconds: epochMilliseconds, offsetMinutes: offsetMinutes).civil
        return Civil(year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute)
    }

    /// `"00"` … `"99"`, so zero-padded fields cost a lookup instead of a format call.
    static let twoDigits: [String] = (0..<100).map { $0 < 10 ? "0" + String($0) : String($0) }

    /// Milliseconds for a UTC midnight.
    static func epochMilliseconds(year: Int, month: Int, day: Int) -> Int64 {
        Timestamp.epochMilliseconds(year: year, month: month, day: day)
    }
}
