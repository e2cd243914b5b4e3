import Foundation
import NewsModels

/// An item's publication and edit times as every feed format chooses them: the published date when it
/// reads, else the updated one (then not also an edit time), else the caller's fallback (when the item
/// was first seen), so an undated item is kept with a stable date.
struct FeedItemDates {
    /// Why an item has no date at all.
    enum Missing: Error {
        /// The published field was written but no reader can read it: the problem, quoting it.
        case unreadable(String)
        /// Neither field was written.
        case absent
    }

    /// The article's `publishedAt`.
    var publishedAt: Timestamp
    /// The article's `updatedAt`: only beside a readable published date.
    var updatedAt: Timestamp?

    /// The dates from `published` (the field's text, read by `parse`), `updated` (already read) and
    /// `fallback`; throws what is missing when none gives a date.
    static func choose(
        published: String?, updated: Timestamp?, fallback: Timestamp?, parse: (String) -> Timestamp?
    ) throws(Missing) -> FeedItemDates {
        if let date = published.flatMap(parse) { return FeedItemDates(publishedAt: date, updatedAt: updated) }
        if let date = updated ?? fallback { return FeedItemDates(publishedAt: date, updatedAt: nil) }
        if let published { throw .unreadable("unreadable date \"\(TextCleaning.line(published).prefix(40))\"") }
        throw .absent
    }

    /// An RFC 3339 date, else any date shape `FeedDates` reads (`2018-01-06T08:00`, RFC 822); nil if unreadable.
    static func parseRFC3339First(_ text: String) -> Timestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return Timestamp(rfc3339: trimmed) ?? FeedDates.parse(trimmed)
    }
}
