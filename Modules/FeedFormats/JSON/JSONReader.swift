/// Where and why JSON reading stopped.
struct JSONSyntaxError: Error, Sendable, Hashable {
    /// 0-based byte offset in the input.
    var offset: Int
    /// What was expected or wrong there.
    var reason: String
}

/// A pull reader over UTF-8 bytes (RFC 8259): the caller walks objects and arrays member by member
/// and either reads a value into memory (`JSONReader.value(within:)`) or skips it, which checks its
/// syntax without building anything. So a document is read in memory bounded by what is kept, not
/// by the document: a feed's unknown members, however large or deep, cost no allocation.
///
/// Lenient where real feeds are sloppy and nothing is lost: a UTF-8 byte order mark is skipped, raw
/// control characters inside strings are kept (callers strip them later), and invalid UTF-8 or lone
/// `\u` surrogates inside strings become U+FFFD instead of failing. Nesting deeper than `maxDepth`
/// is an error, in skipped values too, rather than a stack overflow.
///
/// The reader borrows `bytes`: use it only inside the `withUnsafeBytes` call that made the buffer.
struct JSONReader {
    /// Deepest nesting of objects and arrays read or skipped: 256.
    static let maxDepth = 256

    let bytes: UnsafeBufferPointer<UInt8>
    /// The byte the reader is at.
    var offset = 0
    var depth = 0

    /// A reader at the start of `bytes`, after a UTF-8 byte order mark if there is one.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    /// Counts the members or elements of the container being walked, to place its separators.
    struct Container {
        var count = 0
    }

    var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: offset, reason: reason) }

    mutating func skipWhitespace() {
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x0A || bytes[offset] == 0x0D || bytes[offset] == 0x09 {
            offset += 1
        }
    }

    /// Whether only whitespace is left.
    mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return offset == bytes.count
    }

    /// Fails unless only whitespace is left.
    mutating func expectEnd() throws(JSONSyntaxError) {
        guard isAtEnd() else { throw fail("unexpected data after the JSON value") }
    }

    /// The kind of the value starting here, with an article (`an object`), judged by its first byte
    /// without reading it; nil at the end of the input.
    mutating func kindAhead() -> String? {
        skipWhitespace()
        switch peek {
        case nil: return nil
        case UInt8(ascii: "{")?: return "an object"
        case UInt8(ascii: "[")?: return "an array"
        case UInt8(ascii: "\"")?: return "a string"
        case UInt8(ascii: "t")?, UInt8(ascii: "f")?: return "true or false"
        case UInt8(ascii: "n")?: return "null"
        default: return "a number"
        }
    }

    // MARK: Containers

    /// Enters the object that starts here.
    mutating func beginObject() throws(JSONSyntaxError) -> Container {
        try begin(UInt8(ascii: "{"), "expected an object")
    }

    /// Moves to the next member's key, or past the closing `}` and returns false.
    mutating func nextMember(_ object: inout Container) throws(JSONSyntaxError) -> Bool {
        guard try next(&object, close: UInt8(ascii: "}"), in: "an object") else { return false }
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw fail("expected a string key") }
        return true
    }

    /// Reads the key `nextMember` stopped at and the `:` after it. A key longer than 256 bytes is
    /// skipped and read as "" (no name a reader looks for is that long).
    mutating func key() throws(JSONSyntaxError) -> String {
        let name = try string(maxBytes: 256) ?? ""
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw fail("expected ':' after an object key") }
        offset += 1
        return name
    }

    /// Enters the array that starts here.
    mutating func beginArray() throws(JSONSyntaxError) -> Container {
        try begin(UInt8(ascii: "["), "expected an array")
    }

    /// Moves to the next element, or past the closing `]` and returns false.
    mutating func nextElement(_ array: inout Container) throws(JSONSyntaxError) -> Bool {
        try next(&array, close: UInt8(ascii: "]"), in: "an array")
    }

    private mutating func begin(_ open: UInt8, _ expected: String) throws(JSONSyntaxError) -> Container {
        skipWhitespace()
        guard peek == open else { throw fail(expected) }
        try enter()
        return Container()
    }

    /// Moves past the `,` before the next entry of a container, or past its `close` (false).
    private mutating func next(_ container: inout Container, close: UInt8, in kind: String) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if peek == close {
            offset += 1
            depth -= 1
            return false
        }
        if container.count > 0 {
            switch peek {
            case UInt8(ascii: ",")?: offset += 1
            case nil: throw fail("unexpected end of input inside \(kind)")
            default: throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))' in \(kind)")
            }
        }
        container.count += 1
        return true
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("nested deeper than \(Self.maxDepth) levels") }
        offset += 1
    }

    // MARK: Skipping

    /// Checks the value that starts here and moves past it without keeping any of it.
    mutating func skipValue() throws(JSONSyntaxError) {
        skipWhitespace()
        guard let byte = peek else { throw fail("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            var object = try beginObject()
            while try nextMember(&object) {
                _ = try skipString()
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { throw fail("expected ':' after an object key") }
                offset += 1
                try skipValue()
            }
        case UInt8(ascii: "["):
            var array = try beginArray()
            while try nextElement(&array) { try skipValue() }
        case UInt8(ascii: "\""): _ = try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        default: throw fail("unexpected character, expected a value")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let start = offset
        let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in text {
            guard peek == byte else { offset = start; throw fail("unexpected character, expected a value") }
            offset += 1
        }
    }

    /// Moves past a number and returns the range it was written in.
    mutating func number() throws(JSONSyntaxError) -> Range<Int> {
        let start = offset
        if peek == UInt8(ascii: "-") { offset += 1 }
        if peek == UInt8(ascii: "0") {
            offset += 1
        } else if digits() == 0 {
            throw fail("expected a digit")
        }
        if peek == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw fail("expected a digit after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            offset += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw fail("expected a digit in the exponent") }
        }
        return start..<offset
    }

    private mutating func digits() -> Int {
        let from = offset
        while let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { offset += 1 }
        return offset - from
    }

    // MARK: Strings

    /// Checks the string starting at its opening quote and moves past it; returns how many bytes
    /// it takes between the quotes, escapes as written.
    mutating func skipString() throws(JSONSyntaxError) -> Int {
        let open = offset
        offset += 1
        while true {
            guard let byte = peek else {
                offset = open
                throw fail("unterminated string")
            }
            offset += 1
            if byte == UInt8(ascii: "\"") { return offset - open - 2 }
            guard byte == UInt8(ascii: "\\"), let escape = peek else { continue }
            offset += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                _ = try hex4()
            default:
                offset -= 2
                throw fail("invalid escape in a string")
            }
        }
    }

    /// The string starting at its opening quote, decoded; nil (having moved past it) when it takes
    /// more than `maxBytes` bytes as written.
    mutating func string(maxBytes: Int) throws(JSONSyntaxError) -> String? {
        let open = offset
        guard try skipString() <= maxBytes else { return nil }
        let end = offset
        offset = open + 1
        var out: [UInt8] = []
        out.reserveCapacity(end - open - 2)
        var runStart = offset
        while offset < end - 1 {
            let byte = bytes[offset]
            if byte != UInt8(ascii: "\\") { offset += 1; continue }
            out.append(contentsOf: bytes[runStart..<offset])
            let escape = bytes[offset + 1]
            offset += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape(before: end - 1))
            default: out.append(escape)  // \" \\ \/
            }
            runStart = offset
        }
        out.append(contentsOf: bytes[runStart..<(end - 1)])
        offset = end
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes the hex digits after `\u`, pairing surrogates; a lone surrogate becomes U+FFFD.
    private mutating func unicodeEscape(before end: Int) throws(JSONSyntaxError) -> [UInt8] {
        let first = try hex4()
        var scalar = Unicode.Scalar(first)
        if (0xD800...0xDBFF).contains(first), offset + 5 < end,
           bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
            let save = offset
            offset += 2
            let second = try hex4()
            if (0xDC00...0xDFFF).contains(second) {
                scalar = Unicode.Scalar(0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00))
            } else {
                offset = save  // not a pair: the second escape is read on its own next time round
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
            offset += 1
        }
        return value
    }
}
