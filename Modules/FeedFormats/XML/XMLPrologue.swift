/// What comes before an XML document's root element, read straight from the bytes (ASCII-compatible
/// encodings only; UTF-16 is transcoded first): byte-order mark, XML declaration, comments, processing
/// instructions, DOCTYPE, and the root element's name.
struct XMLPrologue {
    /// The document has nothing but whitespace (and maybe a byte-order mark).
    var isEmpty = false
    /// The first byte after the BOM and whitespace, when it is not `<`.
    var strayFirstByte: UInt8?
    /// Offset of the first `<` (after the BOM and leading whitespace).
    var markupStart = 0
    /// Whether the document starts with `<?xml …?>`.
    var hasDeclaration = false
    /// Byte range of an XML declaration that is not at the start (after a comment), which libxml2
    /// refuses; it says nothing a reader needs, so it is blanked.
    var misplacedDeclaration: Range<Int>?
    /// The `encoding` named in the XML declaration, as written.
    var declaredEncoding: String?
    /// Byte range of the whole `<!DOCTYPE …>` declaration.
    var doctype: Range<Int>?
    /// Whether the DOCTYPE has an internal subset (`[ … ]`), where entities can be declared.
    var hasInternalSubset = false
    /// The root element's name as written, e.g. `rdf:RDF`; nil when the prologue never reaches one.
    var rootName: String?

    /// The root element's name without its prefix (`RDF` for `rdf:RDF`).
    var rootLocalName: String? {
        rootName.map { name in name.split(separator: ":").last.map(String.init) ?? name }
    }

    /// Local names of the root elements of RSS, Atom and RDF feeds.
    static let feedRoots: Set<String> = ["rss", "feed", "RDF"]

    init(_ b: UnsafeRawBufferPointer) {
        let n = b.count
        var i = 0
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        func skipSpace() { while i < n, isSpace(b[i]) { i += 1 } }
        func starts(_ literal: StaticString, at: Int, ignoringCase: Bool = false) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard at + count <= n else { return false }
            let p = literal.utf8Start
            for k in 0..<count {
                let c = b[at + k], l = p[k]
                if c != l, !(ignoringCase && c | 0x20 == l | 0x20) { return false }
            }
            return true
        }
        /// Moves past the next `terminator`, or to the end.
        func skip(past terminator: StaticString) {
            while i < n, !starts(terminator, at: i) { i += 1 }
            i = min(n, i + terminator.utf8CodeUnitCount)
        }

        skipSpace()
        guard i < n else { isEmpty = true; return }
        guard b[i] == 0x3C else { strayFirstByte = b[i]; return }
        markupStart = i
        if starts("<?xml", at: i), i + 5 < n, isSpace(b[i + 5]) || b[i + 5] == 0x3F {
            hasDeclaration = true
            let start = i
            skip(past: "?>")
            declaredEncoding = Self.pseudoAttribute("encoding", in: UnsafeRawBufferPointer(rebasing: b[start..<i]))
        }
        while true {
            skipSpace()
            guard i < n, b[i] == 0x3C else { return }
            if starts("<!--", at: i) {
                skip(past: "-->")
            } else if starts("<?", at: i) {
                let start = i
                skip(past: "?>")
                if starts("<?xml", at: start), start + 5 < n, isSpace(b[start + 5]) || b[start + 5] == 0x3F, misplacedDeclaration == nil {
                    misplacedDeclaration = start..<i
                }
            } else if starts("<!DOCTYPE", at: i, ignoringCase: true) {
                let start = i
                i += 9
                skipDoctypeBody(b, &i)
                doctype = start..<i
                hasInternalSubset = Self.hasSubset(UnsafeRawBufferPointer(rebasing: b[start..<i]))
            } else if i + 1 < n, Self.isNameStart(b[i + 1]) {
                var end = i + 1
                while end < n, end - i < 200, !isSpace(b[end]), b[end] != 0x2F, b[end] != 0x3E { end += 1 }
                rootName = String(decoding: UnsafeRawBufferPointer(rebasing: b[(i + 1)..<end]), as: UTF8.self)
                return
            } else {
                return
            }
        }
    }

    /// Moves `i` past the DOCTYPE's closing `>`, skipping quoted strings, comments and the internal subset.
    private func skipDoctypeBody(_ b: UnsafeRawBufferPointer, _ i: inout Int) {
        let n = b.count
        var inSubset = false
        while i < n {
            let c = b[i]
            if c == 0x22 || c == 0x27 {  // a quoted literal may hold any of ] > <
                i += 1
                while i < n, b[i] != c { i += 1 }
            } else if inSubset, c == 0x3C, i + 3 < n, b[i + 1] == 0x21, b[i + 2] == 0x2D, b[i + 3] == 0x2D {
                i += 4
                while i + 2 < n, !(b[i] == 0x2D && b[i + 1] == 0x2D && b[i + 2] == 0x3E) { i += 1 }
                i += 2
            } else if c == 0x5B {
                inSubset = true
            } else if c == 0x5D {
                inSubset = false
            } else if c == 0x3E, !inSubset {
                i += 1
                return
            }
            i += 1
        }
        i = n
    }

    private static func hasSubset(_ doctype: UnsafeRawBufferPointer) -> Bool {
        var quote: UInt8 = 0
        for c in doctype {
            if quote != 0 { if c == quote { quote = 0 }; continue }
            if c == 0x22 || c == 0x27 { quote = c } else if c == 0x5B { return true }
        }
        return false
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == 0x5F || c == 0x3A || c >= 0x80
    }

    /// The value of `name="…"` (or `'…'`) inside an XML declaration.
    static func pseudoAttribute(_ name: String, in declaration: UnsafeRawBufferPointer) -> String? {
        let key = Array(name.utf8)
        let n = declaration.count
        var i = 0
        while i + key.count < n {
            if declaration[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                while j < n, declaration[j] == 0x20 || declaration[j] == 0x09 || declaration[j] == 0x0A || declaration[j] == 0x0D { j += 1 }
                guard j < n, declaration[j] == 0x3D else { i += 1; continue }
                j += 1
                while j < n, declaration[j] == 0x20 || declaration[j] == 0x09 { j += 1 }
                guard j < n, declaration[j] == 0x22 || declaration[j] == 0x27 else { return nil }
                let quote = declaration[j]
                let start = j + 1
                var end = start
                while end < n, declaration[end] != quote { end += 1 }
                return String(decoding: UnsafeRawBufferPointer(rebasing: declaration[start..<end]), as: UTF8.self)
            }
            i += 1
        }
        return nil
    }
}
