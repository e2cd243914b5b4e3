import NewsModels

/// Making untrusted text (article content, source names, URLs) safe and measurable on a terminal.
public enum TerminalText {
    /// A headline made safe to print, or "(untitled)" for an article that has none (a readout
    /// without a title line), so a listing never shows an empty row.
    public static func headline(_ title: String) -> String {
        let clean = sanitize(title).trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? "(untitled)" : clean
    }

    /// Removes every control character, escape sequence and invisible character so text can never
    /// move the cursor, set the window title, hide output or make links (`TerminalSafeText.line`,
    /// the one sanitiser every printed line goes through). Tabs and newlines become spaces; the
    /// caller decides where lines break.
    public static func sanitize(_ text: String) -> String { TerminalSafeText.line(text) }

    /// Columns a character occupies: 2 for East Asian wide and emoji, 0 for combining marks, else 1.
    public static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F || $0.properties.isEmojiPresentation }) {
            return 2
        }
        return width(of: first)
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Columns a string occupies.
    public static func width(of text: String) -> Int { text.reduce(0) { $0 + width(of: $1) } }

    /// `text` cut to at most `columns` columns, ending with `…` when cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard width(of: text) > columns else { return text }
        guard columns > 1 else { return columns == 1 ? "…" : "" }
        var out = "", used = 0
        for ch in text {
            let w = width(of: ch)
            if used + w > columns - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    /// `text` padded with spaces on the right to `columns` columns (never cut).
    public static func pad(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - width(of: text)))
    }

    /// Word-wraps sanitized text to `columns` columns. Lines break at spaces; a word wider than a line,
    /// or text without spaces such as Japanese, breaks between characters, except a web address,
    /// which gets a line of its own and is never broken.
    public static func wrap(_ text: String, width columns: Int, indent: String = "", firstIndent: String? = nil) -> [String] {
        let columns = max(columns, 8)
        var lines: [String] = []
        var line = firstIndent ?? indent
        var lineWidth = width(of: line)
        var lineHasWord = false
        func flush() {
            lines.append(line)
            line = indent
            lineWidth = width(of: indent)
            lineHasWord = false
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = width(of: String(word))
            if lineHasWord && lineWidth + 1 + w <= columns {
                line += " " + word
                lineWidth += 1 + w
                continue
            }
            if lineHasWord { flush() }
            // A web address stays whole even when wider than the line: the terminal's soft wrap
            // keeps it clickable and copyable, a hard break would not.
            if lineWidth + w <= columns || word.contains("://") {
                line += word
                lineWidth += w
                lineHasWord = true
                continue
            }
            for ch in word {
                let cw = width(of: ch)
                if lineWidth + cw > columns && lineHasWord { flush() }
                line.append(ch)
                lineWidth += cw
                lineHasWord = true
            }
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }
}
