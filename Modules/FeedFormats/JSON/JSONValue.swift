/// A JSON value read into memory. Numbers keep their source text so an `id` like
/// `123456789012345678901` becomes exactly that string, as JSON Feed asks, without passing through a `Double`.
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value's kind with an article, for messages: `a string`, `an object`, …
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "true or false"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// How much one value read into memory may hold, so its memory stays proportional to its bytes and
/// small: a value over a cap is skipped and reported instead of read.
struct JSONLimits: Sendable {
    /// Bytes of string text in one value, escapes as written: 8 MiB (an article body is far smaller).
    static let maxStringBytes = 8 << 20
    /// Strings, numbers, literals, arrays and objects in one value, nested ones included: 10,000.
    static let maxNodes = 10_000
}

/// A value that is well-formed JSON but over a `JSONLimits` cap; `reason` says which.
struct JSONLimitError: Error, Sendable, Hashable {
    var reason: String
}

extension JSONReader {
    /// The value that starts here, read into memory within `JSONLimits`; a value over a cap is
    /// skipped (its syntax still checked) and returned as the failure naming the cap.
    mutating func value() throws(JSONSyntaxError) -> Result<JSONValue, JSONLimitError> {
        let start = offset, startDepth = depth
        var budget = (nodes: JSONLimits.maxNodes, stringBytes: JSONLimits.maxStringBytes)
        var overLimit: String?
        let value = try materialise(&budget, overLimit: &overLimit)
        guard let reason = overLimit else { return .success(value) }
        offset = start
        depth = startDepth
        try skipValue()
        return .failure(JSONLimitError(reason: reason))
    }

    /// Reads a value into memory, spending `budget`; once a cap is hit it sets `overLimit` and
    /// returns at once (the caller rewinds and skips).
    private mutating func materialise(
        _ budget: inout (nodes: Int, stringBytes: Int), overLimit: inout String?
    ) throws(JSONSyntaxError) -> JSONValue {
        budget.nodes -= 1
        guard budget.nodes >= 0 else {
            overLimit = "more than \(JSONLimits.maxNodes) values nested in one field"
            return .null
        }
        skipWhitespace()
        guard let byte = peek else { throw fail("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            var object = try beginObject()
            var members: [String: JSONValue] = [:]
            while try nextMember(&object) {
                let name = try key()
                members[name] = try materialise(&budget, overLimit: &overLimit)
                if overLimit != nil { return .null }
            }
            return .object(members)
        case UInt8(ascii: "["):
            var array = try beginArray()
            var elements: [JSONValue] = []
            while try nextElement(&array) {
                elements.append(try materialise(&budget, overLimit: &overLimit))
                if overLimit != nil { return .null }
            }
            return .array(elements)
        case UInt8(ascii: "\""):
            guard let text = try string(maxBytes: budget.stringBytes) else {
                overLimit = "more than \(JSONLimits.maxStringBytes) bytes of text in one field"
                return .null
            }
            budget.stringBytes -= text.utf8.count
            return .string(text)
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let range = try number()
            return .number(String(decoding: bytes[range], as: UTF8.self))
        default: throw fail("unexpected character, expected a value")
        }
    }

    /// The string value of `key` in the top-level object, reading no further than that key and
    /// keeping none of the members before it; nil if the input is not an object, the key is absent,
    /// or its value is not a string. For cheap sniffing.
    static func topLevelString(_ key: String, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var reader = JSONReader(bytes)
        do {
            reader.skipWhitespace()
            guard reader.peek == UInt8(ascii: "{") else { return nil }
            var object = try reader.beginObject()
            while try reader.nextMember(&object) {
                guard try reader.key() == key else {
                    try reader.skipValue()
                    continue
                }
                reader.skipWhitespace()
                guard reader.peek == UInt8(ascii: "\"") else { return nil }
                return try reader.string(maxBytes: 4096)
            }
            return nil
        } catch {
            return nil
        }
    }
}
