/// Gathers the text inside one element, up to a size cap.
///
/// HTML-bearing fields usually hold escaped HTML as a single text node. Some feeds write the markup
/// unescaped instead (Atom `type="xhtml"`, and broken RSS), which arrives as child elements; the
/// collector then switches to markup mode: text seen so far is escaped and child elements are written
/// back as tags, so either way the field ends up as HTML source.
struct XMLTextCollector {
    /// Longest field kept, in UTF-8 bytes; the rest is cut at a character boundary.
    static let limit = 1 << 20

    private(set) var text = ""
    private(set) var isMarkup: Bool
    private var isFull = false

    init(markup: Bool) {
        isMarkup = markup
    }

    /// Adds a text node's content.
    mutating func append(text pointer: UnsafePointer<UInt8>?) {
        guard let pointer, !isFull else { return }
        let piece = Windows1252.replacingC1(String(cString: pointer))
        add(isMarkup ? Self.escaped(piece) : piece)
    }

    /// Adds an entity reference the reader left unexpanded: an HTML entity becomes its character,
    /// anything else stays as written (`&name;`), never expanded.
    mutating func append(entity name: UnsafePointer<UInt8>?) {
        guard let name, !isFull else { return }
        if let scalar = XMLStreamReader.htmlEntity(name) {
            add(String(Character(scalar)))
        } else {
            let literal = "&" + String(cString: name) + ";"
            add(isMarkup ? Self.escaped(literal) : literal)
        }
    }

    /// Writes a child element's start tag (and its end tag too when it is empty), switching to markup.
    mutating func appendStartTag(_ name: String, attributes: [(String, String)], isEmpty: Bool) {
        switchToMarkup()
        guard !isFull else { return }
        var tag = "<" + name
        for (key, value) in attributes { tag += " " + key + "=\"" + Self.escaped(value, quotes: true) + "\"" }
        tag += ">"
        if isEmpty, !Self.voidElements.contains(name) { tag += "</" + name + ">" }
        add(tag)
    }

    /// Writes a child element's end tag.
    mutating func appendEndTag(_ name: String) {
        guard isMarkup, !isFull, !Self.voidElements.contains(name) else { return }
        add("</" + name + ">")
    }

    private mutating func switchToMarkup() {
        guard !isMarkup else { return }
        isMarkup = true
        text = Self.escaped(text)
    }

    private mutating func add(_ piece: String) {
        if text.isEmpty { text = piece } else { text += piece }
        if text.utf8.count > Self.limit {
            text = Self.prefix(text, bytes: Self.limit)
            isFull = true
        }
    }

    /// The longest prefix of `text` of at most `bytes` UTF-8 bytes that ends on a character boundary.
    static func prefix(_ text: String, bytes: Int) -> String {
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: bytes)
        while end > text.startIndex, text.utf8[end] & 0xC0 == 0x80 { end = text.utf8.index(before: end) }
        return String(text.utf8[..<end]) ?? ""
    }

    /// `text` with `&`, `<`, `>` (and with `quotes`, `"`) written as character references.
    static func escaped(_ text: String, quotes: Bool = false) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && $0 == 0x22) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// HTML elements that never have an end tag.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
}
