import HTTPTransport

/// Collects the header fields of the final response from libcurl's header callback.
///
/// libcurl passes every header line of every response it sees (redirects, `100 Continue`, then
/// chunked trailers). A status line starts a fresh block; lines after the block's blank line are
/// trailers and are not mixed into the head. Lines are parsed as bytes: this runs for every header
/// of every response on the I/O thread, where Foundation string trimming would dominate the cost.
struct ResponseHeaderParser {
    private(set) var fields = HTTPHeaders()
    private(set) var status = 0
    private var blockEnded = false

    /// Whether the last complete block is the final response's: not informational (1xx) and not
    /// a redirect libcurl is about to follow.
    var finalHeadComplete: Bool {
        guard blockEnded, status >= 200 else { return false }
        let followed = [301, 302, 303, 307, 308].contains(status) && fields.contains("Location")
        return !followed
    }

    /// Takes one header line; returns `true` when it completes the final response's head.
    @discardableResult
    mutating func consume(_ line: UnsafeRawBufferPointer) -> Bool {
        let bytes = line.bindMemory(to: UInt8.self)
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        if end == 0 {
            guard !blockEnded else { return false }
            blockEnded = true
            return finalHeadComplete
        }
        if end >= 5, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"), bytes[2] == UInt8(ascii: "T"),
            bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "/")
        {
            fields = HTTPHeaders()
            blockEnded = false
            status = Self.statusCode(bytes[0..<end])
            return false
        }
        guard !blockEnded, let colon = bytes[0..<end].firstIndex(of: UInt8(ascii: ":")) else { return false }
        let name = Self.trimmed(bytes[0..<colon])
        guard !name.isEmpty else { return false }
        fields.add(name: String(decoding: name, as: UTF8.self), value: String(decoding: Self.trimmed(bytes[(colon + 1)..<end]), as: UTF8.self))
        return false
    }

    /// The three digits after the first space of a status line, or 0.
    private static func statusCode(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { return 0 }
        var code = 0
        for byte in line[(space + 1)...].prefix(3) {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return 0 }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return code
    }

    private static func trimmed(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var start = slice.startIndex
        var end = slice.endIndex
        while start < end, slice[start] == UInt8(ascii: " ") || slice[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, slice[end - 1] == UInt8(ascii: " ") || slice[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return slice[start..<end]
    }
}
