import FeedFormats
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Every date shape feeds use, read by one scanner that keeps the written offset.
    @Suite struct Dates {
        /// (input, expected RFC 3339 rendering with the original offset).
        static let accepted: [(String, String)] = [
            // RFC 822 / 1123 / 2822
            ("Sat, 01 Feb 2025 13:58:00 +0900", "2025-02-01T13:58:00+09:00"),
            ("Sat, 1 Feb 2025 13:58:00 +0900", "2025-02-01T13:58:00+09:00"),
            ("01 Feb 2025 13:58:00 +0900", "2025-02-01T13:58:00+09:00"),
            ("Sat, 01 Feb 25 13:58 GMT", "2025-02-01T13:58:00Z"),
            ("01 Feb 99 13:58 GMT", "1999-02-01T13:58:00Z"),
            ("Sat, 01 Feb 2025 13:58:00 UT", "2025-02-01T13:58:00Z"),
            ("Sat, 01 Feb 2025 13:58:00 UTC", "2025-02-01T13:58:00Z"),
            ("Sat, 01 Feb 2025 13:58:00 Z", "2025-02-01T13:58:00Z"),
            ("Sat, 01 Feb 2025 08:58:00 EST", "2025-02-01T08:58:00-05:00"),
            ("Sat, 01 Feb 2025 09:58:00 EDT", "2025-02-01T09:58:00-04:00"),
            ("Sat, 01 Feb 2025 07:58:00 CST", "2025-02-01T07:58:00-06:00"),
            ("Sat, 01 Feb 2025 08:58:00 CDT", "2025-02-01T08:58:00-05:00"),
            ("Sat, 01 Feb 2025 06:58:00 MST", "2025-02-01T06:58:00-07:00"),
            ("Sat, 01 Feb 2025 07:58:00 MDT", "2025-02-01T07:58:00-06:00"),
            ("Sat, 01 Feb 2025 05:58:00 PST", "2025-02-01T05:58:00-08:00"),
            ("Sat, 01 Feb 2025 06:58:00 PDT", "2025-02-01T06:58:00-07:00"),
            ("Sat, 01 Feb 2025 13:58:00 JST", "2025-02-01T13:58:00+09:00"),
            ("Sat, 01 Feb 2025 14:58:00 CET", "2025-02-01T14:58:00+01:00"),
            ("Sun, 01 Jun 2025 14:58:00 CEST", "2025-06-01T14:58:00+02:00"),
            ("Sun, 01 Jun 2025 13:58:00 BST", "2025-06-01T13:58:00+01:00"),
            ("Sat, 01 Feb 2025 13:58:00 A", "2025-02-01T13:58:00Z"),  // military letters count as UTC (RFC 5322 4.3)
            ("Sat, 01 Feb 2025 13:58:00 +09:00", "2025-02-01T13:58:00+09:00"),
            ("Sat, 01 Feb 2025 13:58:00 -0330", "2025-02-01T13:58:00-03:30"),
            ("Sat, 01 Feb 2025 13:58 +0900", "2025-02-01T13:58:00+09:00"),
            ("Saturday, 01-Feb-25 04:58:00 GMT", "2025-02-01T04:58:00Z"),          // RFC 850
            ("Sat Feb  1 04:58:00 2025", "2025-02-01T04:58:00Z"),                   // asctime
            ("Sat Feb 01 2025 13:58:00 GMT+0900 (Japan Standard Time)", "2025-02-01T13:58:00+09:00"),
            // RFC 3339 / ISO 8601
            ("2025-02-01T13:58:00+09:00", "2025-02-01T13:58:00+09:00"),
            ("2025-02-01T13:58:00.250+09:00", "2025-02-01T13:58:00.250+09:00"),
            ("2025-02-01T13:58:00.123456Z", "2025-02-01T13:58:00.123Z"),
            ("2025-02-01T04:58:00Z", "2025-02-01T04:58:00Z"),
            ("2025-02-01t04:58:00z", "2025-02-01T04:58:00Z"),
            ("2025-02-01T13:58:00+0900", "2025-02-01T13:58:00+09:00"),
            ("2025-02-01T13:58+09:00", "2025-02-01T13:58:00+09:00"),
            ("2025-02-01 13:58:00", "2025-02-01T13:58:00Z"),
            ("2025-02-01 13:58:00 +0900", "2025-02-01T13:58:00+09:00"),
            ("2025-02-01T08:58:00-05:00", "2025-02-01T08:58:00-05:00"),
            ("2025-02-01", "2025-02-01T00:00:00Z"),
            ("2025/02/01 13:58", "2025-02-01T13:58:00Z"),
            ("2025/2/1", "2025-02-01T00:00:00Z"),
            // Written out
            ("February 1, 2025", "2025-02-01T00:00:00Z"),
            ("Feb 1, 2025 10:00 AM", "2025-02-01T10:00:00Z"),
            ("Feb 1, 2025 10:00 PM EST", "2025-02-01T22:00:00-05:00"),
            ("Feb. 1, 2025, 12:15 a.m.", "2025-02-01T00:15:00Z"),
            ("Feb 1, 2025 12:30 pm", "2025-02-01T12:30:00Z"),
            ("Feb 1 2025 10 AM", "2025-02-01T10:00:00Z"),
            ("1 Feb 2025", "2025-02-01T00:00:00Z"),
            ("1st February 2025", "2025-02-01T00:00:00Z"),
            ("Saturday, February 1st, 2025", "2025-02-01T00:00:00Z"),
            ("13:58 JST, February 1, 2025", "2025-02-01T13:58:00+09:00"),
            ("2025年2月1日 13時58分", "2025-02-01T13:58:00Z"),
            // Case, spacing, junk
            ("sat, 01 feb 2025 13:58:00 jst", "2025-02-01T13:58:00+09:00"),
            ("SAT, 01 FEB 2025 13:58:00 +0900", "2025-02-01T13:58:00+09:00"),
            ("  Sat,   01  Feb   2025   13:58:00   +0900  ", "2025-02-01T13:58:00+09:00"),
            ("Sat, 01 Feb 2025 13:58:00 +0000 (UTC)", "2025-02-01T13:58:00Z"),
            ("Sat, 29 Feb 2024 12:00:00 GMT", "2024-02-29T12:00:00Z"),
            ("Sat, 01 Feb 2025 23:59:60 GMT", "2025-02-01T23:59:59Z"),
        ]

        @Test(arguments: accepted) func reads(_ input: String, _ expected: String) throws {
            let date = try #require(FeedDates.parse(input), "could not read \"\(input)\"")
            #expect(date.rfc3339 == expected, "\"\(input)\"")
        }

        @Test func keepsTheWrittenOffsetAndTheInstant() throws {
            let tokyo = try #require(FeedDates.parse("13:58 JST, February 1, 2025"))
            let utc = try #require(FeedDates.parse("2025-02-01T04:58:00Z"))
            #expect(tokyo.offsetMinutes == 540)
            #expect(tokyo.epochMilliseconds == utc.epochMilliseconds)
            #expect(tokyo.epochMilliseconds == Timestamp.epochMilliseconds(year: 2025, month: 2, day: 1, hour: 4, minute: 58))
            #expect(try #require(FeedDates.parse("Sat, 01 Feb 2025 13:58:00 -0330")).offsetMinutes == -210)
        }

        static let rejected = [
            "", "   ", "yesterday", "the day after tomorrow", "13:58", "February 2025", "2025",
            "Sun, 30 Feb 2025 10:00:00 GMT",  // no 30 February
            "Sat, 29 Feb 2025 10:00:00 GMT",  // 2025 is not a leap year
            "Sat, 01 Feb 2025 25:00:00 GMT",  // hour 25
            "Sat, 01 Feb 2025 10:61:00 GMT",  // minute 61
            "2025-13-01T10:00:00Z", "2025-00-10", "2025-02-00", "02/01/2025",  // month/day order unknowable
            "Feb 1, 2025 13:00 PM", "1 Foo 2025", "Feb Mar 1 2025", "1 2 3 4 2025",
        ]

        @Test(arguments: rejected) func refuses(_ input: String) {
            #expect(FeedDates.parse(input) == nil, "\"\(input)\" should not be a date")
        }

        /// A date repeated 100,000 times is refused: the scanner gives up at the second month name
        /// instead of reading on (how long it takes is for the fuzzer and the parse benchmark to watch).
        @Test func hugeRepeatedInputIsRefused() {
            let junk = String(repeating: "Sat, 01 Feb 2025 ", count: 100_000)
            #expect(FeedDates.parse(junk) == nil)
        }
    }
}
