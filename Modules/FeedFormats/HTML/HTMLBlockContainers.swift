import NewsModels

/// Lists, quotes and post embeds, figures and pictures: the elements that gather text before they
/// become one block.
extension HTMLBlockBuilder {
    // MARK: Lists

    func openList(ordered: Bool) {
        flush()
        heading = nil
        closeItem()
        lists.append(OpenList(ordered: ordered))
    }

    func openItem() {
        flush()
        if lists.isEmpty { lists.append(OpenList(ordered: false)) }
        closeItem()
        lists[lists.count - 1].item = ""
    }

    /// A `<dt>` starts an item with its term; the `<dd>`s that follow join it as `term: definition; another`
    /// (a space instead of `;` after a definition that ends a sentence).
    func openTerm() {
        openItem()
        lists[lists.count - 1].definitions = 0
    }

    func openDefinition() {
        flush()
        if lists.isEmpty { lists.append(OpenList(ordered: false)) }
        let last = lists.count - 1
        if lists[last].item == nil { lists[last].item = "" }
        let sentence = lists[last].item?.last.map { ".!?".contains($0) } ?? false
        lists[last].joiner = lists[last].definitions == 0 ? ": " : sentence ? " " : "; "
        lists[last].definitions += 1
    }

    func closeItem() {
        guard let last = lists.indices.last, let item = lists[last].item else { return }
        lists[last].item = nil
        lists[last].joiner = " "
        if !item.isEmpty { lists[last].items.append(item) }
    }

    func closeList() {
        closeItem()
        guard let list = lists.popLast() else { return }
        if let parent = lists.indices.last {
            lists[parent].items += list.items
            lists[parent].item = ""  // text after the nested list continues as a new item
        } else if !list.items.isEmpty {
            blocks.append(.list(ordered: list.ordered, items: list.items))
        }
    }

    // MARK: Quotes

    func openQuote(_ attributes: HTMLAttributes) {
        flush()
        heading = nil
        if quote == nil { quote = OpenQuote(embedKind: HTMLEmbeds.kind(of: attributes)) }
        quote?.depth += 1
    }

    func emitQuote() {
        guard let open = quote else { return }
        quote = nil
        if let kind = open.embedKind {
            if let embed = HTMLEmbeds.embed(kind: kind, paragraphs: open.paragraphs, postLink: open.postLink) {
                blocks.append(.embed(embed))
            }
            return
        }
        var paragraphs = open.paragraphs
        var attribution = HTMLEmbeds.withoutDash(open.attribution.joined(separator: " "))
        if attribution == nil, var lines = paragraphs.last?.split(separator: "\n").map(String.init),
           let name = lines.last.flatMap(HTMLEmbeds.dashAttribution), paragraphs.count > 1 || lines.count > 1 {
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

    // MARK: Figures and pictures

    func image(_ attributes: HTMLAttributes) {
        let url = HTMLImages.source(of: attributes, base: baseURL) ?? picture?.source
        if picture != nil { picture?.usedByImage = true }
        guard !HTMLImages.isTrackingPixel(attributes, url: url) else { return }
        let alt = TextCleaning.nonEmptyLine(attributes.value("alt"))
        guard url != nil || alt != nil else { return }
        place(ImageRef(url: url, alt: alt))
    }

    /// A `<picture>` whose `<source>` named a picture but that had no usable `<img>` still shows it.
    func closePicture() {
        guard let open = picture else { return }
        picture = nil
        if !open.usedByImage, let url = open.source { place(ImageRef(url: url)) }
    }

    /// The first picture of a figure waits for the caption; a further one sends the waiting one on, so a
    /// gallery keeps its order and the caption goes to the last picture.
    private func place(_ image: ImageRef) {
        guard figure != nil else {
            flush()
            blocks.append(.image(image))
            return
        }
        if let waiting = figure?.image {
            flush()
            blocks.append(.image(waiting))
        }
        figure?.image = image
    }

    func emitFigure() {
        guard let open = figure else { return }
        figure = nil
        var caption = open.caption.isEmpty ? nil : open.caption.joined(separator: " ")
        if let quote = open.quote {
            let attribution = quote.attribution ?? caption.flatMap(HTMLEmbeds.withoutDash)
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
