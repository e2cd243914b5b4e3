import Foundation

/// A change read from a content-log line, with the article's JSON exactly as the line carried it, so
/// a store can keep those bytes instead of encoding the article again (the costliest step of
/// applying a change).
public struct LoggedChange: Sendable, Hashable {
    /// The decoded change (from `decodeChanges(from:keepBlocks: false)`, a put's article has no blocks).
    public var change: Change
    /// For a `put`, the line's `article` value: the whole article as JSON, blocks included.
    public var articleJSON: Data?

    /// Wraps a change and, for a put, its article's JSON.
    public init(_ change: Change, articleJSON: Data? = nil) {
        self.change = change
        self.articleJSON = articleJSON
    }

    /// The log position.
    public var seq: Int64 { change.seq }
}

extension NewsJSON {
    /// Decodes NDJSON content-log lines, keeping each put's article JSON; errors name the line. With
    /// `keepBlocks` false each put's decoded article drops its blocks once they have been checked (the
    /// JSON still holds them), which more than halves what a batch of changes keeps in memory.
    public static func decodeChanges(from data: Data, keepBlocks: Bool = true) throws(NewsJSONError) -> [LoggedChange] {
        let decoder = JSONDecoder()
        var values: [LoggedChange] = []
        for (index, range) in lineRanges(in: data).enumerated() where !isBlank(data[range]) {
            let line = data[range]
            let change = try decodeLine(Change.self, from: line, number: index + 1, with: decoder)
            guard case .put(let seq, var article) = change else {
                values.append(LoggedChange(change))
                continue
            }
            let json = line.withUnsafeBytes { raw in memberRange("article", in: raw).map { Data(raw[$0]) } }
            if !keepBlocks, json != nil { article.blocks = [] }
            values.append(LoggedChange(.put(seq: seq, article: article), articleJSON: json))
        }
        return values
    }

    /// The byte range of the value of top-level member `key` in the JSON object `bytes`, found by
    /// skipping over values without decoding them; nil when absent or when the bytes are not an object.
    /// Only call it on bytes a JSON decoder has already accepted.
    static func memberRange(_ key: String, in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        let target = Array(key.utf8)
        var i = 0
        let n = bytes.count
        func skipSpace() { while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 } }
        /// Moves past a string starting at its opening quote; returns its raw content range.
        func skipString() -> Range<Int> {
            i += 1
            let start = i
            while i < n, bytes[i] != 0x22 { i += bytes[i] == 0x5C ? 2 : 1 }
            defer { i += 1 }
            return start..<min(i, n)
        }
        func skipValue() {
            switch bytes[i] {
            case 0x22: _ = skipString()
            case 0x7B, 0x5B:
                var depth = 0
                repeat {
                    switch bytes[i] {
                    case 0x22: _ = skipString(); continue
                    case 0x7B, 0x5B: depth += 1
                    case 0x7D, 0x5D: depth -= 1
                    default: break
                    }
                    i += 1
                } while i < n && depth > 0
            default:
                while i < n, bytes[i] != 0x2C, bytes[i] != 0x7D, bytes[i] != 0x5D { i += 1 }
            }
        }
        skipSpace()
        guard i < n, bytes[i] == 0x7B else { return nil }
        i += 1
        while true {
            skipSpace()
            guard i < n, bytes[i] == 0x22 else { return nil }
            let name = skipString()
            skipSpace()
            guard i < n, bytes[i] == 0x3A else { return nil }
            i += 1
            skipSpace()
            guard i < n else { return nil }
            let start = i
            skipValue()
            if name.count == target.count, zip(name, target).allSatisfy({ bytes[$0] == $1 }) {
                var end = i
                while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x09 { end -= 1 }
                return start..<end
            }
            skipSpace()
            guard i < n, bytes[i] == 0x2C else { return nil }
            i += 1
        }
    }
}
