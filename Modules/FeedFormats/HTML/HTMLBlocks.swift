import NewsModels

/// Converts an article's HTML (a feed's `content_html`) into body blocks.
///
/// Paragraphs (links kept as text, their targets recorded as citations), headings h1–h6, lists
/// (nested ones flattened into their parent), block quotes (attribution from `<cite>`/`<footer>` or a
/// last line starting with a dash), figures and images (alt text, caption) become blocks; entities are
/// decoded and whitespace collapsed. Scripts, styles, iframes, forms, buttons, SVG and share/social
/// widgets are dropped with their content, as are 1×1 tracking pixels. Malformed HTML never fails: the
/// scanner is forgiving and whatever text it finds is kept.
public enum HTMLBlocks {
    /// The blocks of `html`; `baseURL` (the article's URL) makes relative link and image URLs absolute.
    public static func blocks(fromHTML html: String, baseURL: String? = nil) -> [Block] {
        var builder = HTMLBlockBuilder(baseURL: baseURL)
        var tokens = HTMLTokenizer(html)
        while let token = tokens.next() { builder.consume(token) }
        return builder.finish()
    }
}

/// How the converter treats each element.
enum HTMLElementKind {
    /// Elements dropped together with everything inside them.
    static let dropped: Set<String> = [
        "script", "style", "iframe", "noscript", "form", "button", "svg", "template", "object", "select",
        "textarea", "canvas", "audio", "video", "head", "title", "nav", "math", "noembed", "noframes", "xmp",
    ]
    /// Elements that never have content or an end tag.
    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    /// Elements that end the running paragraph where they start and end.
    static let boundaries: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "table", "thead", "tbody", "tfoot",
        "tr", "dl", "dt", "dd", "hr", "address", "pre", "center", "details", "summary", "caption", "fieldset",
        "hgroup", "body", "html",
    ]

    /// The heading level of `h1`…`h6`, else nil.
    static func headingLevel(_ name: String) -> Int? {
        guard name.utf8.count == 2, name.hasPrefix("h"), let level = Int(name.dropFirst()), (1...6).contains(level) else { return nil }
        return level
    }

    /// Whether the element is a share or social-media widget (its class mentions `share` or `social`).
    static func isWidget(_ attributes: [String: String]) -> Bool {
        guard let classes = attributes["class"]?.lowercased() else { return false }
        return classes.contains("share") || classes.contains("social")
    }

    /// Whether an image is a tracking pixel: a width or height of 0 or 1, or hidden by its style.
    static func isTrackingPixel(_ attributes: [String: String]) -> Bool {
        for key in ["width", "height"] {
            guard let raw = attributes[key]?.lowercased() else { continue }
            let digits = raw.drop(while: \.isWhitespace).prefix(while: \.isNumber)
            if let value = Int(digits), value <= 1 { return true }
        }
        let style = attributes["style"]?.lowercased().filter { !$0.isWhitespace } ?? ""
        return style.contains("display:none") || style.contains("visibility:hidden")
    }

    /// `Name` from a line like `— Name`, `– Name` or `- Name`; nil when the line does not start with a dash.
    static func dashAttribution(_ line: String) -> String? {
        guard ["—", "―", "–", "- ", "-- ", "~ "].contains(where: { line.hasPrefix($0) }) else { return nil }
        let name = withoutDash(line)
        return (name?.count ?? 0) <= 120 ? name : nil
    }

    /// The text without leading dashes and spaces; nil when nothing is left.
    static func withoutDash(_ text: String) -> String? {
        let rest = text.drop(while: { "—―–-~ ".contains($0) || $0.isWhitespace })
        return rest.isEmpty ? nil : String(rest)
    }
}
