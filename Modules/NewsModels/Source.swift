/// An outlet that publishes articles (`{id,name,domain,url}` on the wire).
public struct Source: Sendable, Hashable, Codable {
    /// Stable identifier, e.g. `apnews.com`.
    public var id: String
    /// Display name, e.g. `Associated Press`.
    public var name: String
    /// The outlet's web domain, when known.
    public var domain: String?
    /// The outlet's home page or feed URL, when known.
    public var url: String?

    /// Creates a source.
    public init(id: String, name: String, domain: String? = nil, url: String? = nil) {
        self.id = id
        self.name = name
        self.domain = domain
        self.url = url
    }

    /// Decodes a source; `id` and `name` must be non-empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeNonEmpty(.id)
        name = try c.decodeNonEmpty(.name)
        domain = try c.decodeIfPresent(String.self, forKey: .domain)
        url = try c.decodeIfPresent(String.self, forKey: .url)
    }
}

/// A picture reference: the lead image of an article or an image block (`{url,alt,caption}`).
public struct ImageRef: Sendable, Hashable, Codable {
    /// Where the image lives; absent when a text dump kept only its caption.
    public var url: String?
    /// Alternative text describing the image.
    public var alt: String?
    /// The caption printed under the image.
    public var caption: String?

    /// Creates an image reference.
    public init(url: String? = nil, alt: String? = nil, caption: String? = nil) {
        self.url = url
        self.alt = alt
        self.caption = caption
    }
}

extension KeyedDecodingContainer {
    /// Decodes a required string and rejects an empty one, naming the field.
    func decodeNonEmpty(_ key: Key) throws -> String {
        let value = try decode(String.self, forKey: key)
        guard !value.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "must not be empty")
        }
        return value
    }
}
