import Foundation
import NewsModels

/// What a single line of a dump looks like: sentence or label, bullet, numbered line, image, name.
enum DumpShape {
    /// Closing quotes and brackets, looked through when asking how a line ends.
    static let closers: Set<Character> = ["”", "\"", "’", "'", ")", "]", "»", "›"]
    /// Opening double quotes and the closer each pairs with.
    static let quotePairs: [Character: Character] = ["“": "”", "\"": "\"", "«": "»", "„": "“"]

    /// The punctuation a line ends with (`.`, `!`, `?`, `…`, `:`, `;`, `,`), looking through closing
    /// quotes and brackets; nil for a line that ends in a word, as headings and titles do.
    static func terminal(_ line: String) -> Character? {
        guard let last = line.last(where: { !closers.contains($0) }) else { return nil }
        return ".!?…:;,".contains(last) ? last : nil
    }

    /// Whitespace-separated words.
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: \.isWhitespace)
    }

    /// How many whitespace-separated words `text` has, without building them.
    static func wordCount<S: StringProtocol>(_ text: S) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let space = scalar.isASCII ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// Short function words that title case leaves in lower case.
    private static let minorWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "nor", "for", "of", "in", "on", "at", "to", "by", "from", "with",
        "into", "over", "as", "vs", "vs.", "per", "via", "than", "up", "off", "out", "is", "be", "are",
    ]

    /// Whether the line is written in title case: every word that is not a short function word starts
    /// with a capital letter or a digit (one exception allowed in long lines).
    static func isTitleCase(_ line: String) -> Bool {
        var significant = 0, capitalised = 0
        for word in words(line) {
            let bare = word.drop(while: { !$0.isLetter && !$0.isNumber })
            guard let first = bare.first else { continue }
            if minorWords.contains(String(dropTrailing(bare.lowercased(), while: { !$0.isLetter }))) { continue }
            significant += 1
            if first.isUppercase || first.isNumber { capitalised += 1 }
        }
        return significant > 0 && (capitalised == significant || (significant >= 6 && capitalised >= significant - 1))
    }

    /// Abbreviations whose period does not end a sentence.
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "prof", "jr", "sr",
        "inc", "co", "corp", "ltd", "no", "vs", "etc", "mt", "ft", "dept", "est", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "fig", "vol", "pp",
    ]

    /// How many sentences the text holds: breaks after `.`, `!` or `?` before a capital, a digit or an
    /// opening quote, ignoring abbreviations such as `U.S.`, `D.C.`, `Mr.` and initials.
    static func sentenceCount(_ text: String) -> Int {
        let list = words(text)
        var count = 1
        for (index, word) in list.enumerated() where index + 1 < list.count {
            let core = dropTrailing(word, while: { closers.contains($0) })
            guard let end = core.last, ".!?".contains(end) else { continue }
            guard let next = list[index + 1].first, next.isUppercase || next.isNumber || quotePairs[next] != nil else { continue }
            if end == "." {
                let stem = core.dropLast().drop(while: { !$0.isLetter })
                if stem.count <= 1 || stem.contains(".") || abbreviations.contains(stem.lowercased()) { continue }
            }
            count += 1
        }
        return count
    }

    /// The item text of a bulleted line (`- item`, `• item`, `* item`), else nil.
    static func bullet(_ line: String) -> String? {
        guard let first = line.first, "-•*·▪◦‣".contains(first) else { return nil }
        let rest = line.dropFirst()
        guard rest.first == " " else { return nil }
        let item = rest.trimmingCharacters(in: .whitespaces)
        return item.isEmpty ? nil : item
    }

    /// The number and text of a numbered line (`1. text`, `2) text`), else nil.
    static func numbered(_ line: String) -> (number: Int, text: String)? {
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        guard (1...2).contains(digits.count), let number = Int(digits) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
        let text = rest.dropFirst(2).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : (number, text)
    }

    /// A markdown image line `![alt](url "title")` as an image reference; an empty alt becomes nil and a
    /// URL that is not absolute http(s) is left out.
    static func markdownImage(_ line: String) -> ImageRef? {
        guard line.hasPrefix("!["), line.hasSuffix(")"), let split = line.range(of: "](") else { return nil }
        let alt = String(line[line.index(line.startIndex, offsetBy: 2)..<split.lowerBound])
        let inner = line[split.upperBound..<line.index(before: line.endIndex)]
        let target = inner.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        guard !target.isEmpty else { return nil }
        let url = WebAddress.absoluteWebURL(target.trimmingCharacters(in: CharacterSet(charactersIn: "<>")), base: nil)
        return ImageRef(url: url, alt: TextCleaning.nonEmptyLine(alt))
    }

    /// Words that name publications rather than people, so `Daily Ledger` is not taken for a byline.
    private static let outletWords: Set<String> = [
        "daily", "news", "times", "post", "herald", "journal", "tribune", "press", "gazette", "ledger", "chronicle",
        "courier", "review", "wire", "today", "weekly", "edition", "media", "network", "radio", "tv", "online",
        "magazine", "observer", "record", "standard", "telegraph", "express", "mail", "sun", "star",
    ]

    /// Whether the line is a person's name as bylines print it: `By Jane Roe`, `R. Quillfeather`,
    /// `Mirei Tanabe-Holt` (two to four capitalised words or initials, nothing else).
    static func isPersonName(_ line: String) -> Bool {
        var text = Substring(line)
        if text.hasPrefix("By ") { text = text.dropFirst(3) }
        let parts = words(String(text))
        guard (2...4).contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            guard let first = part.first, first.isUppercase, !outletWords.contains(part.lowercased()) else { return false }
            if part.count <= 4, part.hasSuffix("."), part.dropLast().allSatisfy({ $0.isUppercase || $0 == "." }) { return true }
            return part.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" }
        }
    }

    /// Whether the whole line is in capitals (a place in a dateline: `WASHINGTON`, `PORT ANSELM`).
    static func isAllCaps(_ line: String) -> Bool {
        let letters = line.filter(\.isLetter)
        return letters.count >= 3 && letters.allSatisfy(\.isUppercase)
            && line.allSatisfy { $0.isLetter || " .,-'’".contains($0) }
    }

    /// Whether the line reads as a photo caption: it starts with a caption label (`Photo:`, `Pictured:`)
    /// or names who is where (`From left: …`, `left to right`) or ends with a photo credit
    /// (`(Photo: …)`, `/ Getty Images`). At most 60 words.
    static func isMarkedCaption(_ line: String) -> Bool {
        guard line.utf8.count <= 600, wordCount(line) <= 60 else { return false }
        let lower = line.lowercased()
        let labels = ["photo:", "photo by ", "photos:", "photograph:", "picture:", "image:", "caption:", "pictured:",
                      "above:", "file photo", "credit:"]
        if labels.contains(where: lower.hasPrefix) { return true }
        let marks = ["from left:", "from left,", "(from left)", "(left to right)", "left to right:", "(photo:", "(photo by",
                     "(ap photo", "/getty images", "(getty images)", "(file photo)", "photo credit:"]
        return marks.contains(where: lower.contains)
    }

    /// `text` without the trailing characters that match `predicate`.
    static func dropTrailing<S: StringProtocol>(_ text: S, while predicate: (Character) -> Bool) -> S.SubSequence {
        var end = text.endIndex
        while end > text.startIndex {
            let before = text.index(before: end)
            guard predicate(text[before]) else { break }
            end = before
        }
        return text[text.startIndex..<end]
    }
}
