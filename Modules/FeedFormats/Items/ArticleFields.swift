import NewsModels

/// The house style every feed format fills an article's fields in.
enum ArticleFields {
    /// A byline: `By A`, `By A and B`, `By A, B and C`; a lone name already starting `By ` is kept as
    /// written; nil for no names.
    static func byline(_ names: [String]) -> String? {
        guard let last = names.last else { return nil }
        if names.count == 1 {
            return last.lowercased().hasPrefix("by ") ? last : "By " + last
        }
        return "By " + names.dropLast().joined(separator: ", ") + " and " + last
    }

    /// `values` with later repeats dropped, in order (authors and categories are listed once).
    static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// Reading time from the words of the headline, dek and body; nil without a body.
    static func readingMinutes(title: String, dek: String?, blocks: [Block]) -> Int? {
        guard !blocks.isEmpty else { return nil }
        var words = 0
        for text in [title, dek ?? ""] + blocks.map(\.plainText) {
            words += text.split(whereSeparator: \.isWhitespace).count
        }
        return TextCleaning.readingMinutes(words: words)
    }
}
