import CLibXML2

/// Which encoding the bytes of a whole HTML page are in.
enum HTMLCharset: Equatable {
    /// UTF-8 (declared, implied by a byte-order mark, or the best guess for an undeclared page).
    case utf8
    /// Windows-1252, which the web also means by `iso-8859-1` and `us-ascii`; decoded here, because
    /// iconv rejects its five unassigned bytes and libxml2 would stop reading at one.
    case windows1252
    /// Another encoding libxml2 can convert, by the name the page declared.
    case named(String)

    /// A UTF-8 byte-order mark, else what the page declares (libxml2 reads its `<head>` up to the first body
    /// element to find `<meta charset>` or `http-equiv` Content-Type), with the HTML standard's readings:
    /// `iso-8859-1` and `us-ascii` mean Windows-1252 and a declared UTF-16 means UTF-8. Undeclared or
    /// unknown: UTF-8 unless invalid sequences outnumber valid multi-byte ones, then Windows-1252.
    static func decide(_ bytes: UnsafeRawBufferPointer) -> HTMLCharset {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        // Pages in UTF-16/32 are decoded before this (`HTMLBlocks`), so libxml2 can only guess UTF-8 from
        // the first bytes here; it stops at the `<meta>` that declares an encoding, before reading in it.
        let probe = HTMLHeadReader()
        let declared = HTMLSAXParser.parse(bytes, encoding: nil, ignoreDeclaredEncoding: false, into: probe, stopAtDeclaredEncoding: true)
        guard let label = declared.map({ TextCleaning.line($0).lowercased() }), !label.isEmpty else { return undeclared(bytes) }
        if ["utf-8", "utf8", "unicode-1-1-utf-8"].contains(label) || label.hasPrefix("utf-16") || label.hasPrefix("ucs-2") {
            return .utf8
        }
        if ["iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "cp819", "ibm819", "us-ascii", "ascii", "windows-1252", "cp1252"]
            .contains(label) {
            return .windows1252
        }
        guard let handler = xmlFindCharEncodingHandler(label) else { return undeclared(bytes) }
        xmlCharEncCloseFunc(handler)
        return .named(label)
    }

    private static func undeclared(_ bytes: UnsafeRawBufferPointer) -> HTMLCharset {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var multiByte = 0
        var invalid = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded): if encoded.count > 1 { multiByte += 1 }
            case .error: invalid += 1
            case .emptyInput: return invalid == 0 || multiByte > invalid ? .utf8 : .windows1252
            }
        }
    }

    /// Windows-1252 bytes as text: 0x80–0x9F through the table, the five unassigned ones as the C1
    /// controls the HTML standard maps them to (cleaned away later), the rest as Latin-1.
    static func decodeWindows1252(_ bytes: UnsafeRawBufferPointer) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
                continue
            }
            let scalar = Unicode.Scalar(windows1252Characters[UInt32(byte)] ?? UInt32(byte)) ?? "\u{FFFD}"
            utf8.append(contentsOf: UTF8.encode(scalar)!)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// What numeric references 0x80–0x9F mean in practice (Windows-1252), as the HTML standard says.
    static let windows1252Characters: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]
}
