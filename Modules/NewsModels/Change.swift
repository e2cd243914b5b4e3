/// Why an article left the live set (`reason` of a `del`). Unknown reasons from newer servers are kept.
public struct DeletionReason: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The reason as written on the wire.
    public var rawValue: String
    /// Creates a reason from its wire string.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The outlet withdrew the article.
    public static let retracted = DeletionReason(rawValue: "retracted")
    /// The article aged out of the server's retention window.
    public static let expired = DeletionReason(rawValue: "expired")
    /// The wire string.
    public var description: String { rawValue }
}

/// One entry of the content log: `{"seq":N,"op":"put","article":{…}}` or
/// `{"seq":N,"op":"del","id":"…","reason":"retracted|expired"}`.
public enum Change: Sendable, Hashable, Codable {
    /// A full article revision at log position `seq`.
    case put(seq: Int64, article: Article)
    /// A tombstone for article `id` at log position `seq`.
    case del(seq: Int64, id: String, reason: DeletionReason)

    /// The log position.
    public var seq: Int64 {
        switch self {
        case let .put(seq, _), let .del(seq, _, _): return seq
        }
    }

    /// The article the change is about.
    public var articleId: String {
        switch self {
        case let .put(_, article): return article.id
        case let .del(_, id, _): return id
        }
    }

    enum CodingKeys: String, CodingKey { case seq, op, article, id, reason }

    /// Decodes a change; `seq` must be positive and `op` must be `put` or `del`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let seq = try c.decode(Int64.self, forKey: .seq)
        guard seq > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .seq, in: c, debugDescription: "must be positive, got \(seq)")
        }
        let op = try c.decode(String.self, forKey: .op)
        switch op {
        case "put":
            self = .put(seq: seq, article: try c.decode(Article.self, forKey: .article))
        case "del":
            self = .del(seq: seq, id: try c.decodeNonEmpty(.id), reason: try c.decodeIfPresent(DeletionReason.self, forKey: .reason) ?? .retracted)
        default:
            throw DecodingError.dataCorruptedError(forKey: .op, in: c, debugDescription: "expected \"put\" or \"del\", got \"\(op.prefix(40))\"")
        }
    }

    /// Encodes the change in its wire form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seq, forKey: .seq)
        switch self {
        case let .put(_, article):
            try c.encode("put", forKey: .op)
            try c.encode(article, forKey: .article)
        case let .del(_, id, reason):
            try c.encode("del", forKey: .op)
            try c.encode(id, forKey: .id)
            try c.encode(reason, forKey: .reason)
        }
    }
}
