import NewsModels

/// The sizes of the fields a client sends in a mutation batch (PROTOCOL.md §5).
///
/// Every string a client sends is stored or repeated into stored rows (a `markReadUpTo` HLC lands in
/// every state row it marks, and every page a user pulls carries it), so each is bounded before any
/// of it is written. The reader's own values are far inside: its client id, which is also its HLC
/// node, is a 36-character UUID, and feed article ids are 16 hex digits.
public struct ClientFieldLimits: Sendable, Equatable {
    /// Bytes of a batch's `clientId`, which must be made of `A–Z a–z 0–9 . _ -`.
    public var clientIdBytes = 64
    /// Bytes of the node part of an HLC, made of the same characters as a client id.
    public var hlcNodeBytes = 64
    /// Bytes of an `articleId`.
    public var articleIdBytes = 256
    /// Bytes of a `markReadUpTo` `sourceId`.
    public var sourceIdBytes = 256

    /// The default limits.
    public init() {}

    /// The first field of `batch` beyond these limits, as a 400 problem naming it; nil when all fit.
    func violation(in batch: StateMutationBatch) -> ProblemError? {
        if let reason = Self.identifierProblem(batch.clientId, limit: clientIdBytes) {
            return Self.problem("clientId", reason)
        }
        for (index, mutation) in batch.mutations.enumerated() {
            let field = "mutations[\(index)]"
            if let reason = Self.identifierProblem(mutation.hlc.node, limit: hlcNodeBytes) {
                return Self.problem("\(field).hlc", "its node (after the second '-') " + reason)
            }
            switch mutation {
            case let .set(_, articleId, _, _, _):
                if articleId.utf8.count > articleIdBytes {
                    return Self.problem("\(field).articleId", "is \(articleId.utf8.count) bytes; at most \(articleIdBytes) are accepted")
                }
            case let .markReadUpTo(_, seq, sourceId, _):
                if seq < 0 { return Self.problem("\(field).seq", "must be 0 or more, got \(seq)") }
                if let sourceId, sourceId.utf8.count > sourceIdBytes {
                    return Self.problem("\(field).sourceId", "is \(sourceId.utf8.count) bytes; at most \(sourceIdBytes) are accepted")
                }
            }
        }
        return nil
    }

    /// Why `text` is not an identifier of at most `limit` bytes of `A–Z a–z 0–9 . _ -`, or nil.
    static func identifierProblem(_ text: String, limit: Int) -> String? {
        let bytes = text.utf8
        if bytes.isEmpty { return "is empty" }
        if bytes.count > limit { return "is \(bytes.count) bytes; at most \(limit) are accepted" }
        if let bad = bytes.first(where: { !isIdentifierByte($0) }) {
            return "contains byte 0x\(String(bad, radix: 16, uppercase: true)); only A-Z a-z 0-9 . _ - are accepted"
        }
        return nil
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private static func problem(_ field: String, _ reason: String) -> ProblemError {
        ProblemError(.badRequest, title: "Field out of bounds", detail: "\(field): \(reason)")
    }
}
