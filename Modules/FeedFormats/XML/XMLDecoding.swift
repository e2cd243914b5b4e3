import CLibXML2
import Foundation

/// Turns a feed document's bytes into UTF-8 before anything scans them, so the DOCTYPE blanking, the
/// markup limits and libxml2 all read the same characters. libxml2 is then always told the document is
/// UTF-8 and to ignore its declaration: it never picks an encoding of its own.
///
/// UTF-32 and UTF-16 are found by byte-order mark or by how `<` is written and decoded here; other
/// declared encodings are converted with iconv; UTF-7, EBCDIC and any other encoding that does not write
/// markup as ASCII are refused, naming the encoding.
enum XMLDecoding {
    /// What the bytes were decoded from, and the UTF-8 text.
    struct Decoded {
        var data: Data
        /// Whether the bytes were Unicode found by their first bytes (the declaration is then moot).
        var wasDetected: Bool
    }

    /// UTF-32 or UTF-16 by byte-order mark or the first character, as UTF-8; nil when the bytes are
    /// ASCII-compatible. Throws for EBCDIC and for UCS-4 in the unusual 2143/3412 byte orders.
    static func detected(_ data: Data) throws(FeedFormatError) -> Decoded? {
        guard data.count >= 4 else { return nil }
        let b = Array(data.prefix(4))
        switch (b[0], b[1], b[2], b[3]) {
        case (0x00, 0x00, 0xFE, 0xFF), (0x00, 0x00, 0x00, 0x3C): return Decoded(data: utf32(data, bigEndian: true), wasDetected: true)
        case (0xFF, 0xFE, 0x00, 0x00), (0x3C, 0x00, 0x00, 0x00): return Decoded(data: utf32(data, bigEndian: false), wasDetected: true)
        case (0x00, 0x00, 0x3C, 0x00), (0x00, 0x3C, 0x00, 0x00), (0x00, 0x00, 0xFF, 0xFE), (0xFE, 0xFF, 0x00, 0x00):
            throw .unsupportedEncoding("UCS-4")
        case (0x4C, 0x6F, 0xA7, 0x94): throw .unsupportedEncoding("EBCDIC")
        default: return UTF16Input.transcoded(data).map { Decoded(data: Data($0), wasDetected: true) }
        }
    }

    /// UTF-32 code units as UTF-8, without the byte-order mark; invalid units become U+FFFD.
    static func utf32(_ data: Data, bigEndian: Bool) -> Data {
        var text = String.UnicodeScalarView()
        data.withUnsafeBytes { raw in
            var i = 0
            while i + 3 < raw.count {
                let value = bigEndian
                    ? UInt32(raw[i]) << 24 | UInt32(raw[i + 1]) << 16 | UInt32(raw[i + 2]) << 8 | UInt32(raw[i + 3])
                    : UInt32(raw[i + 3]) << 24 | UInt32(raw[i + 2]) << 16 | UInt32(raw[i + 1]) << 8 | UInt32(raw[i])
                if !(i == 0 && value == 0xFEFF) { text.append(Unicode.Scalar(value) ?? "\u{FFFD}") }
                i += 4
            }
        }
        return Data(String(text).utf8)
    }

    /// How a declared encoding is read, by its label (lowercased).
    enum Reading: Equatable {
        /// As UTF-8: UTF-8 itself, and Unicode labels on bytes that are in fact ASCII-compatible.
        case utf8
        /// As windows-1252 unless the bytes are valid UTF-8 (the common mislabel).
        case windows1252
        /// Converted from this iconv encoding.
        case converted(String)
    }

    static func reading(_ label: String) -> Reading {
        if label == "utf-8" || label == "utf8" { return .utf8 }
        // A document in UTF-16 or UTF-32 was already decoded by its first bytes; this one only says so.
        for unicode in ["utf-16", "utf16", "ucs-2", "ucs2", "utf-32", "utf32", "ucs-4", "ucs4", "iso-10646-ucs", "unicode"]
        where label.hasPrefix(unicode) && !label.contains("utf-7") && !label.contains("utf7") {
            return .utf8
        }
        if XMLInput.windows1252Labels.contains(label) { return .windows1252 }
        if XMLInput.shiftJISLabels.contains(label) { return .converted("CP932") }
        if label == "x-euc-jp" || label == "eucjp" || label == "x-euc" { return .converted("EUC-JP") }
        return .converted(label)
    }

    /// Converts `data`, declared as `written`, to UTF-8. A label iconv does not know is read the way
    /// browsers read one (`utf8OrWindows1252`); an encoding that does not write markup as ASCII throws;
    /// a byte sequence that cannot be converted ends the text, and is reported as libxml2 reports one,
    /// so the items before it are kept.
    static func converted(_ data: Data, from encoding: String, written: String) throws(FeedFormatError) -> (Data, XMLReadError?) {
        let name = TextCleaning.line(written).prefix(40)
        guard CharacterTranscoding.isKnown(encoding) else { return (utf8OrWindows1252(data), nil) }
        guard CharacterTranscoding.isASCIICompatible(encoding) else { throw .unsupportedEncoding(String(name)) }
        let result = data.withUnsafeBytes { CharacterTranscoding.utf8($0, from: encoding) }
        guard let result else { throw .unsupportedEncoding(String(name)) }
        guard let at = result.failedAt else { return (Data(result.utf8), nil) }
        let shown = data.dropFirst(at).prefix(4).map { String(format: "0x%02X", $0) }.joined(separator: " ")
        let failure = XMLReadError(
            code: Int32(XML_I18N_CONV_FAILED.rawValue), line: 0, message: "input conversion failed due to input error, bytes \(shown)")
        return (Data(result.utf8), failure)
    }

    /// Bytes whose label says nothing trustworthy (Latin-1 and ASCII labels, which are mostly wrong, and
    /// labels no converter knows): UTF-8 when they are valid UTF-8, else windows-1252, as browsers decide.
    static func utf8OrWindows1252(_ data: Data) -> Data {
        UTF8Check.classify(data).isValid ? data : Data(Windows1252.utf8(data))
    }
}
