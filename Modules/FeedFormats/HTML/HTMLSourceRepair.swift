import Foundation

/// Byte-level fixes made before libxml2 reads a document, for the few things its HTML 4 parser (2.9–2.13)
/// reads worse than a browser does:
/// - a NUL byte inside a tag ends the whole parse, so NUL bytes (which carry no text) are removed;
/// - numeric references to nothing (`&#0;`, surrogates, beyond U+10FFFF) vanish instead of becoming U+FFFD,
///   and `&#128;`–`&#159;` become C1 controls instead of the Windows-1252 characters every writer means;
/// - `&#` without digits swallows the `&#`, and `&amp`, `&lt`, `&gt`, `&quot`, `&nbsp` without `;` stay as written;
/// - `<![CDATA[`…`]]>` (left where a feed escaped HTML that was already wrapped) is read as text and a
///   bogus tag; the markers are dropped so the HTML inside is read as HTML.
/// Rewritten references stay ASCII references (`&#8217;`), so this is right in any ASCII-compatible encoding.
enum HTMLSourceRepair {
    /// The repaired document, or nil when nothing needed repair (the usual case: three fast scans, no copy).
    static func repaired(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        var edits: [Edit] = []
        scan(base, bytes.count, for: 0) { edits.append(Edit(start: $0, end: $0 + 1, replacement: "")); return $0 + 1 }
        scan(base, bytes.count, for: UInt8(ascii: "&")) { at in
            guard let edit = referenceEdit(bytes, at: at) else { return at + 1 }
            edits.append(edit)
            return edit.end
        }
        cdataEdits(bytes, into: &edits)
        guard !edits.isEmpty else { return nil }

        edits.sort { $0.start < $1.start }  // the three kinds never overlap: none contains another's bytes
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + edits.count * 4)
        var position = 0
        for edit in edits {
            out.append(contentsOf: bytes[position..<edit.start])
            out.append(contentsOf: edit.replacement.utf8)
            position = edit.end
        }
        out.append(contentsOf: bytes[position...])
        return out
    }

    private struct Edit {
        var start: Int
        var end: Int
        var replacement: String
    }

    /// Calls `found` with each offset of `byte` (memchr); `found` returns where to continue.
    private static func scan(_ base: UnsafeRawPointer, _ count: Int, for byte: UInt8, _ found: (Int) -> Int) {
        var position = 0
        while position < count, let hit = memchr(base + position, Int32(byte), count - position) {
            position = found(UnsafeRawPointer(hit) - base)
        }
    }

    private static func cdataEdits(_ bytes: UnsafeRawBufferPointer, into edits: inout [Edit]) {
        guard let base = bytes.baseAddress else { return }
        let open: StaticString = "<![CDATA["
        let close: StaticString = "]]>"
        var closing = false
        var position = 0
        while position < bytes.count {
            let marker = closing ? close : open
            guard let hit = memchr(base + position, Int32(marker.utf8Start[0]), bytes.count - position) else { return }
            let at = UnsafeRawPointer(hit) - base
            position = at + 1
            guard matches(bytes, at: at, marker) else { continue }
            position = at + marker.utf8CodeUnitCount
            edits.append(Edit(start: at, end: position, replacement: ""))
            closing.toggle()
        }
    }

    private static func matches(_ bytes: UnsafeRawBufferPointer, at: Int, _ marker: StaticString) -> Bool {
        let count = marker.utf8CodeUnitCount
        return at + count <= bytes.count && (0..<count).allSatisfy { bytes[at + $0] == marker.utf8Start[$0] }
    }

    /// The rewrite of the reference at `at` (an `&`), or nil when libxml2 reads it right as it is.
    private static func referenceEdit(_ bytes: UnsafeRawBufferPointer, at: Int) -> Edit? {
        guard at + 1 < bytes.count else { return nil }
        guard bytes[at + 1] == UInt8(ascii: "#") else { return legacyNameEdit(bytes, at: at) }
        var i = at + 2
        let hex = i < bytes.count && bytes[i] | 0x20 == UInt8(ascii: "x")
        if hex { i += 1 }
        let digitsStart = i
        var value: UInt32 = 0
        while i < bytes.count, let digit = digitValue(bytes[i], hex: hex) {
            value = min(value * (hex ? 16 : 10) + digit, 0x11_0000)
            i += 1
        }
        guard i > digitsStart else { return Edit(start: at, end: at + 1, replacement: "&amp;") }
        let end = i < bytes.count && bytes[i] == UInt8(ascii: ";") ? i + 1 : i
        let meant: UInt32
        switch value {
        case 0, 0xD800...0xDFFF, 0x11_0000...: meant = 0xFFFD
        case 0x80...0x9F:
            guard let mapped = HTMLCharset.windows1252Characters[value] else { return nil }
            meant = mapped
        default: return nil
        }
        return Edit(start: at, end: end, replacement: "&#\(meant);")
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Names browsers also read without their `;` (the common legacy subset), when what follows cannot
    /// continue a name or an `a=b` query parameter.
    private static let legacyNames: [StaticString] = ["amp", "lt", "gt", "quot", "nbsp"]

    private static func legacyNameEdit(_ bytes: UnsafeRawBufferPointer, at: Int) -> Edit? {
        for name in legacyNames {
            let count = name.utf8CodeUnitCount
            let end = at + 1 + count
            guard end <= bytes.count, (0..<count).allSatisfy({ bytes[at + 1 + $0] == name.utf8Start[$0] }) else { continue }
            if end < bytes.count {
                let next = bytes[end]
                let isNameByte = (next | 0x20 >= UInt8(ascii: "a") && next | 0x20 <= UInt8(ascii: "z"))
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next)
                if isNameByte || next == UInt8(ascii: ";") || next == UInt8(ascii: "=") { return nil }
            }
            return Edit(start: at, end: end, replacement: "&\(name);")
        }
        return nil
    }
}
