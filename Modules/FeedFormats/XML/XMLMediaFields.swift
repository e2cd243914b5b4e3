/// Media RSS (`media:content`, `media:thumbnail`, `media:group`) and other small field readers.
extension XMLItemReader {
    /// A Media RSS element directly inside an item.
    func readMedia(_ name: XMLName, into item: inout XMLRawItem) throws(XMLReadError) {
        if name == names.content {
            if let candidate = try readMediaContent() { item.offer(candidate) }
        } else if name == names.thumbnail {
            if let url = reader.attribute(names.url) { item.offer(XMLImageCandidate(rank: 1, url: url)) }
        } else if name == names.group {
            try readMediaGroup(into: &item)
        }
    }

    /// `media:content` when it is a picture (medium `image`, an `image/…` type, or, with neither, an
    /// image file name), with its `media:title` as alt text and `media:description` as caption.
    private func readMediaContent() throws(XMLReadError) -> XMLImageCandidate? {
        var url: String?, medium: String?, type: String?
        reader.forEachAttribute { local, ns, value in
            guard ns == nil else { return }
            if local == names.url { url = String(cString: value) }
            if local == names.medium { medium = String(cString: value).lowercased() }
            if local == names.type { type = String(cString: value).lowercased() }
        }
        let (alt, caption) = try readMediaText()
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
                if let candidate = try readMediaContent() { candidates.append(candidate) }
            } else if name == names.thumbnail, let url = reader.attribute(names.url) {
                candidates.append(XMLImageCandidate(rank: 1, url: url))
            } else if name == names.title, groupAlt == nil {
                groupAlt = try readText(.text).value
            } else if name == names.description, groupCaption == nil {
                groupCaption = try readText(.text).value
            }
        }
        for var candidate in candidates {
            candidate.alt = candidate.alt ?? groupAlt
            candidate.caption = candidate.caption ?? groupCaption
            item.offer(candidate)
        }
    }

    /// `media:title` and `media:description` inside the current media element.
    private func readMediaText() throws(XMLReadError) -> (alt: String?, caption: String?) {
        guard !reader.isEmptyElement else { return (nil, nil) }
        let depth = reader.depth
        var alt: String?, caption: String?
        while try reader.next() {
            let type = reader.nodeType
            if type == XMLNode.endElement, reader.depth == depth { break }
            guard type == XMLNode.element, reader.depth == depth + 1, isMedia(reader.namespaceURI) else { continue }
            if reader.localName == names.title, alt == nil { alt = try readText(.text).value }
            if reader.localName == names.description, caption == nil { caption = try readText(.text).value }
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

    /// The person's name in an RSS `author`, which the spec makes an e-mail address:
    /// `ed@example.com (Ed Rowe)` → `Ed Rowe`, `Ed Rowe <ed@example.com>` → `Ed Rowe`, a bare address → nil.
    static func nameFromRSSAuthor(_ raw: String) -> String? {
        let text = TextCleaning.line(raw)
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let inside = TextCleaning.line(String(text[text.index(after: open)..<close]))
            if !inside.isEmpty { return inside }
        }
        if let angle = text.firstIndex(of: "<") {
            let before = TextCleaning.line(String(text[..<angle]))
            if !before.isEmpty { return before }
        }
        if text.contains("@"), !text.contains(" ") { return nil }
        return text.isEmpty ? nil : text
    }
}
