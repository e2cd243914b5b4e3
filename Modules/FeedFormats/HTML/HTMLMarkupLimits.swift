/// Enforces `MarkupLimits.maxAttributes` on HTML before libxml2 reads it: the document is cut at the `<`
/// of the first element with more attributes (what came before is kept). libxml2's HTML parser checks
/// every attribute against all earlier ones before any callback runs, so the cut must come first.
///
/// The scan follows libxml2's own tokenizer (2.9–2.13, recovering): comments, `script` and `style`
/// bodies as raw text, `<!DOCTYPE`, processing instructions and end tags; in a start tag every
/// whitespace-separated word is counted as an attribute (libxml2 reads at most one from each), and
/// quoted values may hold `<` and `>`. Wherever the two could disagree it ends a skipped region early
/// rather than late, so it may count markup libxml2 reads as text, never the other way round.
enum HTMLMarkupLimits {
    /// The offset of the `<` of the first element over the limit, or nil when there is none.
    static func cutOffset(_ b: UnsafeRawBufferPointer) -> Int? {
        let n = b.count
        var i = 0
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
        func isLetter(_ c: UInt8) -> Bool { c | 0x20 >= 0x61 && c | 0x20 <= 0x7A }
        /// libxml2 reads a tag name from a letter; `_`, `:` and `.` are counted too, to be safe.
        func isNameStart(_ c: UInt8) -> Bool { isLetter(c) || c == 0x5F || c == 0x3A || c == 0x2E }
        func starts(_ literal: StaticString, at: Int, ignoringCase: Bool = false) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard at + count <= n else { return false }
            for k in 0..<count {
                let c = b[at + k], l = literal.utf8Start[k]
                if c != l, !(ignoringCase && isLetter(c) && c | 0x20 == l | 0x20) { return false }
            }
            return true
        }
        /// Moves to just past the next `>` (or the end).
        func skipPastGreaterThan() {
            while i < n, b[i] != 0x3E { i += 1 }
            i = min(n, i + 1)
        }
        /// `script` or `style`, whose content libxml2 reads as raw text up to its end tag.
        func rawTextEnd(name: Range<Int>) -> StaticString? {
            guard name.count == 5 || name.count == 6 else { return nil }
            let word = String(decoding: UnsafeRawBufferPointer(rebasing: b[name]), as: UTF8.self).lowercased()
            return word == "script" ? "</script" : word == "style" ? "</style" : nil
        }

        /// Past a raw-text body: to its end tag, or to the first character libxml2 would not take as
        /// raw text (a control character), where libxml2 too stops reading it as such.
        func skipRawText(_ end: StaticString) {
            while i < n {
                let c = b[i]
                if c < 0x20, c != 0x09, c != 0x0A, c != 0x0D { return }
                if c == 0x3C, starts(end, at: i, ignoringCase: true) { return }
                i += 1
            }
        }

        while i < n {
            guard b[i] == 0x3C, i + 1 < n else { i += 1; continue }
            let next = b[i + 1]
            if starts("<!--", at: i) {
                // Ends at the first `-->` or `--!>`, or at once for `<!-->` and `<!--->`.
                i += 4
                if i < n, b[i] == 0x3E { i += 1; continue }
                if i + 1 < n, b[i] == 0x2D, b[i + 1] == 0x3E { i += 2; continue }
                while i < n, !(starts("-->", at: i) || starts("--!>", at: i)) { i += 1 }
                skipPastGreaterThan()
            } else if starts("<!DOCTYPE", at: i, ignoringCase: true) || (next == 0x3F && i + 2 < n && isLetter(b[i + 2])) {
                skipPastGreaterThan()
            } else if next == 0x2F, i + 2 < n, isLetter(b[i + 2]) {
                skipPastGreaterThan()
            } else if isNameStart(next) {
                let start = i
                i += 1
                let nameStart = i
                while i < n, !isSpace(b[i]), b[i] != 0x3E, !(b[i] == 0x2F && i + 1 < n && b[i + 1] == 0x3E) { i += 1 }
                let raw = rawTextEnd(name: nameStart..<i)
                var attributes = 0
                while i < n {
                    let c = b[i]
                    if isSpace(c) { i += 1; continue }
                    if c == 0x3E { break }
                    if c == 0x2F, i + 1 < n, b[i + 1] == 0x3E { break }
                    attributes += 1
                    if attributes > MarkupLimits.maxAttributes { return start }
                    while i < n, !isSpace(b[i]), b[i] != 0x3E, b[i] != 0x3D, !(b[i] == 0x2F && i + 1 < n && b[i + 1] == 0x3E) { i += 1 }
                    while i < n, isSpace(b[i]) { i += 1 }
                    guard i < n, b[i] == 0x3D else { continue }
                    i += 1
                    while i < n, isSpace(b[i]) { i += 1 }
                    if i < n, b[i] == 0x22 || b[i] == 0x27 {
                        let quote = b[i]
                        i += 1
                        while i < n, b[i] != quote { i += 1 }
                        i = min(n, i + 1)
                    } else {
                        while i < n, !isSpace(b[i]), b[i] != 0x3E { i += 1 }
                    }
                }
                let selfClosing = i < n && b[i] == 0x2F
                i = min(n, i + (selfClosing ? 2 : 1))
                if let raw, !selfClosing { skipRawText(raw) }
            } else {
                i += 1
            }
        }
        return nil
    }
}
