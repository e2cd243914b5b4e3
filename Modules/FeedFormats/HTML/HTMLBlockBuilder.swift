import NewsModels

/// Builds blocks from HTML tokens. Inline text collects in one buffer; each block boundary flushes it
/// to whatever is open (figure caption, quote attribution, list item, heading, quote, or a paragraph).
struct HTMLBlockBuilder {
    private struct OpenLink { var url: String?; var label = "" }
    private struct OpenList { var ordered: Bool; var items: [String] = []; var item: String? }
    private struct OpenQuote { var depth = 0; var paragraphs: [String] = []; var attribution: [String] = []; var inCite = 0 }
    private struct OpenFigure {
        var depth = 1
        var image: ImageRef?
        var caption: [String] = []
        var inCaption = false
        var quote: (text: String, attribution: String?)?
    }

    let baseURL: String?
    private var blocks: [Block] = []
    /// The running inline text as UTF-8, whitespace already collapsed (byte appends keep this fast).
    private var text: [UInt8] = []
    private var pendingSpace = false
    private var citations: [Citation] = []
    private var link: OpenLink?
    private var heading: Int?
    private var lists: [OpenList] = []
    private var quote: OpenQuote?
    private var figure: OpenFigure?
    private var skipping: (name: String, depth: Int)?

    init(baseURL: String?) {
        self.baseURL = baseURL
    }

    mutating func consume(_ token: HTMLToken) {
        switch token {
        case let .text(chunk):
            if skipping == nil { append(chunk) }
        case let .start(name, attributes, selfClosing):
            let hasContent = !selfClosing && !HTMLElementKind.void.contains(name)
            if var skip = skipping {
                if name == skip.name, hasContent { skip.depth += 1; skipping = skip }
            } else if HTMLElementKind.dropped.contains(name) || HTMLElementKind.isWidget(attributes) {
                if hasContent { skipping = (name, 1) }
            } else {
                start(name, attributes)
            }
        case let .end(name):
            if var skip = skipping {
                if name == skip.name { skip.depth -= 1; skipping = skip.depth == 0 ? nil : skip }
            } else {
                end(name)
            }
        }
    }

    /// Closes whatever the HTML left open and returns the blocks.
    mutating func finish() -> [Block] {
        flush()
        while !lists.isEmpty { closeList() }
        if quote != nil { emitQuote() }
        if figure != nil { emitFigure() }
        return blocks
    }

    // MARK: Elements

    private mutating func start(_ name: String, _ attributes: [String: String]) {
        if let level = HTMLElementKind.headingLevel(name) {
            flush()
            heading = level
            return
        }
        switch name {
        case "br":
            lineBreak()
        case "cite" where quote != nil, "footer" where quote != nil:
            flush()
            quote?.inCite += 1
        case "ul", "ol":
            flush()
            heading = nil
            closeItem()
            lists.append(OpenList(ordered: name == "ol"))
        case "li":
            flush()
            if lists.isEmpty { lists.append(OpenList(ordered: false)) }
            closeItem()
            lists[lists.count - 1].item = ""
        case "blockquote":
            flush()
            heading = nil
            if quote == nil { quote = OpenQuote() }
            quote?.depth += 1
        case "figure":
            flush()
            heading = nil
            if figure == nil { figure = OpenFigure() } else { figure?.depth += 1 }
        case "figcaption":
            flush()
            figure?.inCaption = true
        case "img":
            image(attributes)
        case "a":
            endLink()
            let href = attributes["href"].map(TextCleaning.line)
            link = OpenLink(url: href.flatMap { WebAddress.absoluteWebURL($0, base: baseURL) })
        case "td", "th":
            pendingSpace = true
        default:
            if HTMLElementKind.boundaries.contains(name) {
                flush()
                heading = nil
            }
        }
    }

    private mutating func end(_ name: String) {
        if HTMLElementKind.headingLevel(name) != nil {
            flush()
            heading = nil
            return
        }
        switch name {
        case "cite" where (quote?.inCite ?? 0) > 0, "footer" where (quote?.inCite ?? 0) > 0:
            flush()
            quote?.inCite -= 1
        case "li":
            flush()
            closeItem()
        case "ul", "ol":
            flush()
            if !lists.isEmpty { closeList() }
        case "blockquote":
            flush()
            quote?.depth -= 1
            if let depth = quote?.depth, depth <= 0 { emitQuote() }
        case "figcaption":
            flush()
            figure?.inCaption = false
        case "figure":
            flush()
            figure?.depth -= 1
            if let depth = figure?.depth, depth <= 0 { emitFigure() }
        case "a":
            endLink()
        case "td", "th":
            pendingSpace = true
        default:
            if HTMLElementKind.boundaries.contains(name) { flush() }
        }
    }

    // MARK: Inline text

    private mutating func append(_ chunk: String) {
        link?.label += chunk
        for byte in chunk.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                pendingSpace = true
            default:
                if pendingSpace, !text.isEmpty, text.last != 0x0A { text.append(0x20) }
                pendingSpace = false
                text.append(byte)
            }
        }
    }

    /// `<br>` starts a new line; two in a row (only spaces between) start a new paragraph.
    private mutating func lineBreak() {
        if text.last == 0x0A { flush() } else if !text.isEmpty { text.append(0x0A) }
        pendingSpace = false
    }

    private mutating func endLink() {
        recordLink()
        link = nil
    }

    /// Adds the open link to the paragraph's citations, once it has text and a web address.
    private mutating func recordLink() {
        guard let open = link, let url = open.url, let label = TextCleaning.nonEmptyLine(open.label) else { return }
        link?.label = ""
        guard !citations.contains(where: { $0.url == url }) else { return }
        citations.append(Citation(url: url, domain: WebAddress.domain(of: url), label: label))
    }

    /// Moves the buffered text to whatever is open, or makes it a paragraph.
    private mutating func flush() {
        recordLink()
        let cleaned = TextCleaning.lines(String(decoding: text, as: UTF8.self))
        let cited = citations
        text.removeAll(keepingCapacity: true)
        pendingSpace = false
        citations = []
        guard !cleaned.isEmpty else { return }
        let oneLine = cleaned.split(separator: "\n").joined(separator: " ")
        if figure?.inCaption == true {
            figure?.caption.append(oneLine)
        } else if (quote?.inCite ?? 0) > 0 {
            quote?.attribution.append(oneLine)
        } else if let last = lists.indices.last, let item = lists[last].item {
            lists[last].item = item.isEmpty ? oneLine : item + " " + oneLine
        } else if let level = heading {
            blocks.append(.heading(level: level, text: oneLine))
        } else if quote != nil {
            quote?.paragraphs.append(cleaned)
        } else {
            blocks.append(.paragraph(text: cleaned, citations: cited))
        }
    }

    // MARK: Containers

    private mutating func image(_ attributes: [String: String]) {
        guard !HTMLElementKind.isTrackingPixel(attributes) else { return }
        var source = attributes["src"]
        if source.map({ $0.drop(while: \.isWhitespace).lowercased().hasPrefix("data:") || $0.isEmpty }) ?? true {
            source = attributes["data-src"] ?? attributes["data-original"]
        }
        let url = source.flatMap { WebAddress.absoluteWebURL(TextCleaning.line($0), base: baseURL) }
        let alt = TextCleaning.nonEmptyLine(attributes["alt"])
        guard url != nil || alt != nil else { return }
        let ref = ImageRef(url: url, alt: alt)
        if figure != nil, figure?.image == nil {
            figure?.image = ref
        } else {
            flush()
            blocks.append(.image(ref))
        }
    }

    private mutating func closeItem() {
        guard let last = lists.indices.last, let item = lists[last].item else { return }
        lists[last].item = nil
        if !item.isEmpty { lists[last].items.append(item) }
    }

    private mutating func closeList() {
        closeItem()
        guard let list = lists.popLast() else { return }
        if let parent = lists.indices.last {
            lists[parent].items += list.items
            lists[parent].item = ""  // text after the nested list continues as a new item
        } else if !list.items.isEmpty {
            blocks.append(.list(ordered: list.ordered, items: list.items))
        }
    }

    private mutating func emitQuote() {
        guard let open = quote else { return }
        quote = nil
        var paragraphs = open.paragraphs
        var attribution = HTMLElementKind.withoutDash(open.attribution.joined(separator: " "))
        if attribution == nil, var lines = paragraphs.last?.split(separator: "\n").map(String.init),
           let name = lines.last.flatMap(HTMLElementKind.dashAttribution), paragraphs.count > 1 || lines.count > 1 {
            attribution = name
            lines.removeLast()
            paragraphs.removeLast()
            if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
        }
        let text = paragraphs.joined(separator: "\n")
        guard !text.isEmpty else { return }
        if figure != nil, figure?.image == nil, figure?.quote == nil {
            figure?.quote = (text, attribution)
        } else {
            blocks.append(.quote(text: text, attribution: attribution))
        }
    }

    private mutating func emitFigure() {
        guard let open = figure else { return }
        figure = nil
        var caption = open.caption.isEmpty ? nil : open.caption.joined(separator: " ")
        if let quote = open.quote {
            let attribution = quote.attribution ?? caption.flatMap(HTMLElementKind.withoutDash)
            if quote.attribution == nil { caption = nil }
            blocks.append(.quote(text: quote.text, attribution: attribution))
        }
        if var image = open.image {
            image.caption = caption
            blocks.append(.image(image))
        } else if let caption {
            blocks.append(.paragraph(text: caption))
        }
    }
}
