/// A hybrid logical clock reading: wall-clock milliseconds, a counter for events within one
/// millisecond, and the id of the node (client or server) that made it.
///
/// String form (on the wire): `<16-digit millis>-<6-digit counter>-<node>`, e.g.
/// `0001738900000000-000002-c5f2…`. Zero padding makes string order equal clock order, and the node
/// breaks ties so two clients never produce equal readings.
public struct HLC: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Wall-clock component, milliseconds since 1970.
    public var wallMillis: Int64
    /// Logical counter within one `wallMillis`.
    public var counter: Int
    /// The node that made this reading (a client id or `server`).
    public var node: String

    /// The largest counter that fits the six-digit string form.
    public static let maxCounter = 999_999

    /// Creates a reading.
    public init(wallMillis: Int64, counter: Int = 0, node: String) {
        self.wallMillis = wallMillis
        self.counter = counter
        self.node = node
    }

    /// Orders by wall time, then counter, then node id (the protocol's client-id tie-break).
    public static func < (a: HLC, b: HLC) -> Bool {
        if a.wallMillis != b.wallMillis { return a.wallMillis < b.wallMillis }
        if a.counter != b.counter { return a.counter < b.counter }
        return a.node < b.node
    }

    /// The wire form.
    public var description: String {
        let wall = String(wallMillis), count = String(counter)
        return String(repeating: "0", count: max(0, 16 - wall.count)) + wall + "-"
            + String(repeating: "0", count: max(0, 6 - count.count)) + count + "-" + node
    }

    /// Parses the wire form; nil when it is not `<16 digits>-<6 digits>-<node>` with a non-empty node.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 16, parts[1].count == 6, !parts[2].isEmpty,
              parts[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let wall = Int64(parts[0]), let count = Int(parts[1])
        else { return nil }
        self.init(wallMillis: wall, counter: count, node: String(parts[2]))
    }

    /// Decodes from the wire string, naming the field on failure.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let value = HLC(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a hybrid logical clock \"<16 digits>-<6 digits>-<node>\", got \"\(text.prefix(60))\"")
        }
        self = value
    }

    /// Encodes as the wire string.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// This reading with its wall time pulled back to `limit` when it lies beyond it; servers use this
    /// to stop a client with a wrong clock from winning every future conflict.
    public func clamped(notAfter limit: Int64) -> HLC {
        wallMillis <= limit ? self : HLC(wallMillis: limit, counter: counter, node: node)
    }
}

/// The clock state of one node: produces monotonically increasing `HLC` readings even when the
/// physical clock stalls or steps backwards.
public struct HybridLogicalClock: Sendable, Hashable {
    /// The node id stamped on every reading.
    public let node: String
    /// The last reading this clock produced or observed.
    public private(set) var last: HLC

    /// Creates a clock for `node`, resuming after `last` when the node has issued readings before.
    public init(node: String, last: HLC? = nil) {
        self.node = node
        self.last = last ?? HLC(wallMillis: 0, counter: 0, node: node)
    }

    /// A reading for a local event at physical time `now` (milliseconds since 1970).
    public mutating func tick(now: Int64) -> HLC {
        if now > last.wallMillis {
            last = HLC(wallMillis: now, counter: 0, node: node)
        } else {
            last = advance(wall: last.wallMillis, counter: last.counter + 1)
        }
        return last
    }

    /// Merges a reading received from another node so later local readings order after it.
    public mutating func observe(_ remote: HLC, now: Int64) {
        let wall = max(now, last.wallMillis, remote.wallMillis)
        let counter: Int
        if wall == last.wallMillis && wall == remote.wallMillis {
            counter = max(last.counter, remote.counter) + 1
        } else if wall == last.wallMillis {
            counter = last.counter + 1
        } else if wall == remote.wallMillis {
            counter = remote.counter + 1
        } else {
            counter = 0
        }
        last = advance(wall: wall, counter: counter)
    }

    private func advance(wall: Int64, counter: Int) -> HLC {
        // A counter overflow borrows the next millisecond rather than breaking the string form.
        counter > HLC.maxCounter ? HLC(wallMillis: wall + 1, counter: 0, node: node) : HLC(wallMillis: wall, counter: counter, node: node)
    }
}
