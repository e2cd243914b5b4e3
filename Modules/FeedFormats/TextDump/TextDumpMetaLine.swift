import Foundation
import NewsModels

/// A header line that carries facts rather than text: `Coast, Ferries March 3, 2026 No Comments
/// on <title>5 minute read`, `07:45 CET, April 3, 2026`, `KEDDLE, Apr. 3, 2026`, `By Jane Roe | May 2, 2025`,
/// `Updated March 3, 2026`, `5 min read`. Anything it cannot account for makes it not a meta line.
struct DumpMetaLine {
    var categories: [String] = []
    var published: Timestamp?
    var updated: Timestamp?
    var readingMinutes: Int?
    /// The whole line, when it is a place-and-time line.
    var dateline: String?
    var byline: String?

    init?(_ line: String, title: String) {
        if let found = Self.readingTime(line), found.before.isEmpty {
            readingMinutes = found.minutes
            return
        }
        guard let date = DumpDateScanner.first(in: line) else {
            // Without a date only an explicit `By …` line counts: a bare name could be a heading.
            guard line.hasPrefix("By "), let name = Self.bylineName(line) else { return nil }
            byline = "By " + name
            return
        }
        let chars = Array(line)
        var prefix = String(chars[..<date.range.lowerBound]).trimmingCharacters(in: .whitespaces)
        prefix = String(DumpShape.dropTrailing(prefix, while: { ",|·•-—–: ".contains($0) }))
        let suffix = String(chars[date.range.upperBound...]).trimmingCharacters(in: .whitespaces)

        switch prefix.lowercased() {
        case "":
            published = date.timestamp
            if suffix.isEmpty { dateline = line }
        case "posted", "posted on", "published", "published on", "on", "first published", "first published on":
            published = date.timestamp
        case "updated", "updated on", "last updated", "last updated on", "modified":
            updated = date.timestamp
        default:
            published = date.timestamp
            if let name = Self.bylineName(prefix) {
                byline = "By " + name
            } else if DumpShape.isAllCaps(prefix), suffix.isEmpty {
                dateline = line
            } else {
                guard let labels = Self.categoryList(prefix) else { return nil }
                categories = labels
            }
        }
        guard !suffix.isEmpty else { return }
        let trailer = Self.trailer(suffix, title: title)
        guard trailer.accepted else { return nil }
        readingMinutes = trailer.minutes
    }

    /// What may follow the date on a meta line: a comment count or `No Comments on <title>`, then an
    /// optional reading time. `accepted` is false when the text is something else.
    private static func trailer(_ suffix: String, title: String) -> (accepted: Bool, minutes: Int?) {
        let lower = suffix.lowercased()
        var rest = Substring(suffix)
        if let phrase = ["no comments on ", "comments on ", "comment on "].first(where: lower.hasPrefix) {
            rest = rest.dropFirst(phrase.count)
            if !title.isEmpty, rest.lowercased().hasPrefix(title.lowercased()) { rest = rest.dropFirst(title.count) }
            // Whatever the fragment names is dropped; only a reading time glued to its end is kept.
            return (true, readingTime(String(rest))?.minutes)
        }
        let words = lower.split(separator: " ")
        if words.count >= 2, words[0].allSatisfy(\.isNumber), words[1].hasPrefix("comment") {
            rest = rest.dropFirst(words[0].count + 1 + words[1].count)
        }
        let tail = rest.trimmingCharacters(in: CharacterSet(charactersIn: " |·•-—–,"))
        if tail.isEmpty { return (true, nil) }
        guard let found = readingTime(tail), found.before.isEmpty else { return (false, nil) }
        return (true, found.minutes)
    }

    /// A trailing reading time (`4 minute read`, `5 min read`, `3-minute read`): the minutes and the text
    /// before the number. Digits glued to a word (`…Harbour4 minute read`) count from the end, 1 to 3 of them.
    static func readingTime(_ text: String) -> (minutes: Int, before: String)? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard rest.lowercased().hasSuffix("read") else { return nil }
        rest = DumpShape.dropTrailing(rest.dropLast(4), while: \.isWhitespace)
        guard let unit = ["minutes", "minute", "mins", "min"].first(where: rest.lowercased().hasSuffix) else { return nil }
        rest = DumpShape.dropTrailing(rest.dropLast(unit.count), while: { $0.isWhitespace || $0 == "-" })
        let digits = String(rest.reversed().prefix(while: { $0.isASCII && $0.isNumber }).reversed())
        guard !digits.isEmpty else { return nil }
        var number = String(digits.suffix(3))
        while let value = Int(number), value > 180, number.count > 1 { number.removeFirst() }
        guard let minutes = Int(number), minutes > 0 else { return nil }
        let before = rest.dropLast(digits.count).trimmingCharacters(in: .whitespaces)
        return (minutes, before)
    }

    /// `Jane Roe` for `By Jane Roe`, `By Jane Roe and Sam Poe` or a bare `R. Quillfeather`; nil for anything else.
    static func bylineName(_ text: String) -> String? {
        var names = Substring(text)
        if names.hasPrefix("By ") || names.hasPrefix("by ") || names.hasPrefix("BY ") { names = names.dropFirst(3) }
        else if !DumpShape.isPersonName(text) { return nil }
        let people = names.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " & ", with: ",")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !people.isEmpty, people.count <= 4, people.allSatisfy(isName) else { return nil }
        return String(names).trimmingCharacters(in: .whitespaces)
    }

    /// A byline as articles print it: `By ` and the name(s).
    static func byline(_ text: String) -> String {
        "By " + (bylineName(text) ?? text)
    }

    private static func isName(_ part: String) -> Bool {
        let count = DumpShape.wordCount(part)
        return DumpShape.isPersonName(part) || (count == 1 && part.first?.isUppercase == true && part.count > 1)
    }

    /// `Coast, Ferries, City` as labels: each 1–4 words, at most 40 characters, its first and last
    /// words capitalised (so `Ferry Timetable for` before a date is a headline, not a label).
    private static func categoryList(_ text: String) -> [String]? {
        let labels = text.split(whereSeparator: { ",|·•".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !labels.isEmpty, labels.count <= 8 else { return nil }
        for label in labels {
            let words = DumpShape.words(label)
            guard (1...4).contains(words.count), label.count <= 40, DumpShape.terminal(label) == nil,
                  let first = words.first?.first, let last = words.last?.first,
                  first.isUppercase || first.isNumber, last.isUppercase || last.isNumber else { return nil }
        }
        return labels
    }
}
