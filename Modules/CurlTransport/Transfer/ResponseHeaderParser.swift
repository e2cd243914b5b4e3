import Foundation
import HTTPTransport

/// Collects the header fields of the final response from libcurl's header callback.
///
/// libcurl passes every header line of every response it sees (redirects, `100 Continue`, a proxy's
/// `CONNECT` answer, then chunked trailers). A status line starts a fresh block; lines after the
/// block's blank line are trailers and are not mixed into the head.
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
    mutating func consume(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // "\r\n" is one Character in Swift, so trim by scalars, not characters.
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .newlines)
        if line.hasPrefix("HTTP/") {
            fields = HTTPHeaders()
            blockEnded = false
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            return false
        }
        if line.isEmpty {
            guard !blockEnded else { return false }
            blockEnded = true
            return finalHeadComplete
        }
        guard !blockEnded, let colon = line.firstIndex(of: ":") else { return false }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return false }
        fields.add(name: name, value: value)
        return false
    }
}
