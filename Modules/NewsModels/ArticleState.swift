/// Which per-user flag a state value or mutation is about.
public enum StateField: String, Sendable, Hashable, Codable, CaseIterable {
    /// Whether the user has read the article.
    case read
    /// Whether the user has starred (saved) the article.
    case starred
}

/// One flag's value together with the clock reading of the write that set it (`{"value","hlc"}`).
public struct StateValue: Sendable, Hashable, Codable {
    /// The flag's value.
    public var value: Bool
    /// When (in HLC order) it was set; the newer reading wins a conflict.
    public var hlc: HLC

    /// Creates a state value.
    public init(value: Bool, hlc: HLC) {
        self.value = value
        self.hlc = hlc
    }

    /// The winner of two writes to the same flag: the one with the newer HLC.
    public static func newer(_ a: StateValue?, _ b: StateValue?) -> StateValue? {
        guard let a else { return b }
        guard let b else { return a }
        return b.hlc > a.hlc ? b : a
    }
}

/// A user's read and starred flags for one article. State may exist before its article arrives.
///
/// This is also the protocol's *state change* (an element of `GET /v1/state`'s `changes`), hence the
/// `StateChange` alias.
public struct ArticleState: Sendable, Hashable, Codable {
    /// The article the flags belong to.
    public var articleId: String
    /// The read flag, absent when never set.
    public var read: StateValue?
    /// The starred flag, absent when never set.
    public var starred: StateValue?

    /// Creates a state record.
    public init(articleId: String, read: StateValue? = nil, starred: StateValue? = nil) {
        self.articleId = articleId
        self.read = read
        self.starred = starred
    }

    /// Decodes a state record; `articleId` must be non-empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        articleId = try c.decodeNonEmpty(.articleId)
        read = try c.decodeIfPresent(StateValue.self, forKey: .read)
        starred = try c.decodeIfPresent(StateValue.self, forKey: .starred)
    }

    /// True when the article is marked read.
    public var isRead: Bool { read?.value ?? false }
    /// True when the article is starred.
    public var isStarred: Bool { starred?.value ?? false }

    /// The value of one flag.
    public subscript(field: StateField) -> StateValue? {
        get { field == .read ? read : starred }
        set { if field == .read { read = newValue } else { starred = newValue } }
    }

    /// Both records merged flag by flag, newer HLC winning (last writer wins).
    public func merged(with other: ArticleState) -> ArticleState {
        ArticleState(articleId: articleId, read: .newer(read, other.read), starred: .newer(starred, other.starred))
    }
}

/// A state change as carried by `GET /v1/state`: the same shape as `ArticleState`.
public typealias StateChange = ArticleState
