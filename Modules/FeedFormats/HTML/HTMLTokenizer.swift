/// One piece of HTML as the tokenizer sees it.
enum HTMLToken: Sendable, Hashable {
    /// Character data with references decoded (whitespace not yet collapsed).
    case text(String)
    /// An opening tag: lowercased name, attributes (lowercased names, decoded values; first wins).
    case start(name: String, attributes: [String: String], selfClosing: Bool)
    /// A closing tag's lowercased name.
    case end(name: String)
}

/// A forgiving HTML tokenizer: it never fails, whatever the input. Comments, doctypes and processing
/// instructions are skipped; a `<` that does not start a tag is text; an unterminated tag or comment
/// ends the input. The content of raw-text elements (script, style, …) is skipped up to their end tag.
struct HTMLTokenizer: IteratorProtocol {
    /// Elements whose content is not markup; the tokenizer skips straight to their end tag.
    static let rawText: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]

    private let bytes: [UInt8]
    private var i = 0
    private var skipRawTextOf: String?

    init(_ html: String) {
        bytes = Array(html.utf8)
    }

    mutating func next() -> HTMLToken? {
        if let name = skipRawTextOf {
            skipRawTextOf = nil
            i = indexOfEndTag(name) ?? bytes.count
        }
        while i < bytes.count {
            if bytes[i] != UInt8(ascii: "<") {
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "<") { i += 1 }
                return .text(HTMLEntities.decode(bytes[start..<i]))
            }
            if let token = markup() { return token }
        }
        return nil
    }

    /// Reads the markup at a `<`; nil when it was skipped (a comment or doctype) and there is more to read.
    private mutating func markup() -> HTMLToken? {
        let next = i + 1 < bytes.count ? bytes[i + 1] : 0
        if next == UInt8(ascii: "!") {
            if starts(with: "<!--") {
                i = index(after: "-->", from: i + 4) ?? bytes.count
            } else if starts(with: "<![CDATA[") {
                let start = i + 9
                let end = find("]]>", from: start) ?? bytes.count
                i = min(end + 3, bytes.count)
                return .text(String(decoding: bytes[start..<end], as: UTF8.self))
            } else {
                i = index(after: ">", from: i + 2) ?? bytes.count
            }
            return nil
        }
        if next == UInt8(ascii: "?") {
            i = index(after: ">", from: i + 2) ?? bytes.count
            return nil
        }
        if next == UInt8(ascii: "/") {
            guard i + 2 < bytes.count, isLetter(bytes[i + 2]) else {
                i = index(after: ">", from: i + 2) ?? bytes.count  // `</>` or `</ junk>`: ignored
                return nil
            }
            i += 2
            let name = tagName()
            i = index(after: ">", from: i) ?? bytes.count
            return .end(name: name)
        }
        guard isLetter(next) else {
            i += 1
            return .text("<")  // a stray `<`, as in `a < b`
        }
        i += 1
        let name = tagName()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: ">") { i += 1; break }
            if isSpace(byte) || byte == UInt8(ascii: "/") {
                selfClosing = byte == UInt8(ascii: "/")
                i += 1
                continue
            }
            selfClosing = false
            let (key, value) = attribute()
            if !key.isEmpty, attributes[key] == nil { attributes[key] = value }
        }
        if Self.rawText.contains(name), !selfClosing { skipRawTextOf = name }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private mutating func tagName() -> String {
        let start = i
        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") { i += 1 }
        return String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
    }

    /// Reads `name`, `name=value`, `name="value"` or `name='value'` at the current position.
    private mutating func attribute() -> (String, String) {
        let start = i
        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ">"),
              !(bytes[i] == UInt8(ascii: "/") && i > start) {
            i += 1
        }
        if i == start { i += 1 }  // a lone `=` or similar: consume it so the loop moves on
        let name = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { return (name, "") }
        i += 1
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count else { return (name, "") }
        let quote = bytes[i]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let valueStart = i + 1
            let end = find(quote, from: valueStart) ?? bytes.count
            i = min(end + 1, bytes.count)
            return (name, HTMLEntities.decode(bytes[valueStart..<end]))
        }
        let valueStart = i
        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
        return (name, HTMLEntities.decode(bytes[valueStart..<i]))
    }

    /// Where `</name` (any case, followed by a non-name byte) starts, from the current position.
    private func indexOfEndTag(_ name: String) -> Int? {
        let target = Array(("</" + name).utf8)
        var j = i
        while j + target.count <= bytes.count {
            if bytes[j] == UInt8(ascii: "<"), bytes[j + 1] == UInt8(ascii: "/") {
                var match = true
                for k in 2..<target.count where bytes[j + k] | 0x20 != target[k] { match = false; break }
                let after = j + target.count < bytes.count ? bytes[j + target.count] : UInt8(ascii: ">")
                if match, !isLetter(after), !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(after) { return j }
            }
            j += 1
        }
        return nil
    }

    private func starts(with prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        guard i + p.count <= bytes.count else { return false }
        for k in 0..<p.count where bytes[i + k] != p[k] { return false }
        return true
    }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        var j = start
        while j < bytes.count { if bytes[j] == byte { return j }; j += 1 }
        return nil
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        let n = Array(needle.utf8)
        var j = start
        outer: while j + n.count <= bytes.count {
            for k in 0..<n.count where bytes[j + k] != n[k] { j += 1; continue outer }
            return j
        }
        return nil
    }

    /// The index just past the next `needle` at or after `start`.
    private func index(after needle: String, from start: Int) -> Int? {
        find(needle, from: start).map { $0 + needle.utf8.count }
    }

    private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
}
