/// The elements the converter treats specially; every other element is `.other`.
enum HTMLTag: String, CaseIterable, Sendable {
    case a, address, article, aside, audio, base, blockquote, body, br, button, canvas, caption, center, cite
    case dd, details, div, dl, dt, embed, fieldset, figcaption, figure, footer, form, h1, h2, h3, h4, h5, h6
    case head, header, hgroup, hr, html, iframe, img, li, link, main, math, menu, meta, nav, noembed, noframes
    case noscript, object, ol, p, picture, pre, script, section, select, source, style, summary, svg, table
    case tbody, td, template, textarea, tfoot, th, thead, title, tr, ul, video, xmp
    case other = "#other"

    /// Whether the element is dropped together with everything inside it.
    var isDropped: Bool {
        switch self {
        case .script, .style, .iframe, .noscript, .form, .button, .svg, .template, .object, .select, .textarea,
             .canvas, .audio, .video, .head, .title, .nav, .math, .noembed, .noframes, .xmp:
            return true
        default:
            return false
        }
    }

    /// Whether the element ends the running paragraph where it starts and ends.
    var isBoundary: Bool {
        switch self {
        case .p, .div, .section, .article, .main, .header, .footer, .aside, .table, .thead, .tbody, .tfoot, .tr,
             .hr, .address, .center, .details, .summary, .caption, .fieldset, .hgroup, .body, .html:
            return true
        default:
            return false
        }
    }

    /// The heading level of `h1`…`h6`, else nil.
    var headingLevel: Int? {
        switch self {
        case .h1: 1
        case .h2: 2
        case .h3: 3
        case .h4: 4
        case .h5: 5
        case .h6: 6
        default: nil
        }
    }

    /// The tag named by a NUL-terminated element name as libxml2 reports it (already lowercased).
    init(name: UnsafePointer<UInt8>) {
        self = Self.byKey[Self.key(name) ?? 0] ?? .other
    }

    /// Known names packed six bits a character: exact for names of up to ten letters and digits, and it
    /// needs no String per element (the converter sees every element of every article).
    private static let byKey: [UInt64: HTMLTag] = {
        var table: [UInt64: HTMLTag] = [:]
        for tag in allCases where tag != .other {
            tag.rawValue.utf8CString.withUnsafeBufferPointer { chars in
                chars.withMemoryRebound(to: UInt8.self) { if let key = key($0.baseAddress!) { table[key] = tag } }
            }
        }
        return table
    }()

    private static func key(_ name: UnsafePointer<UInt8>) -> UInt64? {
        var key: UInt64 = 0
        var i = 0
        while name[i] != 0 {
            guard i < 10 else { return nil }
            let byte = name[i] | 0x20
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): key = key << 6 | UInt64(byte - UInt8(ascii: "a") + 1)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): key = key << 6 | UInt64(byte - UInt8(ascii: "0") + 27)
            default: return nil
            }
            i += 1
        }
        return i == 0 ? nil : key
    }
}

/// The attributes of one start tag as libxml2 hands them over: name/value C-string pairs (names lowercased,
/// references decoded, the first of duplicates kept). Only valid during the callback that received them.
struct HTMLAttributes {
    let pairs: UnsafeMutablePointer<UnsafePointer<UInt8>?>?

    /// The raw value of `name`; nil when absent, an empty string for a valueless attribute like `hidden`.
    func raw(_ name: StaticString) -> UnsafePointer<UInt8>? {
        guard let pairs else { return nil }
        var i = 0
        while let key = pairs[i] {
            if Self.equal(key, name) { return pairs[i + 1] ?? Self.empty.utf8Start }
            i += 2
        }
        return nil
    }

    /// The value of `name` as a string (not yet cleaned); nil when absent.
    func value(_ name: StaticString) -> String? {
        raw(name).map { String(cString: $0) }
    }

    /// Whether the attribute is present, with or without a value.
    func has(_ name: StaticString) -> Bool {
        raw(name) != nil
    }

    /// Whether the value of `name` contains one of `words`, ignoring ASCII case; no String is made.
    func value(_ name: StaticString, containsAnyOf words: [StaticString]) -> Bool {
        guard let value = raw(name), value[0] != 0 else { return false }
        return words.contains { Self.contains(value, $0) }
    }

    /// Whether the value of `name`, after leading whitespace, starts with `prefix` (lowercase), ignoring ASCII case.
    func value(_ name: StaticString, hasPrefix prefix: StaticString) -> Bool {
        guard var value = raw(name) else { return false }
        while value[0] == 0x20 || (0x09...0x0D).contains(value[0]) { value += 1 }
        return Self.startsWith(value, prefix)
    }

    private static let empty: StaticString = ""

    private static func equal(_ text: UnsafePointer<UInt8>, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        return startsWith(text, name) && text[count] == 0
    }

    /// Whether `text` starts with the lowercase ASCII `prefix`, ignoring case (the NUL ends a short text).
    private static func startsWith(_ text: UnsafePointer<UInt8>, _ prefix: StaticString) -> Bool {
        let p = prefix.utf8Start
        for i in 0..<prefix.utf8CodeUnitCount {
            let byte = text[i]
            guard byte != 0, byte == p[i] || (byte | 0x20 == p[i] && byte >= 0x41 && byte <= 0x5A) else { return false }
        }
        return true
    }

    private static func contains(_ text: UnsafePointer<UInt8>, _ word: StaticString) -> Bool {
        var start = text
        while start[0] != 0 {
            if startsWith(start, word) { return true }
            start += 1
        }
        return false
    }
}
