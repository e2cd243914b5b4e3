/// Which of an item's own fields its article id is made from (`FeedArticleID`): the first, in the
/// format's order of preference (guid, `rdf:about`, link; JSON Feed `id`, `url`), that holds more than
/// white space.
enum FeedItemKey {
    /// The first candidate with text, as written; nil when none has any.
    static func first(_ candidates: [String?]) -> String? {
        candidates.lazy.compactMap { $0 }.first(where: hasText)
    }

    /// Whether `value` holds more than white space.
    static func hasText(_ value: String) -> Bool {
        value.unicodeScalars.contains { !$0.properties.isWhitespace }
    }
}
