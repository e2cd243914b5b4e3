import Foundation

/// One non-empty line of a dump, cleaned, with how many blank lines preceded it.
struct DumpLine: Hashable {
    /// The line with controls removed, whitespace collapsed and ends trimmed.
    var text: String
    /// Blank lines between this line and the previous non-empty one (0 for adjacent lines).
    var blankLinesBefore: Int
}

/// Bytes to clean lines: decoding, binary detection and content sniffing.
enum DumpText {
    /// The bytes as text: a UTF-8 byte order mark is skipped, a UTF-16 one honoured, invalid UTF-8
    /// repaired to U+FFFD.
    static func decode(_ data: Data) -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: bytes.dropFirst(3), as: UTF8.self) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
                units.append(little ? a | b << 8 : a << 8 | b)
                i += 2
            }
            if i < bytes.count { units.append(0xFFFD) }  // a dangling odd byte
            return String(decoding: units, as: UTF16.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Why `text` is binary rather than text, or nil when it reads as text. Control characters
    /// (escape sequences aside, which cleaning removes) and repaired bytes are counted; `strict`
    /// applies the tighter limits used for sniffing.
    static func binaryReason(_ text: String, strict: Bool = false) -> String? {
        var total = 0, controls = 0, repaired = 0
        for scalar in text.unicodeScalars {
            total += 1
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x1B: break
            case 0x00...0x1F, 0x7F...0x9F: controls += 1
            case 0xFFFD: repaired += 1
            default: break
            }
        }
        guard total > 0 else { return nil }
        let controlLimit = strict ? 0.01 : 0.05, repairedLimit = strict ? 0.02 : 0.25
        if Double(controls) > Double(total) * controlLimit {
            return "binary data, not a text dump (\(controls * 100 / total)% control characters)"
        }
        if Double(repaired) > Double(total) * repairedLimit {
            return "binary data, not a text dump (\(repaired * 100 / total)% bytes that are not UTF-8)"
        }
        return nil
    }

    /// Whether `data` looks like a plain-text article dump: readable text that is not XML, HTML or
    /// JSON. Reads at most the first 64 KiB.
    static func looksLikeTextDump(_ data: Data) -> Bool {
        let text = decode(data.prefix(64 * 1024))
        guard binaryReason(text, strict: true) == nil else { return false }
        let trimmed = text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        guard let first = trimmed.first, trimmed.contains(where: \.isLetter) else { return false }
        switch first {
        case "<", "{": return false
        case "[":
            let next = trimmed.dropFirst().drop(while: \.isWhitespace).first
            return !(next == nil || "{[\"]-0123456789tfn".contains(next!))
        default: return true
        }
    }

    /// The document's non-empty lines: controls stripped (CR and CRLF become line breaks), each line
    /// cleaned to one line of text, hard-wrapped paragraphs joined back together.
    static func lines(_ text: String) -> [DumpLine] {
        var lines: [DumpLine] = []
        var blanks = 0
        for raw in TextCleaning.stripControls(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var clean = TextCleaning.line(String(raw))
            if lines.isEmpty, clean.hasPrefix("\u{FEFF}") { clean = TextCleaning.line(String(clean.dropFirst())) }
            if clean.isEmpty { blanks += 1; continue }
            if blanks == 0, let last = lines.last, continuesWrappedLine(last.text, clean) {
                lines[lines.count - 1].text += " " + clean
            } else {
                lines.append(DumpLine(text: clean, blankLinesBefore: lines.isEmpty ? 0 : blanks))
            }
            blanks = 0
        }
        return lines
    }

    /// Whether `next` continues `previous` as a hard-wrapped paragraph: a long line cut mid-sentence
    /// followed by one starting in lower case. Headings and list items are never wrapped into.
    private static func continuesWrappedLine(_ previous: String, _ next: String) -> Bool {
        guard previous.count >= 40, let start = next.first, start.isLowercase, start.isLetter,
              DumpShape.terminal(previous) == nil, DumpShape.bullet(previous) == nil,
              DumpShape.markdownImage(previous) == nil, !previous.contains("pic.twitter.com")
        else { return false }
        return true
    }
}
