import Foundation

/// One revision of one article: the `article` object of a content-log `put` (PROTOCOL.md section 6).
public struct Article: Sendable, Hashable, Codable {
    /// Stable id derived from the outlet's GUID or canonical URL, never from the headline.
    public var id: String
    /// Revision number: 1 for the first version, +1 for every change.
    public var rev: Int
    /// Canonical URL of the article, when it has one.
    public var url: String?
    /// The outlet that published it.
    public var source: Source
    /// The story (event) this article belongs to, assigned by grouping.
    public var storyId: String?
    /// Headline; may be empty when the source had none.
    public var title: String
    /// Standfirst or summary under the headline.
    public var dek: String?
    /// Author line as printed, e.g. `By Jane Roe`.
    public var byline: String?
    /// Place and time line as printed, e.g. `TOKYO` or `13:58 JST, February 1, 2025`.
    public var dateline: String?
    /// BCP 47 language tag, e.g. `en` or `ja`.
    public var language: String?
    /// First publication time, in the outlet's own offset.
    public var publishedAt: Timestamp
    /// Time of the last edit by the outlet, when it reported one.
    public var updatedAt: Timestamp?
    /// Section or topic labels.
    public var categories: [String]
    /// Estimated reading time in minutes.
    public var readingMinutes: Int?
    /// The lead image.
    public var image: ImageRef?
    /// The body, in reading order.
    public var blocks: [Block]
    /// Hex SHA-256 of the canonical content (see `computeContentHash()`); equal hashes mean unchanged text.
    public var contentHash: String
    /// For `rev > 1`: which fields this revision changed (e.g. `["title","blocks"]`).
    public var changedFields: [String]?

    /// Creates an article; `contentHash` is computed when not given.
    public init(
        id: String, rev: Int = 1, url: String? = nil, source: Source, storyId: String? = nil,
        title: String, dek: String? = nil, byline: String? = nil, dateline: String? = nil,
        language: String? = nil, publishedAt: Timestamp, updatedAt: Timestamp? = nil,
        categories: [String] = [], readingMinutes: Int? = nil, image: ImageRef? = nil,
        blocks: [Block] = [], contentHash: String? = nil, changedFields: [String]? = nil
    ) {
        self.id = id
        self.rev = rev
        self.url = url
        self.source = source
        self.storyId = storyId
        self.title = title
        self.dek = dek
        self.byline = byline
        self.dateline = dateline
        self.language = language
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.categories = categories
        self.readingMinutes = readingMinutes
        self.image = image
        self.blocks = blocks
        self.contentHash = ""
        self.changedFields = changedFields
        self.contentHash = contentHash ?? computeContentHash()
    }

    enum CodingKeys: String, CodingKey {
        case id, rev, url, source, storyId, title, dek, byline, dateline, language, publishedAt, updatedAt
        case categories, readingMinutes, image, blocks, contentHash, changedFields
    }

    /// Decodes an article. Required: `id`, `rev` (≥ 1), `source`, `title`, `publishedAt`. Missing
    /// `categories`/`blocks` mean empty; a missing `contentHash` is computed. Unknown fields are ignored.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeNonEmpty(.id)
        rev = try c.decode(Int.self, forKey: .rev)
        guard rev >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .rev, in: c, debugDescription: "revision must be 1 or more, got \(rev)")
        }
        url = try c.decodeIfPresent(String.self, forKey: .url)
        source = try c.decode(Source.self, forKey: .source)
        storyId = try c.decodeIfPresent(String.self, forKey: .storyId)
        title = try c.decode(String.self, forKey: .title)
        dek = try c.decodeIfPresent(String.self, forKey: .dek)
        byline = try c.decodeIfPresent(String.self, forKey: .byline)
        dateline = try c.decodeIfPresent(String.self, forKey: .dateline)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        publishedAt = try c.decode(Timestamp.self, forKey: .publishedAt)
        updatedAt = try c.decodeIfPresent(Timestamp.self, forKey: .updatedAt)
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        readingMinutes = try c.decodeIfPresent(Int.self, forKey: .readingMinutes)
        if let minutes = readingMinutes, minutes < 0 {
            throw DecodingError.dataCorruptedError(forKey: .readingMinutes, in: c, debugDescription: "must not be negative, got \(minutes)")
        }
        image = try c.decodeIfPresent(ImageRef.self, forKey: .image)
        blocks = try c.decodeIfPresent([Block].self, forKey: .blocks) ?? []
        changedFields = try c.decodeIfPresent([String].self, forKey: .changedFields)
        contentHash = ""
        contentHash = try c.decodeIfPresent(String.self, forKey: .contentHash) ?? computeContentHash()
    }

    /// The body as plain text: block texts separated by blank lines (what search indexes).
    public var bodyText: String {
        blocks.map(\.plainText).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// Words in the headline, dek and body, for reading-time estimates.
    public var wordCount: Int {
        var count = 0
        for text in [title, dek ?? "", bodyText] {
            count += text.split(whereSeparator: { $0.isWhitespace }).count
        }
        return count
    }

    /// SHA-256 (hex) over the canonical JSON of the content fields: everything except `id`, `rev`,
    /// `storyId`, `contentHash` and `changedFields`. Re-importing unchanged text yields the same hash.
    public func computeContentHash() -> String {
        var content = self
        content.id = "-"
        content.rev = 1
        content.storyId = nil
        content.contentHash = "-"
        content.changedFields = nil
        // Encoding plain value types with sorted keys cannot fail; an empty hash would only ever mark
        // the article as "changed" on the next import, never lose data.
        let bytes = (try? NewsJSON.encode(content)) ?? Data()
        return SHA256.hex(bytes)
    }

    /// Names of the content fields that differ between `self` and `other` (for `changedFields`).
    public func changedFields(comparedTo other: Article) -> [String] {
        var fields: [String] = []
        if url != other.url { fields.append("url") }
        if source != other.source { fields.append("source") }
        if storyId != other.storyId { fields.append("storyId") }
        if title != other.title { fields.append("title") }
        if dek != other.dek { fields.append("dek") }
        if byline != other.byline { fields.append("byline") }
        if dateline != other.dateline { fields.append("dateline") }
        if language != other.language { fields.append("language") }
        if publishedAt != other.publishedAt { fields.append("publishedAt") }
        if updatedAt != other.updatedAt { fields.append("updatedAt") }
        if categories != other.categories { fields.append("categories") }
        if readingMinutes != other.readingMinutes { fields.append("readingMinutes") }
        if image != other.image { fields.append("image") }
        if blocks != other.blocks { fields.append("blocks") }
        return fields
    }
}

extension Article {
    /// Reading time for a word count at 230 words a minute, at least one minute: the one rule the
    /// parsers, the corpus generator and the reader's estimate share.
    public static func readingMinutes(words: Int) -> Int {
        max(1, (words + 115) / 230)
    }
}
