import Foundation

/// The one sanitiser for text that reaches a terminal, shared by `paperboy` and `paperboy-server`:
/// whatever an article, a feed, a server or a file supplied, what is printed can never move the
/// cursor, set the window title, make links, hide or reorder text, or smuggle invisible characters.
///
/// Removed: C0 and C1 controls and DEL, whole ESC/CSI/OSC/DCS/APC/PM/SOS sequences (7-bit and
/// C1 forms), bidirectional controls, zero-width and other invisible format characters, the soft
/// hyphen, Unicode tag characters, interlinear annotation controls and the store's private
/// snippet markers. Tabs, newlines and the Unicode line separators become spaces.
public enum TerminalSafeText {
    /// `text` as one line that is safe on a terminal.
    public static func line(_ text: String) -> String { clean(text, styled: false) }

    /// `text` safe on a terminal, its newlines kept: each line is cleaned on its own.
    public static func lines(_ text: String) -> String {
        guard text.contains("\n") else { return line(text) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
    }

    /// Like `lines`, but colour codes (`ESC [ … m` with the SGR parameters a `Style` writes: reset,
    /// bold, dim, italic, underline, reverse and colours) and tabs (column separators) are kept;
    /// every other sequence goes. For output paperboy laid out itself after cleaning what went into it.
    public static func styledLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { clean(String($0), styled: true) }.joined(separator: "\n")
    }

    /// Whether `scalar` is one a terminal acts on or shows as nothing: every character this type
    /// removes (tab, newline and the line separators included, which it turns into spaces).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true                   // C0, DEL, C1
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5: return true  // soft hyphen, CGJ, ALM, fillers
        case 0x180B...0x180F: return true                             // Mongolian selectors and vowel separator
        case 0x200B...0x200F: return true                             // zero-width space, (non-)joiners, LRM, RLM
        case 0x2028...0x202E: return true                             // line/paragraph separators, bidi embeddings and overrides
        case 0x2060...0x206F: return true                             // word joiner, invisible operators, bidi isolates
        case 0x3164, 0xFEFF, 0xFFA0: return true                      // Hangul filler, zero-width no-break space
        case 0xE000, 0xE001: return true                              // the store's snippet markers, never shown
        case 0xFFF9...0xFFFB: return true                             // interlinear annotation controls
        case 0x1D173...0x1D17A: return true                           // musical formatting controls
        case 0xE0000...0xE007F: return true                           // tag characters
        default: return false
        }
    }

    private static func clean(_ text: String, styled: Bool) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B:  // ESC: drop the whole sequence it introduces.
                guard let next = scalars.next() else { break }
                switch next.value {
                case 0x5B:                                              // ESC [
                    let sequence = skipCSI(&scalars)
                    if styled, let sequence, isStyle(sequence) { out.append(contentsOf: "\u{1B}[\(sequence)m".unicodeScalars) }
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: skipString(&scalars)  // ESC ] P X ^ _
                default: break                                         // two-character sequence
                }
            case 0x9B: _ = skipCSI(&scalars)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F: skipString(&scalars)
            case 0x200D where joinsEmoji(after: out, before: scalars):
                out.append(scalar)  // inside an emoji sequence (👩‍👩‍👧): one visible glyph, hides nothing
            case 0x09 where styled: out.append(scalar)
            case 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: out.append(" ")
            case _ where isUnsafe(scalar): break
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether a zero-width joiner stands between two emoji (a variation selector or skin-tone
    /// modifier may end the first), where it joins them into one glyph; anywhere else it is removed.
    private static func joinsEmoji(after out: String.UnicodeScalarView, before rest: String.UnicodeScalarView.Iterator) -> Bool {
        var ahead = rest
        guard let next = ahead.next(), isPictographic(next) else { return false }
        guard let last = out.last(where: { $0.value != 0xFE0F && !(0x1F3FB...0x1F3FF).contains($0.value) }) else { return false }
        return isPictographic(last)
    }

    private static func isPictographic(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0xFF && scalar.properties.isEmoji
    }

    /// Skips CSI parameters up to the final byte; returns the parameters when the final byte is `m`.
    private static func skipCSI(_ scalars: inout String.UnicodeScalarView.Iterator) -> String? {
        var parameters = String.UnicodeScalarView()
        while let s = scalars.next() {
            if (0x40...0x7E).contains(s.value) { return s == "m" ? String(parameters) : nil }
            if s.value < 0x20 && s.value != 0x1B { return nil }
            parameters.append(s)
        }
        return nil
    }

    /// OSC/DCS/APC/PM/SOS strings end at BEL, ST (ESC \) or the C1 ST.
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let s = scalars.next() {
            if s.value == 0x07 || s.value == 0x9C { return }
            if s.value == 0x1B { _ = scalars.next(); return }
        }
    }

    /// SGR parameters `Style` writes; concealed text (8), blinking (5, 6) and anything else go.
    private static func isStyle(_ parameters: String) -> Bool {
        let allowed: Set<Int> = Set([0, 1, 2, 3, 4, 7, 22, 23, 24, 27, 39, 49]).union(30...37).union(90...97).union(40...47).union(100...107)
        return parameters.split(separator: ";", omittingEmptySubsequences: false).allSatisfy { part in
            part.isEmpty || Int(part).map(allowed.contains) == true
        }
    }

    /// JSON text with every character `isUnsafe` names that JSON leaves raw (DEL, C1 controls,
    /// bidi controls, U+2028/U+2029, zero-width and tag characters…) written as a `\uXXXX` escape
    /// (a surrogate pair above U+FFFF), so JSON output shows nothing a terminal would act on or hide
    /// and still decodes to the same strings. Only strings can hold such characters, so escaping
    /// them in place is always valid JSON.
    public static func escapingJSON(_ json: Data) -> Data {
        let text = String(decoding: json, as: UTF8.self)
        guard text.unicodeScalars.contains(where: isUnsafe) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar), scalar.value >= 0x20 else {
                out.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                out.append(contentsOf: String(format: "\\u%04x", unit).unicodeScalars)
            }
        }
        return Data(String(out).utf8)
    }
}
