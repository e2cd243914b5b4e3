import NewsModels

/// Builds blocks from libxml2's parse events. Inline text collects in one byte buffer; each block boundary
/// flushes it to whatever is open (figure caption, quote attribution, list item, heading, quote, or a
/// paragraph). A class: libxml2's callbacks reach it through the parse session's C context pointer.
final class HTMLBlockBuilder: HTMLEventReceiver {
    /// Text kept per document; past it the parse stops (a 50 MB body yields its first ~4 MiB of text).
    static let textLimit = 4 << 20
    /// Longest link text kept for a citation label (a link around a whole article must not copy it).
    static let labelLimit = 1 << 10

    struct OpenLink { var url: String?; var label: [UInt8] = [] }
    struct OpenList {
        var ordered: Bool
        var items: [String] = []
        var item: String?
        /// What joins the next text to the item: a space, or `: ` and `; ` between a term and its definitions.
        var joiner = " "
        var definitions = 0
    }
    struct OpenQuote {
        var depth = 0
        var paragraphs: [String] = []
        var attribution: [String] = []
        var inCite = 0
        /// The kind of social-media post (`x`, `bluesky`) when the quote is a post's embed code.
        var embedKind: String?
        /// The last link to the post itself (its text is the post's date).
        var postLink: (url: String, label: String)?
    }
    struct OpenFigure {
        var depth = 1
        var image: ImageRef?
        var caption: [String] = []
        var inCaption = false
        var quote: (text: String, attribution: String?)?
    }
    struct OpenPicture { var source: String?; var usedByImage = false }

    var baseURL: String?
    var blocks: [Block] = []
    /// The running inline text as UTF-8, whitespace already collapsed (byte appends keep this fast).
    var text: [UInt8] = []
    var pendingSpace = false
    /// A table cell started after text in the same row: the next text is set off with ` | `.
    var pendingCell = false
    var citations: [Citation] = []
    var link: OpenLink?
    var heading: Int?
    var lists: [OpenList] = []
    var quote: OpenQuote?
    var figure: OpenFigure?
    var picture: OpenPicture?
    private var skipDepth = 0
    private var sawBase = false
    private var preDepth = 0
    private var textBytes = 0
    private(set) var isDone = false

    init(baseURL: String?) {
        self.baseURL = baseURL
    }

    func start(_ tag: HTMLTag, _ attributes: HTMLAttributes) {
        if tag == .base, !sawBase, let href = attributes.value("href") {  // the first <base>, even in the dropped <head>
            sawBase = true
            baseURL = WebAddress.absoluteWebURL(TextCleaning.line(href), base: baseURL) ?? baseURL
        }
        if skipDepth > 0 {
            skipDepth += 1
        } else if tag.isDropped || HTMLImages.isWidget(attributes) {
            skipDepth = 1
        } else {
            open(tag, attributes)
        }
    }

    func end(_ tag: HTMLTag) {
        if skipDepth > 0 { skipDepth -= 1 } else { close(tag) }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if skipDepth == 0, !isDone { append(bytes) }
    }

    /// Closes whatever the HTML left open (or the parse stopped inside) and returns the blocks.
    func finish() -> [Block] {
        flush()
        while !lists.isEmpty { closeList() }
        if quote != nil { emitQuote() }
        if picture != nil { closePicture() }
        if figure != nil { emitFigure() }
        return blocks
    }

    // MARK: Elements

    private func open(_ tag: HTMLTag, _ attributes: HTMLAttributes) {
        if let level = tag.headingLevel {
            flush()
            heading = level
            return
        }
        switch tag {
        case .br: lineBreak()
        case .cite where quote != nil, .footer where quote != nil:
            if quote?.inCite == 0 { flush() }  // a <cite> inside the <footer> stays part of one attribution
            quote?.inCite += 1
        case .ul, .ol, .menu, .dl: openList(ordered: tag == .ol)
        case .li: openItem()
        case .dt: openTerm()
        case .dd: openDefinition()
        case .blockquote: openQuote(attributes)
        case .figure:
            flush()
            heading = nil
            if figure == nil { figure = OpenFigure() } else { figure?.depth += 1 }
        case .figcaption:
            flush()
            figure?.inCaption = true
        case .picture:
            if picture == nil { picture = OpenPicture() }
        case .source:
            if picture != nil, picture?.source == nil { picture?.source = HTMLImages.sourceSet(of: attributes, base: baseURL) }
        case .img: image(attributes)
        case .a:
            endLink()
            let href = attributes.value("href").map(TextCleaning.line)
            link = OpenLink(url: href.flatMap { WebAddress.absoluteWebURL($0, base: baseURL) })
        case .td, .th:
            pendingCell = !text.isEmpty && text.last != 0x0A
            pendingSpace = true
        case .pre:
            flush()
            heading = nil
            preDepth += 1
        default:
            if tag.isBoundary {
                flush()
                heading = nil
            }
        }
    }

    private func close(_ tag: HTMLTag) {
        if tag.headingLevel != nil {
            flush()
            heading = nil
            return
        }
        switch tag {
        case .cite where (quote?.inCite ?? 0) > 0, .footer where (quote?.inCite ?? 0) > 0:
            if quote?.inCite == 1 { flush() }
            quote?.inCite -= 1
        case .li:
            flush()
            closeItem()
        case .ul, .ol, .menu, .dl:
            flush()
            if !lists.isEmpty { closeList() }
        case .dt, .dd: flush()
        case .blockquote:
            flush()
            quote?.depth -= 1
            if let depth = quote?.depth, depth <= 0 { emitQuote() }
        case .figcaption:
            flush()
            figure?.inCaption = false
        case .figure:
            flush()
            figure?.depth -= 1
            if let depth = figure?.depth, depth <= 0 { emitFigure() }
        case .picture: closePicture()
        case .a: endLink()
        case .td, .th: pendingSpace = true
        case .pre:
            flush()
            preDepth = max(0, preDepth - 1)
        default:
            if tag.isBoundary { flush() }
        }
    }

    // MARK: Inline text

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if link != nil, let label = link?.label, label.count < Self.labelLimit {
            link?.label.append(contentsOf: bytes.prefix(Self.labelLimit - label.count))
        }
        // Work on locals: each access to a stored property of a class is checked for exclusivity.
        var buffer: [UInt8] = []
        swap(&buffer, &text)
        defer { swap(&buffer, &text) }
        var space = pendingSpace
        var cell = pendingCell
        let keepsLines = preDepth > 0
        let before = buffer.count
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if HTMLText.isSpace(byte) {
                if byte == 0x0A, keepsLines {
                    if !buffer.isEmpty, buffer.last != 0x0A { buffer.append(0x0A) }  // <pre> keeps its line breaks
                    cell = false
                } else {
                    space = true
                }
                i += 1
                continue
            }
            var end = i + 1
            while end < bytes.count, !HTMLText.isSpace(bytes[end]) { end += 1 }
            if !buffer.isEmpty, buffer.last != 0x0A {
                if cell { buffer.append(contentsOf: [0x20, 0x7C, 0x20]) } else if space { buffer.append(0x20) }
            }
            space = false
            cell = false
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
            i = end
        }
        pendingSpace = space
        pendingCell = cell
        textBytes += buffer.count - before
        if textBytes > Self.textLimit { isDone = true }
    }

    /// `<br>` starts a new line; two in a row (only spaces between) start a new paragraph.
    private func lineBreak() {
        if text.last == 0x0A { flush() } else if !text.isEmpty { text.append(0x0A) }
        pendingSpace = false
        pendingCell = false
    }

    private func endLink() {
        if let open = link, let url = open.url, let kind = quote?.embedKind, HTMLEmbeds.isPostURL(url, kind: kind) {
            quote?.postLink = (url, TextCleaning.line(String(decoding: open.label, as: UTF8.self)))
        }
        recordLink()
        link = nil
    }

    /// Adds the open link to the paragraph's citations, once it has text and a web address.
    private func recordLink() {
        guard let open = link, let url = open.url, !open.label.isEmpty,
              let label = TextCleaning.nonEmptyLine(String(decoding: open.label, as: UTF8.self))
        else { return }
        link?.label = []
        guard !citations.contains(where: { $0.url == url }) else { return }
        citations.append(Citation(url: url, domain: WebAddress.domain(of: url), label: label))
    }

    /// The buffered text as `TextCleaning.lines` makes it. The buffer never starts with whitespace and
    /// holds single spaces, no space beside a line break and no empty line, so unless it holds something
    /// the cleaner removes or collapses, only a trailing line break needs trimming; this skips the
    /// cleaner's scalar-by-scalar rebuild for most paragraphs.
    private func cleanedText() -> (text: String, multiline: Bool) {
        while text.last == 0x0A { text.removeLast() }
        guard !text.isEmpty else { return ("", false) }
        let decoded = String(decoding: text, as: UTF8.self)
        guard HTMLText.needsCleaning(text) else { return (decoded, text.contains(0x0A)) }
        let cleaned = TextCleaning.lines(decoded)
        return (cleaned, cleaned.utf8.contains(0x0A))
    }

    /// Moves the buffered text to whatever is open, or makes it a paragraph.
    func flush() {
        recordLink()
        let (cleaned, multiline) = cleanedText()
        let cited = citations
        text.removeAll(keepingCapacity: true)
        pendingSpace = false
        pendingCell = false
        citations = []
        guard !cleaned.isEmpty else { return }
        var oneLine: String { multiline ? cleaned.split(separator: "\n").joined(separator: " ") : cleaned }
        if figure?.inCaption == true {
            figure?.caption.append(oneLine)
        } else if (quote?.inCite ?? 0) > 0 {
            quote?.attribution.append(oneLine)
        } else if let last = lists.indices.last, let item = lists[last].item {
            lists[last].item = item.isEmpty ? oneLine : item + lists[last].joiner + oneLine
            lists[last].joiner = " "
        } else if let level = heading {
            blocks.append(.heading(level: level, text: oneLine))
        } else if quote != nil {
            quote?.paragraphs.append(cleaned)
        } else {
            blocks.append(.paragraph(text: cleaned, citations: cited))
        }
    }
}
