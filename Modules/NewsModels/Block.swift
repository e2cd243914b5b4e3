/// One structural piece of an article body, in reading order.
///
/// On the wire each block is an object whose `type` names the case:
/// `paragraph`, `heading`, `list`, `quote`, `image`, `embed`. An unknown `type` is rejected, because
/// silently dropping body text would corrupt the article.
public enum Block: Sendable, Hashable, Codable {
    /// Running text, with the sources it cites (e.g. a domain glued to its end in a text dump).
    case paragraph(text: String, citations: [Citation] = [])
    /// A section heading; `level` is 1 (top) to 6.
    case heading(level: Int, text: String)
    /// A bulleted (`ordered == false`) or numbered list.
    case list(ordered: Bool, items: [String])
    /// A quotation, with the person or document it is attributed to.
    case quote(text: String, attribution: String? = nil)
    /// A picture with its alternative text and caption.
    case image(ImageRef)
    /// An embedded social-media post.
    case embed(Embed)

    enum CodingKeys: String, CodingKey {
        case type, text, citations, level, ordered, items, attribution, url, alt, caption, embed
        case kind, author, handle, date
    }

    /// Decodes a block by its `type` discriminator, validating each case's fields.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "paragraph":
            self = .paragraph(
                text: try c.decode(String.self, forKey: .text),
                citations: try c.decodeIfPresent([Citation].self, forKey: .citations) ?? [])
        case "heading":
            let level = try c.decode(Int.self, forKey: .level)
            guard (1...6).contains(level) else {
                throw DecodingError.dataCorruptedError(forKey: .level, in: c, debugDescription: "heading level must be 1 to 6, got \(level)")
            }
            self = .heading(level: level, text: try c.decode(String.self, forKey: .text))
        case "list":
            self = .list(
                ordered: try c.decodeIfPresent(Bool.self, forKey: .ordered) ?? false,
                items: try c.decode([String].self, forKey: .items))
        case "quote":
            self = .quote(text: try c.decode(String.self, forKey: .text), attribution: try c.decodeIfPresent(String.self, forKey: .attribution))
        case "image":
            self = .image(ImageRef(
                url: try c.decodeIfPresent(String.self, forKey: .url),
                alt: try c.decodeIfPresent(String.self, forKey: .alt),
                caption: try c.decodeIfPresent(String.self, forKey: .caption)))
        case "embed":
            self = .embed(Embed(
                kind: try c.decodeIfPresent(String.self, forKey: .kind) ?? "post",
                author: try c.decodeIfPresent(String.self, forKey: .author),
                handle: try c.decodeIfPresent(String.self, forKey: .handle),
                date: try c.decodeIfPresent(String.self, forKey: .date),
                url: try c.decodeIfPresent(String.self, forKey: .url),
                text: try c.decode(String.self, forKey: .text)))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c,
                debugDescription: "unknown block type \"\(type.prefix(40))\" (expected paragraph, heading, list, quote, image or embed)")
        }
    }

    /// Encodes the block as a flat object with its `type`; absent optionals and empty citations are omitted.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .paragraph(text, citations):
            try c.encode("paragraph", forKey: .type)
            try c.encode(text, forKey: .text)
            if !citations.isEmpty { try c.encode(citations, forKey: .citations) }
        case let .heading(level, text):
            try c.encode("heading", forKey: .type)
            try c.encode(level, forKey: .level)
            try c.encode(text, forKey: .text)
        case let .list(ordered, items):
            try c.encode("list", forKey: .type)
            try c.encode(ordered, forKey: .ordered)
            try c.encode(items, forKey: .items)
        case let .quote(text, attribution):
            try c.encode("quote", forKey: .type)
            try c.encode(text, forKey: .text)
            try c.encodeIfPresent(attribution, forKey: .attribution)
        case let .image(image):
            try c.encode("image", forKey: .type)
            try c.encodeIfPresent(image.url, forKey: .url)
            try c.encodeIfPresent(image.alt, forKey: .alt)
            try c.encodeIfPresent(image.caption, forKey: .caption)
        case let .embed(embed):
            try c.encode("embed", forKey: .type)
            try c.encode(embed.kind, forKey: .kind)
            try c.encodeIfPresent(embed.author, forKey: .author)
            try c.encodeIfPresent(embed.handle, forKey: .handle)
            try c.encodeIfPresent(embed.date, forKey: .date)
            try c.encodeIfPresent(embed.url, forKey: .url)
            try c.encode(embed.text, forKey: .text)
        }
    }

    /// The block's words as plain text, for search indexing and word counts.
    public var plainText: String {
        switch self {
        case let .paragraph(text, _): return text
        case let .heading(_, text): return text
        case let .list(_, items): return items.joined(separator: "\n")
        case let .quote(text, attribution): return attribution.map { text + "\n" + $0 } ?? text
        case let .image(image): return [image.alt, image.caption].compactMap { $0 }.joined(separator: "\n")
        case let .embed(embed): return [embed.author, embed.handle, embed.text].compactMap { $0 }.joined(separator: "\n")
        }
    }
}

/// A source cited by a paragraph: a link, a bare domain, or both.
public struct Citation: Sendable, Hashable, Codable {
    /// The cited page, when known.
    public var url: String?
    /// The cited site's domain, e.g. `apnews.com`.
    public var domain: String?
    /// The anchor text or name of the cited work, when known.
    public var label: String?

    /// Creates a citation.
    public init(url: String? = nil, domain: String? = nil, label: String? = nil) {
        self.url = url
        self.domain = domain
        self.label = label
    }
}

/// An embedded social-media post (`{kind,author,handle,date,url,text}`).
public struct Embed: Sendable, Hashable, Codable {
    /// The kind of post, e.g. `x`, `bluesky`, `mastodon`, `post`.
    public var kind: String
    /// The poster's display name.
    public var author: String?
    /// The poster's handle, e.g. `@example`.
    public var handle: String?
    /// The post's date as shown in the source (free text: dumps rarely carry a machine date).
    public var date: String?
    /// A link to the post or its attached media.
    public var url: String?
    /// The text of the post.
    public var text: String

    /// Creates an embedded post.
    public init(kind: String = "post", author: String? = nil, handle: String? = nil, date: String? = nil, url: String? = nil, text: String) {
        self.kind = kind
        self.author = author
        self.handle = handle
        self.date = date
        self.url = url
        self.text = text
    }
}
