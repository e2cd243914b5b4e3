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

        /// The shapes feedparser's date tests cover that feeds in the wild carry, besides the above.
        static let peerShapes: [(String, String)] = [
            ("Thu, 01 Jan 2004 00:00 GMT", "2004-01-01T00:00:00Z"),             // no seconds
            ("Thu, 01 Jan 2004", "2004-01-01T00:00:00Z"),                        // no time
            ("Thu, 01 Jan 2004 19:48:21", "2004-01-01T19:48:21Z"),               // no zone
            ("Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z"),
            ("Mon, 13 Feb, 2012 06:28:00 UTC", "2012-02-13T06:28:00Z"),
            ("Wed, 19 Aug 2009 18:28:00 Etc/GMT", "2009-08-19T18:28:00Z"),
            ("Wed, 19 Feb 2012 22:40:00 GMT-01:01", "2012-02-19T22:40:00-01:01"),
            ("Mon, 26 January 2004 16:31:00 AT", "2004-01-26T16:31:00-04:00"),
            ("Mon, 26 January 2004 16:31:00 ET", "2004-01-26T16:31:00-05:00"),
            ("Mon, 26 January 2004 16:31:00 PT", "2004-01-26T16:31:00-08:00"),
            ("Thu, 30 Apr 2015 08:57:00 MET", "2015-04-30T08:57:00+01:00"),
            ("Thu Aug 30 2012 17:26:16 +0200", "2012-08-30T17:26:16+02:00"),
            ("Sun Jul 15 01:16:00 +0000 2012", "2012-07-15T01:16:00Z"),           // asctime with a zone
            ("Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T08:19:53-04:00"),       // Perforce
            ("2018-01-06T08:00", "2018-01-06T08:00:00Z"),                         // no zone, no seconds
            ("2004-07-08 23:56:58.0", "2004-07-08T23:56:58Z"),
            ("2004-07-08 23:56:58 -00:20", "2004-07-08T23:56:58-00:20"),
            ("2003-12", "2003-12-01T00:00:00Z"),                                  // W3C-DTF partial dates
            ("2003", "2003-01-01T00:00:00Z"),
            ("2003-335", "2003-12-01T00:00:00Z"),                                 // ordinal
            ("2004-W53-6", "2005-01-01T00:00:00Z"),                               // week date
            ("2009-W01-1", "2008-12-29T00:00:00Z"),
            ("20031231", "2003-12-31T00:00:00Z"),
            ("2003-012-31T10:14:55+00:00", "2003-12-31T10:14:55Z"),
            // Other languages' names in RFC 822's shape
            ("Seg, 24 Set 2018 10:00:00 -0300", "2018-09-24T10:00:00-03:00"),     // Portuguese
            ("Sáb, 06 Out 2018 08:00:00 GMT", "2018-10-06T08:00:00Z"),
            ("Mar, 24 Mar 2018 10:00:00 +0100", "2018-03-24T10:00:00+01:00"),     // Spanish: martes, marzo
            ("Lun, 24 dic 2018 10:00:00 +0100", "2018-12-24T10:00:00+01:00"),
            ("24 de septiembre de 2018", "2018-09-24T00:00:00Z"),
            ("mer., 03 févr. 2021 09:00:00 +0100", "2021-02-03T09:00:00+01:00"),  // French
            ("Mi, 17 Mär 2021 09:00:00 +0100", "2021-03-17T09:00:00+01:00"),      // German
            ("Do, 01 Okt 2020 12:00:00 MESZ", "2020-10-01T12:00:00Z"),            // unknown zone: UTC
            ("wo, 14 mrt 2018 10:00:00 +0100", "2018-03-14T10:00:00+01:00"),      // Dutch
            ("Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T12:00:00-05:00"),      // Greek
            ("2004-július-13T9:15-05:00", "2004-07-13T09:15:00-05:00"),           // Hungarian
            ("2004년 05월 28일  01:31:15", "2004-05-28T01:31:15+09:00"),          // Korean
            ("2004-05-25 오후 11:23:17", "2004-05-25T23:23:17+09:00"),
        ]

        @Test(arguments: peerShapes) func readsWhatPeerReadersRead(_ input: String, _ expected: String) throws {
            let date = try #require(FeedDates.parse(input), "could not read \"\(input)\"")
            #expect(date.rfc3339 == expected, "\"\(input)\"")
        }

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
            "", "   ", "yesterday", "the day after tomorrow", "13:58", "February 2025", "22013", "013",
            "Sun, 30 Feb 2025 10:00:00 GMT",  // no 30 February
            "Sat, 29 Feb 2025 10:00:00 GMT",  // 2025 is not a leap year
            "Sat, 01 Feb 2025 25:00:00 GMT",  // hour 25
            "Sat, 01 Feb 2025 10:61:00 GMT",  // minute 61
            "2025-13-01T10:00:00Z", "2025-00-10", "2025-02-00", "02/01/2025",  // month/day order unknowable
            "Feb 1, 2025 13:00 PM", "1 Foo 2025", "Feb Apr 1 2025", "1 2 3 4 2025",
            "Sun, 16 Dec 2012 1:2:3:4 GMT", "Sun, 16 zzz 2012 11:47:32 GMT", "Sun, 16 Dec zz 11:47:32 GMT",
            "Sun, 99 Jun 2009 12:00:00 GMT", "2013-01-27-01", "2003-366", "2003-W54-1", "2003-13",
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
