/// A parsed JSON value. Numbers keep their source text so an `id` like `123456789012345678901`
/// becomes exactly that string, as JSON Feed asks, without passing through a `Double`.
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

/// Where and why JSON reading stopped.
struct JSONSyntaxError: Error, Sendable, Hashable {
    /// 0-based byte offset in the input.
    var offset: Int
    /// What was expected or wrong there.
    var reason: String
}

/// A small, lenient RFC 8259 reader over UTF-8 bytes.
///
/// Lenient where real feeds are sloppy and nothing is lost: a UTF-8 byte order mark is skipped, raw
/// control characters inside strings are kept (callers strip them later), and invalid UTF-8 or lone
/// `\u` surrogates inside strings become U+FFFD instead of failing. Nesting deeper than `maxDepth`
/// is an error rather than a stack overflow.
struct JSONReader {
    static let maxDepth = 256

    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    /// Parses the whole input as one JSON value; anything but whitespace after it is an error.
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(bytes)
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.i == bytes.count else { throw reader.fail("unexpected data after the JSON value") }
        return value
    }

    /// The string value of `key` in the top-level object, reading no further than that key; nil if the
    /// input is not an object, the key is absent, or its value is not a string. For cheap sniffing.
    static func topLevelString(_ key: String, in bytes: [UInt8]) -> String? {
        var reader = JSONReader(bytes)
        reader.skipWhitespace()
        guard reader.peek == UInt8(ascii: "{") else { return nil }
        reader.i += 1
        reader.depth = 1
        do {
            while true {
                reader.skipWhitespace()
                guard reader.peek == UInt8(ascii: "\"") else { return nil }
                let name = try reader.string()
                reader.skipWhitespace()
                guard reader.peek == UInt8(ascii: ":") else { return nil }
                reader.i += 1
                let value = try reader.value()
                if name == key {
                    if case let .string(text) = value { return text }
                    return nil
                }
                reader.skipWhitespace()
                guard reader.peek == UInt8(ascii: ",") else { return nil }
                reader.i += 1
            }
        } catch {
            return nil
        }
    }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: i, reason: reason) }

    private mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard let byte = peek else { throw fail("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("unexpected character, expected a value")
        }
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let start = i
        for byte in word.utf8 {
            guard peek == byte else { i = start; throw fail("unexpected character, expected a value") }
            i += 1
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("nested deeper than \(Self.maxDepth) levels") }
        i += 1
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let key = try string()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw fail("expected ':' after an object key") }
            i += 1
            members[key] = try value()
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): i += 1; depth -= 1; return .object(members)
            case nil: throw fail("unexpected end of input inside an object")
            default: throw fail("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(elements) }
        while true {
            elements.append(try value())
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; depth -= 1; return .array(elements)
            case nil: throw fail("unexpected end of input inside an array")
            default: throw fail("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = i
        func digits(_ reader: inout JSONReader) -> Int {
            let from = reader.i
            while let b = reader.peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { reader.i += 1 }
            return reader.i - from
        }
        if peek == UInt8(ascii: "-") { i += 1 }
        if peek == UInt8(ascii: "0") {
            i += 1
        } else if digits(&self) == 0 {
            throw fail("expected a digit")
        }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw fail("expected a digit after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw fail("expected a digit in the exponent") }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// Reads a string starting at its opening quote.
    private mutating func string() throws(JSONSyntaxError) -> String {
        let open = i
        i += 1
        var out: [UInt8] = []
        var runStart = i
        while true {
            guard let byte = peek else {
                i = open
                throw fail("unterminated string")
            }
            if byte == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<i])
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if byte != UInt8(ascii: "\\") { i += 1; continue }
            out.append(contentsOf: bytes[runStart..<i])
            i += 1
            guard let escape = peek else { continue }
            i += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
            default:
                i -= 2
                throw fail("invalid escape in a string")
            }
            runStart = i
        }
    }

    /// Decodes the hex digits after `\u`, pairing surrogates; a lone surrogate becomes U+FFFD.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> [UInt8] {
        let first = try hex4()
        var scalar = Unicode.Scalar(first)
        if (0xD800...0xDBFF).contains(first), i + 1 < bytes.count,
           bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
            let save = i
            i += 2
            let second = try hex4()
            if (0xDC00...0xDFFF).contains(second) {
                scalar = Unicode.Scalar(0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00))
            } else {
                i = save  // not a pair: the second escape is read on its own next time round
            }
        }
        return Array(String(Character(scalar ?? "\u{FFFD}")).utf8)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek else { throw fail("unexpected end of input in a \\u escape") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("expected four hex digits after \\u")
            }
            value = value << 4 | UInt16(digit)
            i += 1
        }
        return value
    }
}
