import NewsModels

/// Turning untrusted feed text into the clean strings articles store.
enum TextCleaning {
    /// Removes what must never reach a reader: C0 controls except tab and newline, DEL, C1 controls,
    /// whole ESC/CSI/OSC/DCS sequences, bidi embeddings/overrides/isolates and interlinear annotation
    /// marks. CR and CRLF become a newline.
    static func stripControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsCleaning) else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        while let scalar = pending ?? scalars.next() {
            pending = nil
            switch scalar.value {
            case 0x1B:  // ESC: drop the whole sequence it introduces.
                guard let next = scalars.next() else { break }
                switch next.value {
                case 0x5B: pending = skipCSI(&scalars)                          // ESC [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: pending = skipString(&scalars)  // ESC ] P X ^ _
                case 0x20...0x7E: break                                          // two-character sequence
                default: pending = next                                          // not a sequence: keep what follows
                }
            case 0x9B: pending = skipCSI(&scalars)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F: pending = skipString(&scalars)
            case 0x0D:
                out.append("\n")
                if let next = scalars.next(), next.value != 0x0A { pending = next }
            case 0x09, 0x0A: out.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F: break
            case 0x202A...0x202E, 0x2066...0x2069: break  // bidi embeddings, overrides and isolates
            case 0xFFF9...0xFFFB: break                   // interlinear annotation controls
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsCleaning(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0xFFF9...0xFFFB: return true
        default: return false
        }
    }

    /// Skips CSI parameters up to the final byte; returns a control that ended it early, to be handled.
    private static func skipCSI(_ scalars: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        while let s = scalars.next() {
            if (0x40...0x7E).contains(s.value) { return nil }
            if s.value < 0x20 || s.value > 0x7E { return s }
        }
        return nil
    }

    /// Skips an OSC/DCS/APC/PM/SOS string, which ends at BEL, ST (ESC \) or the C1 ST.
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        while let s = scalars.next() {
            if s.value == 0x07 || s.value == 0x9C { return nil }
            if s.value == 0x1B {
                guard let next = scalars.next() else { return nil }
                return next.value == 0x5C ? nil : next
            }
        }
        return nil
    }

    /// One line of text (titles, names, tags, URLs): controls stripped, every run of whitespace (newlines
    /// included) made one space, ends trimmed.
    static func line(_ text: String) -> String {
        collapse(stripControls(text), keepNewlines: false)
    }

    /// `line(text)`, or nil when that is empty.
    static func nonEmptyLine(_ text: String?) -> String? {
        guard let text else { return nil }
        let clean = line(text)
        return clean.isEmpty ? nil : clean
    }

    /// A multi-line text block: controls stripped, spaces and tabs inside each line collapsed, lines
    /// trimmed, empty lines dropped, the rest joined by single newlines.
    static func lines(_ text: String) -> String {
        collapse(stripControls(text), keepNewlines: true)
    }

    /// Collapses each run of Unicode whitespace to one space (or, with `keepNewlines`, to one newline when
    /// the run held one) and trims the ends. One pass over scalars, no grapheme breaking.
    private static func collapse(_ text: String, keepNewlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var pendingNewline = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.isASCII ? (scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
            if isSpace {
                if keepNewlines, scalar.value == 0x0A { pendingNewline = true } else { pendingSpace = true }
                continue
            }
            if !out.isEmpty {
                if pendingNewline { out.append("\n") } else if pendingSpace { out.append(" ") }
            }
            pendingSpace = false
            pendingNewline = false
            out.append(scalar)
        }
        return String(out)
    }

    /// Plain text (JSON Feed `content_text`) as paragraphs: blank lines separate paragraphs, single
    /// newlines inside one become spaces.
    static func paragraphs(fromPlainText text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        func finish() {
            if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
            current = []
        }
        for rawLine in stripControls(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let words = rawLine.split(whereSeparator: \.isWhitespace)
            if words.isEmpty { finish() } else { current.append(contentsOf: words) }
        }
        finish()
        return paragraphs
    }

    /// `text` without leading and trailing whitespace (Unicode-aware, without Foundation's bridging).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Reading time for a word count (`Article.readingMinutes(words:)`).
    static func readingMinutes(words: Int) -> Int { Article.readingMinutes(words: words) }
}
