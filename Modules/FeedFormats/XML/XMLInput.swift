import Foundation

/// A feed document made ready for libxml2: UTF-8 bytes, whatever encoding the document came in.
///
/// Decisions made here, before parsing: the document is decoded to UTF-8 first (see `XMLDecoding`), so
/// every later scan reads the characters libxml2 will read; a Latin-1/windows-1252/ASCII declaration, and
/// a label no converter knows, is read as windows-1252 (as browsers do), unless the bytes are in fact
/// valid UTF-8, the common mislabel; Shift_JIS labels are read as CP932, its superset that Japanese sites
/// actually write; whitespace before the XML declaration is dropped, and a declaration after a comment
/// blanked; and a DOCTYPE with an internal subset (where entities are declared) is blanked out, so no
/// entity is ever expanded.
struct XMLInput {
    var data: Data
    /// Encoding forced on libxml2 (the declaration is then ignored): always UTF-8.
    var encoding: String? = "UTF-8"
    /// Whether the bytes are meant to be UTF-8, so UTF-8 repairs apply: always, once decoded.
    var isUTF8 = true
    /// The encoding the document declared, for error messages.
    var declaredEncoding: String?
    /// The root element's name as written.
    var rootName: String?
    /// Lines dropped from the front, added back to libxml2's line numbers.
    var lineOffset = 0
    /// Whether `XMLRepair` already ran over the bytes.
    var isRepaired = false
    /// Where decoding from the declared encoding met bytes it could not convert; the text ends there.
    var conversionFailure: XMLReadError?

    /// Prepares `data`, or says why it cannot be read: empty, not XML, an encoding that cannot be read,
    /// or a root element whose local name is not one of `roots`.
    static func prepare(_ original: Data, roots: Set<String> = XMLPrologue.feedRoots) throws(FeedFormatError) -> XMLInput {
        let detected = try XMLDecoding.detected(original)
        var data = detected?.data ?? original
        // A UTF-8 byte-order mark says UTF-8, whatever the declaration says.
        let hasByteOrderMark = data.starts(with: [0xEF, 0xBB, 0xBF])
        if hasByteOrderMark { data = data.dropFirst(3) }
        var prologue = data.withUnsafeBytes { XMLPrologue($0) }
        if prologue.isEmpty { throw .empty }
        var conversionFailure: XMLReadError?
        if detected == nil, !hasByteOrderMark, let written = prologue.declaredEncoding {
            switch XMLDecoding.reading(TextCleaning.line(written).lowercased()) {
            case .utf8:
                break
            case .windows1252:
                data = XMLDecoding.utf8OrWindows1252(data)
            case let .converted(encoding):
                (data, conversionFailure) = try XMLDecoding.converted(data, from: encoding, written: written)
            }
            prologue = data.withUnsafeBytes { XMLPrologue($0) }
        }
        if prologue.isEmpty { throw .empty }
        if let stray = prologue.strayFirstByte {
            let shown = stray < 0x80 && stray >= 0x20 ? "\"\(Character(Unicode.Scalar(stray)))\"" : "byte \(stray)"
            throw .notAFeed("the document is not XML (it starts with \(shown), not \"<\")")
        }
        if let root = prologue.rootLocalName, !roots.contains(root) {
            throw .notAFeed("the root element is <\(TextCleaning.line(prologue.rootName ?? root).prefix(60))>")
        }
        var input = XMLInput(data: data, declaredEncoding: prologue.declaredEncoding, rootName: prologue.rootName)
        input.conversionFailure = conversionFailure
        let current = prologue
        if let misplaced = current.misplacedDeclaration {
            var bytes = [UInt8](input.data)
            for index in misplaced where bytes[index] != 0x0A { bytes[index] = 0x20 }
            input.data = Data(bytes)
        }
        // libxml2 refuses a declaration that is not at the very start; drop what precedes it.
        if current.hasDeclaration, current.markupStart > 0 {
            let start = input.data.startIndex + current.markupStart
            input.lineOffset = input.data[input.data.startIndex..<start].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            input.data = input.data[start...]
        }
        if current.hasInternalSubset {
            // Find the DOCTYPE again: dropping leading whitespace moved it.
            let doctype = input.data.withUnsafeBytes { XMLPrologue($0) }.doctype
            input.data = Data(XMLRepair.repaired(input.data, isUTF8: input.isUTF8, blanking: doctype) ?? Array(input.data))
            input.isRepaired = true
        }
        return input
    }

    /// A copy with `XMLRepair` applied, or nil when repair changes nothing (or already ran).
    func repaired() -> XMLInput? {
        guard !isRepaired, let bytes = XMLRepair.repaired(data, isUTF8: isUTF8, blanking: nil) else { return nil }
        var copy = self
        copy.data = Data(bytes)
        copy.isRepaired = true
        return copy
    }

    /// The number of the document's last line that is not blank.
    var lineCount: Int {
        data.withUnsafeBytes { b in
            var end = b.count
            while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(b[end - 1]) { end -= 1 }
            return b[..<end].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
    }

    /// The offset of the last `<` before 1-based `line` and `column` (libxml2 reports the column of the
    /// next unread character, so the search starts one before it); nil when the position is unknown.
    func offset(beforeTagAtLine line: Int, column: Int) -> Int? {
        guard line > 0 else { return nil }
        return data.withUnsafeBytes { b -> Int? in
            var position = 0, currentLine = 1
            while currentLine < line, position < b.count {
                if b[position] == 0x0A { currentLine += 1 }
                position += 1
            }
            guard currentLine == line else { return nil }
            var end = position
            while end < b.count, end - position < max(0, column - 1), b[end] != 0x0A { end += 1 }
            end -= 1
            while end > 0, end >= b.count || b[end] != 0x3C { end -= 1 }
            return end > 0 ? end : nil
        }
    }

    /// Whether the document ends with the root's end tag (after trailing whitespace and comments);
    /// when it does not, an error near the end means the document was cut off.
    var endsWithRootEndTag: Bool {
        guard let rootName else { return false }
        return data.withUnsafeBytes { b -> Bool in
            var end = b.count
            func trimSpace() { while end > 0, [0x20, 0x09, 0x0A, 0x0D, 0x00].contains(b[end - 1]) { end -= 1 } }
            trimSpace()
            // Generators often append `<!-- served in 0.2 s -->` after the root.
            while end >= 7, b[end - 1] == 0x3E, b[end - 2] == 0x2D, b[end - 3] == 0x2D {
                var start = end - 4
                while start >= 3, !(b[start] == 0x2D && b[start - 1] == 0x2D && b[start - 2] == 0x21 && b[start - 3] == 0x3C) { start -= 1 }
                guard start >= 3 else { return false }
                end = start - 3
                trimSpace()
            }
            guard end > 0, b[end - 1] == 0x3E else { return false }
            var close = end - 2
            while close > 0, b[close] != 0x3C { close -= 1 }
            guard close + 1 < end, b[close + 1] == 0x2F else { return false }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: b[(close + 2)..<(end - 1)]), as: UTF8.self)
            return name.trimmingCharacters(in: .whitespaces) == rootName
        }
    }

    static let windows1252Labels: Set<String> = [
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
        "windows-1252", "cp1252", "x-cp1252", "us-ascii", "ascii", "ansi_x3.4-1968",
    ]
    static let shiftJISLabels: Set<String> = [
        "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "ms932",
    ]
}

/// UTF-16 documents (by byte-order mark, or by `<?` written in UTF-16) transcoded to UTF-8.
enum UTF16Input {
    /// The document as UTF-8 without the byte-order mark, or nil when it is not UTF-16.
    static func transcoded(_ data: Data) -> [UInt8]? {
        guard data.count >= 4 else { return nil }
        let b = Array(data.prefix(4))
        let bigEndian: Bool
        switch (b[0], b[1], b[2], b[3]) {
        case (0xFF, 0xFE, 0x00, 0x00): return nil  // UTF-32LE
        case (0xFE, 0xFF, _, _): bigEndian = true
        case (0xFF, 0xFE, _, _): bigEndian = false
        // No byte-order mark: markup (`<`, or whitespace before it) followed by one more ASCII character,
        // each written as one zero byte and one ASCII byte (XML 1.0 Appendix F, extended past `<?`).
        case (0x00, let first, 0x00, let second) where startsMarkup(first, second): bigEndian = true
        case (let first, 0x00, let second, 0x00) where startsMarkup(first, second): bigEndian = false
        default: return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        data.withUnsafeBytes { raw in
            var i = 0
            while i + 1 < raw.count {
                units.append(bigEndian ? UInt16(raw[i]) << 8 | UInt16(raw[i + 1]) : UInt16(raw[i + 1]) << 8 | UInt16(raw[i]))
                i += 2
            }
        }
        if units.first == 0xFEFF { units.removeFirst() }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Whether two ASCII characters can open an XML document: `<` and a name start, `?` or `!`, or
    /// whitespace before the first `<`.
    private static func startsMarkup(_ first: UInt8, _ second: UInt8) -> Bool {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if first == 0x3C { return second == 0x3F || second == 0x21 || (second >= 0x41 && second < 0x80 && second != 0x5B) }
        return isSpace(first) && (isSpace(second) || second == 0x3C)
    }
}
