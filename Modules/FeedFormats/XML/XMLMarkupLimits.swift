/// Enforces `MarkupLimits` on the exact UTF-8 bytes libxml2's XML reader is about to read: attributes
/// past `maxAttributes` on one element, and namespace declarations past `maxNamespacesInScope`, are
/// overwritten with spaces (line breaks kept, so libxml2's line and column numbers still match), so the
/// element keeps its first attributes and the document reads on.
///
/// libxml2 stops at the first well-formedness error, so this scan follows XML's own rules: comments,
/// CDATA sections, processing instructions and declarations are skipped, attribute values are quoted
/// and may hold `>`. Where the markup is broken it keeps counting rather than stopping, so it never
/// counts fewer attributes than libxml2 could read.
enum XMLMarkupLimits {
    /// A copy of `b` with the attributes past the limits blanked, or nil when none are.
    static func capped(_ b: UnsafeRawBufferPointer) -> [UInt8]? {
        var scan = Scan(b)
        scan.run()
        return scan.out
    }

    private struct Scan {
        let b: UnsafeRawBufferPointer
        let n: Int
        var i = 0
        var out: [UInt8]?
        /// Namespace declarations on each open element, innermost last.
        var declared: [Int] = []
        var inScope = 0

        init(_ b: UnsafeRawBufferPointer) {
            self.b = b
            n = b.count
        }

        func starts(_ literal: StaticString, at: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard at + count <= n else { return false }
            for k in 0..<count where b[at + k] != literal.utf8Start[k] { return false }
            return true
        }

        mutating func skip(past terminator: StaticString) {
            while i < n, !starts(terminator, at: i) { i += 1 }
            i = min(n, i + terminator.utf8CodeUnitCount)
        }

        static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

        mutating func run() {
            while i < n {
                guard b[i] == 0x3C else { i += 1; continue }
                if starts("<!--", at: i) {
                    skip(past: "-->")
                } else if starts("<![CDATA[", at: i) {
                    skip(past: "]]>")
                } else if starts("<?", at: i) {
                    skip(past: "?>")
                } else if starts("<!", at: i) {
                    skipDeclaration()
                } else if starts("</", at: i) {
                    if let last = declared.popLast() { inScope -= last }
                    skip(past: ">")
                } else {
                    startTag()
                }
            }
        }

        /// `<!DOCTYPE …>` (its internal subset is already blanked) or another declaration: to its `>`.
        mutating func skipDeclaration() {
            i += 2
            while i < n, b[i] != 0x3E {
                if b[i] == 0x22 || b[i] == 0x27 {
                    let quote = b[i]
                    i += 1
                    while i < n, b[i] != quote { i += 1 }
                }
                i += 1
            }
            i += 1
        }

        /// A start tag from its `<`: counts `name="value"` pairs and blanks those past the limits.
        mutating func startTag() {
            i += 1
            while i < n, !Self.isSpace(b[i]), b[i] != 0x3E, b[i] != 0x2F, b[i] != 0x3C { i += 1 }
            var attributes = 0
            var namespaces = 0
            while i < n {
                let c = b[i]
                if Self.isSpace(c) { i += 1; continue }
                if c == 0x3E || c == 0x3C { break }
                if c == 0x2F, i + 1 < n, b[i + 1] == 0x3E { break }
                let start = i
                while i < n, !Self.isSpace(b[i]), b[i] != 0x3D, b[i] != 0x3E, b[i] != 0x3C, b[i] != 0x22, b[i] != 0x27 { i += 1 }
                let isNamespace = Self.isNamespaceName(b, start, i)
                while i < n, Self.isSpace(b[i]) { i += 1 }
                guard i < n, b[i] == 0x3D else {
                    if i == start { i += 1 }  // a stray quote: step over it
                    continue
                }
                i += 1
                while i < n, Self.isSpace(b[i]) { i += 1 }
                guard i < n, b[i] == 0x22 || b[i] == 0x27 else { continue }
                let quote = b[i]
                i += 1
                while i < n, b[i] != quote { i += 1 }
                i = min(n, i + 1)
                attributes += 1
                if isNamespace { namespaces += 1 }
                if attributes > MarkupLimits.maxAttributes || (isNamespace && inScope + namespaces > MarkupLimits.maxNamespacesInScope) {
                    blank(start..<i)
                    attributes -= 1
                    if isNamespace { namespaces -= 1 }
                }
            }
            let selfClosing = i < n && b[i] == 0x2F
            if i < n, b[i] != 0x3C { i += 1 }
            if selfClosing { i += 1 } else {
                declared.append(namespaces)
                inScope += namespaces
            }
        }

        /// `xmlns` or `xmlns:…`.
        static func isNamespaceName(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
            let name: [UInt8] = Array("xmlns".utf8)
            guard end - start >= 5 else { return false }
            for k in 0..<5 where b[start + k] != name[k] { return false }
            return end - start == 5 || b[start + 5] == 0x3A
        }

        mutating func blank(_ range: Range<Int>) {
            if out == nil { out = Array(b) }
            for k in range where out![k] != 0x0A && out![k] != 0x0D { out![k] = 0x20 }
        }
    }
}
