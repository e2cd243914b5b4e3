/// `GET /v1/manifest`: where the content log stands and how to read it.
public struct Manifest: Sendable, Hashable, Codable {
    /// Protocol version; this code speaks 1.
    public var `protocol`: Int
    /// Identifier of the feed (the server's content log).
    public var feedId: String
    /// Human-readable name of the feed.
    public var title: String
    /// Seqs per segment; segment `k` holds seqs `k*S+1 … (k+1)*S`.
    public var segmentSize: Int64
    /// The last committed seq.
    public var head: Int64
    /// The compaction horizon: segments wholly below it answer 410.
    public var oldest: Int64
    /// The current snapshot, if one has been written.
    public var snapshot: SnapshotRef?
    /// The server's clock when it answered.
    public var serverTime: Timestamp

    /// Creates a manifest.
    public init(protocol: Int = 1, feedId: String, title: String, segmentSize: Int64 = 1000, head: Int64, oldest: Int64, snapshot: SnapshotRef?, serverTime: Timestamp) {
        self.protocol = `protocol`
        self.feedId = feedId
        self.title = title
        self.segmentSize = segmentSize
        self.head = head
        self.oldest = oldest
        self.snapshot = snapshot
        self.serverTime = serverTime
    }

    /// Decodes a manifest, checking that the numbers are consistent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        `protocol` = try c.decode(Int.self, forKey: .protocol)
        feedId = try c.decode(String.self, forKey: .feedId)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        segmentSize = try c.decode(Int64.self, forKey: .segmentSize)
        guard segmentSize > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .segmentSize, in: c, debugDescription: "must be positive, got \(segmentSize)")
        }
        head = try c.decode(Int64.self, forKey: .head)
        oldest = try c.decode(Int64.self, forKey: .oldest)
        guard head >= 0, oldest >= 0, oldest <= head else {
            throw DecodingError.dataCorruptedError(forKey: .oldest, in: c, debugDescription: "must be between 0 and head (\(head)), got \(oldest)")
        }
        snapshot = try c.decodeIfPresent(SnapshotRef.self, forKey: .snapshot)
        serverTime = try c.decode(Timestamp.self, forKey: .serverTime)
    }

    /// Encodes the manifest; `snapshot` is written as `null` when absent, as the protocol shows.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(`protocol`, forKey: .protocol)
        try c.encode(feedId, forKey: .feedId)
        try c.encode(title, forKey: .title)
        try c.encode(segmentSize, forKey: .segmentSize)
        try c.encode(head, forKey: .head)
        try c.encode(oldest, forKey: .oldest)
        try c.encode(snapshot, forKey: .snapshot)
        try c.encode(serverTime, forKey: .serverTime)
    }

    enum CodingKeys: String, CodingKey { case `protocol`, feedId, title, segmentSize, head, oldest, snapshot, serverTime }
}

/// A snapshot of every live article as of `seq`, split into chunk URLs (`/v1/snapshot/{seq}/{chunk}`).
public struct SnapshotRef: Sendable, Hashable, Codable {
    /// The log position the snapshot reflects.
    public var seq: Int64
    /// Relative URLs of its NDJSON chunks, in order.
    public var chunks: [String]

    /// Creates a snapshot reference.
    public init(seq: Int64, chunks: [String]) {
        self.seq = seq
        self.chunks = chunks
    }
}

/// One entry of a client's state journal as sent in `POST /v1/state/mutations`.
///
/// Every mutation sets an absolute value, so resending it changes nothing.
public enum StateMutation: Sendable, Hashable, Codable {
    /// `{"mid","articleId","field","value","hlc"}`: set one flag of one article.
    case set(mid: Int64, articleId: String, field: StateField, value: Bool, hlc: HLC)
    /// `{"mid","op":"markReadUpTo","seq","sourceId"?,"hlc"}`: mark read everything in the log up to `seq`
    /// (optionally only from one source).
    case markReadUpTo(mid: Int64, seq: Int64, sourceId: String?, hlc: HLC)

    /// The client's mutation id, increasing per client.
    public var mid: Int64 {
        switch self {
        case let .set(mid, _, _, _, _), let .markReadUpTo(mid, _, _, _): return mid
        }
    }

    /// The clock reading of the mutation.
    public var hlc: HLC {
        switch self {
        case let .set(_, _, _, _, hlc), let .markReadUpTo(_, _, _, hlc): return hlc
        }
    }

    enum CodingKeys: String, CodingKey { case mid, op, articleId, field, value, seq, sourceId, hlc }

    /// Decodes a mutation: with `op` `markReadUpTo`, else (no `op`, or `op` `set`) a flag write.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let mid = try c.decode(Int64.self, forKey: .mid)
        guard mid > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .mid, in: c, debugDescription: "must be positive, got \(mid)")
        }
        let hlc = try c.decode(HLC.self, forKey: .hlc)
        switch try c.decodeIfPresent(String.self, forKey: .op) ?? "set" {
        case "set":
            self = .set(mid: mid, articleId: try c.decodeNonEmpty(.articleId), field: try c.decode(StateField.self, forKey: .field),
                        value: try c.decode(Bool.self, forKey: .value), hlc: hlc)
        case "markReadUpTo":
            self = .markReadUpTo(mid: mid, seq: try c.decode(Int64.self, forKey: .seq),
                                 sourceId: try c.decodeIfPresent(String.self, forKey: .sourceId), hlc: hlc)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .op, in: c, debugDescription: "expected \"markReadUpTo\" or no op, got \"\(other.prefix(40))\"")
        }
    }

    /// Encodes the wire form (no `op` for a flag write, as in the protocol).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mid, forKey: .mid)
        switch self {
        case let .set(_, articleId, field, value, hlc):
            try c.encode(articleId, forKey: .articleId)
            try c.encode(field, forKey: .field)
            try c.encode(value, forKey: .value)
            try c.encode(hlc, forKey: .hlc)
        case let .markReadUpTo(_, seq, sourceId, hlc):
            try c.encode("markReadUpTo", forKey: .op)
            try c.encode(seq, forKey: .seq)
            try c.encodeIfPresent(sourceId, forKey: .sourceId)
            try c.encode(hlc, forKey: .hlc)
        }
    }
}

/// The body of `POST /v1/state/mutations`: `{"clientId","mutations":[…]}`.
public struct StateMutationBatch: Sendable, Hashable, Codable {
    /// The sending client (device) id; mids are counted per client.
    public var clientId: String
    /// Mutations in increasing `mid` order.
    public var mutations: [StateMutation]

    /// Creates a batch.
    public init(clientId: String, mutations: [StateMutation]) {
        self.clientId = clientId
        self.mutations = mutations
    }

    /// Decodes a batch; `clientId` must be non-empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clientId = try c.decodeNonEmpty(.clientId)
        mutations = try c.decode([StateMutation].self, forKey: .mutations)
    }
}

/// The server's answer to a mutation batch: how far it has applied and its own clock.
public struct StateMutationAck: Sendable, Hashable, Codable {
    /// The highest `mid` of this client the server has applied (or ignored as a duplicate).
    public var appliedMid: Int64
    /// The server's clock after applying; clients observe it to stay ahead of clamping.
    public var hlc: HLC

    /// Creates an acknowledgement.
    public init(appliedMid: Int64, hlc: HLC) {
        self.appliedMid = appliedMid
        self.hlc = hlc
    }
}

/// `GET /v1/state?after=N`: state changes after a state position.
public struct StatePage: Sendable, Hashable, Codable {
    /// Changed records, each with both flags' current values.
    public var changes: [StateChange]
    /// The position to pass as `after` next time.
    public var stateSeq: Int64
    /// True when the page stopped at the server's size limit before `limit` changes: ask again.
    public var more: Bool?

    /// Creates a page.
    public init(changes: [StateChange], stateSeq: Int64, more: Bool? = nil) {
        self.changes = changes
        self.stateSeq = stateSeq
        self.more = more
    }
}

/// An RFC 9457 problem document (`application/problem+json`).
public struct Problem: Sendable, Hashable, Codable, Error {
    /// A URI reference naming the problem type.
    public var type: String
    /// A short summary of the problem type.
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// What went wrong this time, in words a user can act on.
    public var detail: String?

    /// Creates a problem document.
    public init(type: String = "about:blank", title: String, status: Int, detail: String? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
    }
}
