/// A JSON Feed's top level, read in one pass that checks the whole document's syntax but keeps only
/// the feed's own fields and where its `items` array starts; items are read one at a time later
/// (`JSONFeedItemReader`), so a feed's size never turns into a tree in memory.
struct JSONFeedOutline {
    /// Top-level members the parser uses, read into memory; every other member is skipped.
    static let feedKeys: Set<String> = ["version", "home_page_url", "feed_url", "title", "language", "authors", "author"]

    /// The feed-level members in `feedKeys` that were present (null ones included).
    var members: [String: JSONValue] = [:]
    /// A feed-level member over a `JSONLimits` cap: its name and the cap.
    var overLimit: (field: String, reason: String)?
    /// Where the `items` value starts, when it is an array.
    var itemsOffset: Int?
    /// How many elements the `items` array has.
    var itemCount = 0
    /// The kind of the `items` value (`an array`, `an object`, …); nil when there is none.
    var itemsKind: String?

    /// Reads the top level of `bytes`. A document that is not an object is checked and then
    /// refused with its kind.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(FeedFormatError) -> JSONFeedOutline {
        var reader = JSONReader(bytes)
        var outline = JSONFeedOutline()
        let rootKind = reader.kindAhead()
        do throws(JSONSyntaxError) {
            if rootKind == "an object" {
                var object = try reader.beginObject()
                while try reader.nextMember(&object) { try outline.readMember(&reader) }
            } else {
                try reader.skipValue()
            }
            try reader.expectEnd()
        } catch {
            throw .invalidJSON(offset: error.offset, reason: error.reason)
        }
        guard rootKind == "an object" else { throw .notJSONFeed("the document is \(rootKind ?? "empty"), not an object") }
        return outline
    }

    /// Reads one top-level member: `items` is counted, the feed's own fields kept, the rest skipped.
    private mutating func readMember(_ reader: inout JSONReader) throws(JSONSyntaxError) {
        let key = try reader.key()
        if key == "items" {
            try readItems(&reader)
        } else if Self.feedKeys.contains(key) {
            switch try reader.value() {
            case let .success(value): members[key] = value
            case let .failure(limit): overLimit = overLimit ?? (key, limit.reason)
            }
        } else {
            try reader.skipValue()
        }
    }

    /// Notes where `items` starts and counts its elements, skipping each; a later `items` member
    /// wins, as the last of duplicate keys does everywhere else.
    private mutating func readItems(_ reader: inout JSONReader) throws(JSONSyntaxError) {
        itemsKind = reader.kindAhead()
        guard itemsKind == "an array" else {
            itemsOffset = nil
            try reader.skipValue()
            return
        }
        itemsOffset = reader.offset
        itemCount = 0
        var array = try reader.beginArray()
        while try reader.nextElement(&array) {
            try reader.skipValue()
            itemCount += 1
        }
    }
}

/// Reads the items of a feed whose outline was read, one at a time: each item's members the
/// mapper uses are read into memory within `JSONLimits`, every other member is skipped.
struct JSONFeedItemReader {
    /// Item members `JSONFeedItemMapper` uses.
    static let itemKeys: Set<String> = [
        "id", "url", "external_url", "title", "summary", "content_html", "content_text", "date_published",
        "date_modified", "authors", "author", "tags", "language", "image", "banner_image",
    ]

    private var reader: JSONReader
    private var array: JSONReader.Container

    /// A reader positioned at the `items` array the outline found at `offset`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, itemsAt offset: Int) throws(JSONSyntaxError) {
        reader = JSONReader(bytes)
        reader.offset = offset
        array = try reader.beginArray()
    }

    /// The next item's used members, or why it cannot be used; nil after the last item.
    mutating func next() throws(JSONSyntaxError) -> Result<[String: JSONValue], ItemFailure>? {
        guard try reader.nextElement(&array) else { return nil }
        let kind = reader.kindAhead() ?? "nothing"
        guard kind == "an object" else {
            try reader.skipValue()
            return .failure(ItemFailure(itemID: nil, reason: "expected an object, got \(kind)"))
        }
        var object = try reader.beginObject()
        var members: [String: JSONValue] = [:]
        var overLimit: String?
        while try reader.nextMember(&object) {
            let key = try reader.key()
            guard overLimit == nil, Self.itemKeys.contains(key) else {
                try reader.skipValue()
                continue
            }
            switch try reader.value() {
            case let .success(value): members[key] = value
            case let .failure(limit): overLimit = "\(key): \(limit.reason)"
            }
        }
        guard let overLimit else { return .success(members) }
        let id: String? = switch members["id"] {
        case let .string(text)?: TextCleaning.line(text)
        case let .number(text)?: text
        default: nil
        }
        return .failure(ItemFailure(itemID: id, reason: overLimit))
    }
}
