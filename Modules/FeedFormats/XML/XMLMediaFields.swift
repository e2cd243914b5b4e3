/// Media RSS (`media:content`, `media:thumbnail`, `media:group`) and other small field readers.
extension XMLItemReader {
    /// A Media RSS element directly inside an item.
    func readMedia(_ name: XMLName, into item: inout XMLRawItem) throws(XMLReadError) {
        if name == names.content {
            if let candidate = try readMediaContent(into: &item) { item.offer(candidate) }
        } else if name == names.thumbnail {
            if let url = reader.attribute(names.url) { item.offer(XMLImageCandidate(rank: 1, url: url)) }
        } else if name == names.group {
            try readMediaGroup(into: &item)
        } else if name == names.title {
            if item.mediaTitle == nil { item.mediaTitle = try readMediaTextField() }
        } else if name == names.description {
            item.offerSummary(try readMediaTextField(), rank: 0)
        }
    }

    /// An iTunes podcast field: `author` for the byline, `summary` and `subtitle` for the summary.
    func readItunes(_ name: XMLName, into item: inout XMLRawItem) throws(XMLReadError) {
        if name == names.author {
            if item.itunesAuthor == nil { item.itunesAuthor = Self.personName(try readText(.text).value) }
        } else if name == names.summary {
            item.offerSummary(try readText(.text), rank: 1)
        } else if name == names.subtitle {
            item.offerSummary(try readText(.text), rank: 2)
        }
    }

    /// A Media RSS text element: plain text unless `type="html"`.
    private func readMediaTextField() throws(XMLReadError) -> XMLTextField {
        try readText(reader.attribute(names.type)?.lowercased() == "html" ? .html : .text)
    }

    /// `media:content` when it is a picture (medium `image`, an `image/…` type, or, with neither, an
    /// image file name), with its `media:title` as alt text and `media:description` as caption. Its
    /// title and description also stand in for the item's when it has none.
    private func readMediaContent(into item: inout XMLRawItem) throws(XMLReadError) -> XMLImageCandidate? {
        var url: String?, medium: String?, type: String?
        reader.forEachAttribute { local, ns, value in
            guard ns == nil else { return }
            if local == names.url { url = String(cString: value) }
            if local == names.medium { medium = String(cString: value).lowercased() }
            if local == names.type { type = String(cString: value).lowercased() }
        }
        let (alt, caption) = try readMediaText(into: &item)
        guard let url else { return nil }
        let isImage = medium == "image" || (type?.hasPrefix("image/") ?? false)
            || (medium == nil && type == nil && Self.looksLikeImage(url))
        return isImage ? XMLImageCandidate(rank: 0, url: url, alt: alt, caption: caption) : nil
    }

    /// `media:group`: its pictures, with the group's own title and description filling in for theirs.
    private func readMediaGroup(into item: inout XMLRawItem) throws(XMLReadError) {
        guard !reader.isEmptyElement else { return }
        let depth = reader.depth
        var candidates: [XMLImageCandidate] = []
        var groupAlt: String?, groupCaption: String?
        while try reader.next() {
            let type = reader.nodeType
            if type == XMLNode.endElement, reader.depth == depth { break }
            guard type == XMLNode.element, reader.depth == depth + 1, isMedia(reader.namespaceURI) else { continue }
            let name = reader.localName
            if name == names.content {
                if let candidate = try readMediaContent(into: &item) { candidates.append(candidate) }
            } else if name == names.thumbnail, let url = reader.attribute(names.url) {
                candidates.append(XMLImageCandidate(rank: 1, url: url))
            } else if name == names.title, groupAlt == nil {
                let field = try readMediaTextField()
                groupAlt = field.value
                if item.mediaTitle == nil { item.mediaTitle = field }
            } else if name == names.description, groupCaption == nil {
                let field = try readMediaTextField()
                groupCaption = field.value
                item.offerSummary(field, rank: 0)
            }
        }
        for var candidate in candidates {
            candidate.alt = candidate.alt ?? groupAlt
            candidate.caption = candidate.caption ?? groupCaption
            item.offer(candidate)
        }
    }

    /// `media:title` and `media:description` inside the current media element.
    private func readMediaText(into item: inout XMLRawItem) throws(XMLReadError) -> (alt: String?, caption: String?) {
        guard !reader.isEmptyElement else { return (nil, nil) }
        let depth = reader.depth
        var alt: String?, caption: String?
        while try reader.next() {
            let type = reader.nodeType
            if type == XMLNode.endElement, reader.depth == depth { break }
            guard type == XMLNode.element, reader.depth == depth + 1, isMedia(reader.namespaceURI) else { continue }
            if reader.localName == names.title, alt == nil {
                let field = try readMediaTextField()
                alt = field.value
                if item.mediaTitle == nil { item.mediaTitle = field }
            }
            if reader.localName == names.description, caption == nil {
                let field = try readMediaTextField()
                caption = field.value
                item.offerSummary(field, rank: 0)
            }
        }
        return (alt, caption)
    }

    private func isMedia(_ uri: XMLName) -> Bool {
        uri == names.nsMedia || uri == names.nsMediaNoSlash
    }

    /// Whether a URL's path ends in a picture file extension.
    static func looksLikeImage(_ url: String) -> Bool {
        let path = url.split(separator: "?", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        return [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"].contains { path.hasSuffix($0) }
    }

    /// The person's name in a byline field (RSS `author`, which the spec makes an e-mail address,
    /// `dc:creator`, `itunes:author`, Atom `name`), never the address when a name is there:
    /// `ed@example.com (Ed Rowe)`, `Ed Rowe (ed@example.com)` and `Ed Rowe <ed@example.com>` → `Ed Rowe`,
    /// `mailto:` dropped, a bare address → nil; `Ed Rowe (Reuters)` stays as written.
    static func personName(_ raw: String) -> String? {
        var text = TextCleaning.line(raw)
        if text.lowercased().hasPrefix("mailto:") { text = TextCleaning.line(String(text.dropFirst(7))) }
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let inside = TextCleaning.line(String(text[text.index(after: open)..<close]))
            let outside = TextCleaning.line(String(text[..<open]) + " " + String(text[text.index(after: close)...]))
            if isEmailAddress(outside), !inside.isEmpty, !isEmailAddress(inside) { return inside }
            if isEmailAddress(inside) { return outside.isEmpty || isEmailAddress(outside) ? nil : outside }
            if outside.isEmpty { return inside.isEmpty ? nil : inside }
        }
        if let angle = text.firstIndex(of: "<") {
            let before = TextCleaning.line(String(text[..<angle]))
            if !before.isEmpty { return before }
            let inside = TextCleaning.line(text.dropFirst().split(separator: ">").first.map(String.init) ?? "")
            return inside.isEmpty || isEmailAddress(inside) ? nil : inside
        }
        return text.isEmpty || isEmailAddress(text) ? nil : text
    }

    /// Whether `text` is one e-mail address (`local@host`, no spaces).
    private static func isEmailAddress(_ text: String) -> Bool {
        guard let at = text.firstIndex(of: "@"), at > text.startIndex, text.index(after: at) < text.endIndex else { return false }
        return !text.contains(" ")
    }
}
