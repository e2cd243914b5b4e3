import CLibXML2
import Foundation

/// Byte-level repairs for the ways real feeds break XML, applied when libxml2 refuses a document
/// (and up front when a DOCTYPE must be blanked). Line breaks are kept, so error lines still match.
///
/// - bytes that are not UTF-8 in a UTF-8 document: read as windows-1252 when the document has no valid
///   multi-byte sequence at all (a mislabelled Latin-1 feed), else replaced by U+FFFD;
/// - control characters XML forbids (all C0 but tab, LF, CR; U+FFFE, U+FFFF) are removed;
/// - `&` that does not start a valid reference becomes `&amp;`; HTML entities (`&nbsp;`, `&eacute;`)
///   become numeric references; references to forbidden characters (`&#0;`) are removed;
/// - `<` that cannot start markup (`a < b`) becomes `&lt;`.
/// Comments, CDATA sections and processing instructions are copied untouched.
enum XMLRepair {
    /// The repaired bytes, or nil when nothing needed repair. `blanking` is a byte range (relative to
    /// the start of `data`) to overwrite with spaces, keeping its line breaks.
    static func repaired(_ data: Data, isUTF8: Bool, blanking: Range<Int>?) -> [UInt8]? {
        var bytes = Array(data)
        var changed = false
        if let blanking {
            for i in blanking where i < bytes.count && bytes[i] != 0x0A && bytes[i] != 0x0D { bytes[i] = 0x20 }
            changed = true
        }
        if isUTF8 {
            let check = UTF8Check.classify(data)
            if !check.isValid {
                bytes = check.hasMultibyte ? Array(String(decoding: bytes, as: UTF8.self).utf8) : Windows1252.utf8(bytes)
                changed = true
            }
        }
        let markup = repairedMarkup(bytes, isUTF8: isUTF8)
        if markup != bytes { return markup }
        return changed ? bytes : nil
    }

    /// Control characters, stray `&` and `<`, outside comments, CDATA and processing instructions.
    private static func repairedMarkup(_ b: [UInt8], isUTF8: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 64)
        let n = b.count
        var i = 0
        func starts(_ literal: StaticString, at: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard at + count <= n else { return false }
            for k in 0..<count where b[at + k] != literal.utf8Start[k] { return false }
            return true
        }
        func copy(past terminator: StaticString) {
            let start = i
            while i < n, !starts(terminator, at: i) { i += 1 }
            i = min(n, i + terminator.utf8CodeUnitCount)
            out.append(contentsOf: b[start..<i])
        }
        while i < n {
            let c = b[i]
            switch c {
            case 0x3C:
                if starts("<!--", at: i) { copy(past: "-->"); continue }
                if starts("<![CDATA[", at: i) { copy(past: "]]>"); continue }
                if starts("<?", at: i) { copy(past: "?>"); continue }
                let next = i + 1 < n ? b[i + 1] : 0
                let startsMarkup = (0x41...0x5A).contains(next) || (0x61...0x7A).contains(next) || next >= 0x80
                    || next == 0x5F || next == 0x3A || next == 0x2F || next == 0x21
                out.append(contentsOf: startsMarkup ? [0x3C] : Array("&lt;".utf8))
                i += 1
            case 0x26:
                i = appendReference(b, at: i, into: &out)
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F:
                i = c == 0x1B ? skipCSI(b, from: i + 1) : i + 1
            case 0xEF where isUTF8 && i + 2 < n && b[i + 1] == 0xBF && (b[i + 2] == 0xBE || b[i + 2] == 0xBF):
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFE, U+FFFF are not XML characters
                i += 3
            default:
                out.append(c)
                i += 1
            }
        }
        return out
    }

    /// Copies the reference starting with the `&` at `start`, repaired; returns where to continue.
    private static func appendReference(_ b: [UInt8], at start: Int, into out: inout [UInt8]) -> Int {
        let n = b.count
        var j = start + 1
        if j < n, b[j] == 0x23 {  // &#…;
            j += 1
            let hex = j < n && (b[j] == 0x78 || b[j] == 0x58)
            if hex { j += 1 }
            var value: UInt32 = 0, digits = 0
            while j < n, let d = digit(b[j], hex: hex), digits < 8 {
                value = value * (hex ? 16 : 10) + d
                digits += 1
                j += 1
            }
            if digits > 0, j < n, b[j] == 0x3B {
                if isXMLChar(value) {
                    out.append(contentsOf: b[start...j])
                    return j + 1
                }
                return value == 0x1B || value == 0x9B ? skipCSI(b, from: j + 1) : j + 1
            }
        } else {
            while j < n, j - start <= 32, (0x41...0x5A).contains(b[j]) || (0x61...0x7A).contains(b[j]) || (0x30...0x39).contains(b[j]) {
                j += 1
            }
            if j > start + 1, j < n, b[j] == 0x3B {
                let name = Array(b[(start + 1)..<j])
                if ["amp", "lt", "gt", "quot", "apos"].contains(String(decoding: name, as: UTF8.self)) {
                    out.append(contentsOf: b[start...j])
                    return j + 1
                }
                let scalar: Unicode.Scalar? = (name + [0]).withUnsafeBufferPointer { XMLStreamReader.htmlEntity($0.baseAddress!) }
                if let scalar {
                    out.append(contentsOf: Array("&#\(scalar.value);".utf8))
                    return j + 1
                }
            }
        }
        out.append(contentsOf: Array("&amp;".utf8))
        return start + 1
    }

    /// Where an escape sequence's `[params final` tail ends, when one starts at `from` (the ESC itself is
    /// already dropped, and the leftover `[31m` would otherwise reach the reader as text).
    private static func skipCSI(_ b: [UInt8], from: Int) -> Int {
        guard from < b.count, b[from] == 0x5B else { return from }
        var j = from + 1
        while j < b.count, j - from < 32, (0x20...0x3F).contains(b[j]) { j += 1 }
        return j < b.count && (0x40...0x7E).contains(b[j]) ? j + 1 : from
    }

    private static func digit(_ c: UInt8, hex: Bool) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x61...0x66 where hex: return UInt32(c - 0x61 + 10)
        case 0x41...0x46 where hex: return UInt32(c - 0x41 + 10)
        default: return nil
        }
    }

    /// XML 1.0's `Char` production.
    private static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
    }
}

/// A quick look at whether bytes are UTF-8.
enum UTF8Check {
    /// Whether every sequence is valid UTF-8, and whether there is at least one valid multi-byte sequence.
    static func classify(_ data: Data) -> (isValid: Bool, hasMultibyte: Bool) {
        data.withUnsafeBytes { b in
            var isValid = true, hasMultibyte = false
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                let length: Int, low: UInt8, high: UInt8  // allowed range of the second byte
                switch c {
                case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
                case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
                case 0xED: (length, low, high) = (3, 0x80, 0x9F)
                case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
                case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
                case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
                case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
                default: isValid = false; i += 1; continue
                }
                var ok = i + length <= n && (low...high).contains(b[i + 1])
                if ok { for k in 2..<max(2, length) where b[i + k] & 0xC0 != 0x80 { ok = false } }
                if ok {
                    hasMultibyte = true
                    i += length
                } else {
                    isValid = false
                    i += 1
                }
                if !isValid, hasMultibyte { break }
            }
            return (isValid, hasMultibyte)
        }
    }
}

/// windows-1252 (the WHATWG reading of Latin-1 labels) to UTF-8.
enum Windows1252 {
    /// Code points of bytes 0x80–0x9F; bytes the code page leaves undefined map to the C1 control.
    static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// `text` with each C1 control (U+0080–U+009F) the code page defines replaced by its windows-1252
    /// character (U+0092 → ’), as browsers read them: such characters come from windows-1252 text
    /// labelled Latin-1 or UTF-8, or from `&#146;`. The five the code page leaves undefined stay controls
    /// (and are removed by `TextCleaning` later).
    static func replacingC1(_ text: String) -> String {
        var previous: UInt8 = 0
        let hasC1 = text.utf8.contains { byte in
            defer { previous = byte }
            return previous == 0xC2 && byte >= 0x80 && byte <= 0x9F
        }
        guard hasC1 else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard (0x80...0x9F).contains(scalar.value), let mapped = Unicode.Scalar(high[Int(scalar.value - 0x80)]) else {
                out.append(scalar)
                continue
            }
            out.append(mapped)
        }
        return String(out)
    }

    static func utf8<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount + bytes.underestimatedCount / 8)
        for byte in bytes {
            if byte < 0x80 { out.append(byte); continue }
            let value = (0x80...0x9F).contains(byte) ? high[Int(byte - 0x80)] : UInt32(byte)
            if value < 0x800 {
                out.append(UInt8(0xC0 | value >> 6))
                out.append(UInt8(0x80 | value & 0x3F))
            } else {
                out.append(UInt8(0xE0 | value >> 12))
                out.append(UInt8(0x80 | value >> 6 & 0x3F))
                out.append(UInt8(0x80 | value & 0x3F))
            }
        }
        return out
    }
}
