/// Character references in HTML text and attribute values.
enum HTMLEntities {
    /// The named references feeds actually use; anything else is left as written.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "minus": "\u{2212}",
        "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}",
        "sbquo": "\u{201A}", "bdquo": "\u{201E}", "laquo": "\u{00AB}", "raquo": "\u{00BB}",
        "lsaquo": "\u{2039}", "rsaquo": "\u{203A}", "prime": "\u{2032}", "Prime": "\u{2033}",
        "bull": "\u{2022}", "middot": "\u{00B7}", "deg": "\u{00B0}", "times": "\u{00D7}", "divide": "\u{00F7}",
        "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}", "sect": "\u{00A7}", "para": "\u{00B6}",
        "euro": "\u{20AC}", "pound": "\u{00A3}", "yen": "\u{00A5}", "cent": "\u{00A2}",
        "frac12": "\u{00BD}", "frac14": "\u{00BC}", "frac34": "\u{00BE}", "plusmn": "\u{00B1}",
        "shy": "", "zwj": "\u{200D}", "zwnj": "\u{200C}", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "eacute": "\u{00E9}", "egrave": "\u{00E8}", "aacute": "\u{00E1}", "agrave": "\u{00E0}",
        "iacute": "\u{00ED}", "oacute": "\u{00F3}", "uacute": "\u{00FA}", "ntilde": "\u{00F1}",
        "ccedil": "\u{00E7}", "auml": "\u{00E4}", "ouml": "\u{00F6}", "uuml": "\u{00FC}", "szlig": "\u{00DF}",
    ]

    /// Names browsers also accept without the closing `;` (the common legacy subset).
    static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp"]

    /// What numeric references 0x80–0x9F mean in practice (Windows-1252), as the HTML standard says.
    static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// `text` with `&name;`, `&#123;` and `&#x1F600;` references replaced; unknown names stay as written,
    /// and references to nothing (0, surrogates, beyond U+10FFFF) become U+FFFD.
    static func decode<Bytes: RandomAccessCollection>(_ text: Bytes) -> String where Bytes.Element == UInt8, Bytes.Index == Int {
        guard text.contains(UInt8(ascii: "&")) else { return String(decoding: text, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = text.startIndex
        while i < text.endIndex {
            let byte = text[i]
            guard byte == UInt8(ascii: "&"), let (replacement, next) = reference(in: text, at: i) else {
                out.append(byte)
                i += 1
                continue
            }
            out.append(contentsOf: replacement.utf8)
            i = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The replacement for the reference starting at `start` (an `&`) and the index after it.
    private static func reference<Bytes: RandomAccessCollection>(in text: Bytes, at start: Int) -> (String, Int)?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var i = start + 1
        guard i < text.endIndex else { return nil }
        if text[i] == UInt8(ascii: "#") {
            i += 1
            var hex = false
            if i < text.endIndex, text[i] | 0x20 == UInt8(ascii: "x") { hex = true; i += 1 }
            var value: UInt32 = 0
            var digits = 0
            while i < text.endIndex, let digit = digitValue(text[i], hex: hex) {
                if value <= 0x10FFFF { value = value * (hex ? 16 : 10) + digit }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if i < text.endIndex, text[i] == UInt8(ascii: ";") { i += 1 }
            let mapped = windows1252[value] ?? value
            let scalar = mapped == 0 ? nil : Unicode.Scalar(mapped)
            return (String(scalar ?? "\u{FFFD}"), i)
        }
        var name: [UInt8] = []
        while i < text.endIndex, name.count < 10, isAlphanumeric(text[i]) {
            name.append(text[i])
            i += 1
        }
        guard !name.isEmpty else { return nil }
        let key = String(decoding: name, as: UTF8.self)
        guard let value = named[key] else { return nil }
        if i < text.endIndex, text[i] == UInt8(ascii: ";") { return (value, i + 1) }
        return legacy.contains(key) ? (value, i) : nil
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
