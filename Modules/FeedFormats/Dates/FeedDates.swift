import NewsModels

/// Reads the dates feeds really carry, keeping the offset they were written in.
///
/// One hand-written scanner (no `DateFormatter`: it is slow and depends on the locale) accepts
/// RFC 822/1123/2822 (`Sat, 01 Feb 2025 13:58:00 +0900`, with or without weekday, seconds, time or zone,
/// two- or four-digit years, day and month either way round, named zones such as GMT, UT, EST, ET, AT,
/// JST, CEST, MET, `Etc/GMT`, `GMT-01:01`, military letters), with month and weekday names in English,
/// German, Dutch, French, Spanish, Portuguese, Italian, Hungarian and Greek (`Seg, 24 Set 2018`,
/// `2004-július-13T9:15-05:00`), RFC 850, asctime and Perforce (`Fri, 2006/09/15 08:19:53 EDT`) forms,
/// RFC 3339/ISO 8601 and W3C-DTF (`2025-02-01T13:58:00.250+09:00`, `Z`, `+0900`, a space for `T`, no
/// seconds, no zone, date only, `2025-02`, `2025`, ordinal `2025-032`, week `2025-W05-6`, `20250201`),
/// `2025/02/01 13:58`, and written-out forms: `February 1, 2025`, `Feb 1, 2025 10:00 AM`,
/// `1 Feb 2025`, `13:58 JST, February 1, 2025`, Japanese `2025年2月1日 13時58分`, Korean
/// `2004년 05월 28일 01:31:15` and `2004-05-25 오후 11:23:17` (Korea's time unless a zone is named).
/// Case, accents, extra spaces, weekdays, ordinals (`1st`) and parenthesised junk (`(UTC)`) are ignored.
/// No zone means UTC. Military zone letters other than Z count as UTC, as RFC 5322 section 4.3 advises.
/// A partial date means its first instant (`2025-02` is 1 February, midnight UTC).
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
                // "10 AM"; Korean writes its meridiem before the time, so 오후 after a day is no hour.
                if fields.hour == nil, digits <= 2, i + 1 < tokens.count, case let .word(next) = tokens[i + 1],
                   next == "am" || next == "pm" {
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
                    // A month after one that may have been a weekday (`Mar, 24 Mar 2018`) replaces it.
                    guard fields.month == nil || fields.monthMayBeWeekday else { return nil }
                    fields.month = month
                    fields.monthMayBeWeekday = false
                case let .monthOrWeekday(month)?:
                    if fields.month == nil || fields.monthMayBeWeekday {
                        fields.month = month
                        fields.monthMayBeWeekday = true
                    }
                case let .meridiem(pm)?:
                    fields.pm = pm
                case let .zone(minutes)?:
                    // A lone letter is a zone only after the time ("…10:00 Z"), never inside a date.
                    if word.utf8.count > 1 || fields.hour != nil { fields.zone = minutes }
                case let .fillerOrZone(minutes)?:
                    if fields.hour != nil { fields.zone = minutes }
                case .weekday?, .filler?:
                    break
                case nil:
                    // ISO 8601 week dates: `2003-W49-3`.
                    if word == "w", fields.numbers.count == 1, i + 1 < tokens.count, case let .number(week, 2) = tokens[i + 1] {
                        fields.week = week
                        i += 2
                        continue
                    }
                }
            case .koreanTime:
                fields.koreanTime = true
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
