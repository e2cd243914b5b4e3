import Foundation

/// Reads the fields of one item or entry (and text fields anywhere) from the reader's current element.
///
/// Each `read…` call starts on an element's start node and, when it consumes content, leaves the
/// reader on that element's end node, so the caller's loop continues with the next sibling.
struct XMLItemReader {
    let reader: XMLStreamReader
    let names: XMLNames
    /// An unknown namespace the document writes its own elements in (see `XMLNames.vocabulary`).
    var coreNamespace: XMLName = nil

    /// The vocabulary of an element's namespace in this document.
    func vocabulary(_ uri: XMLName, format: XMLFeedFormat) -> XMLVocabulary {
        names.vocabulary(uri, format: format, core: coreNamespace)
    }

    /// Reads the item whose start element is current into `item`, field by field.
    func readItem(_ item: inout XMLRawItem, format: XMLFeedFormat) throws(XMLReadError) {
        item.about = reader.attribute(names.about, namespace: names.nsRDF)
        item.language = xmlLang()
        guard !reader.isEmptyElement else { return }
        let depth = reader.depth
        while try reader.next() {
            let type = reader.nodeType
            if type == XMLNode.endElement, reader.depth == depth { return }
            guard type == XMLNode.element, reader.depth == depth + 1 else { continue }
            let name = reader.localName
            switch vocabulary(reader.namespaceURI, format: format) {
            case .core where format == .atom: try readAtomField(name, into: &item)
            case .core: try readRSSField(name, into: &item)
            case .dc: try readDublinCore(name, into: &item)
            case .dcterms:
                if name == names.modified, item.updated == nil { item.updated = try readText(.text).value }
                if name == names.created || name == names.issued, item.published == nil {
                    item.published = try readText(.text).value
                    item.publishedField = "dcterms:" + (name == names.created ? "created" : "issued")
                }
            case .content:
                if name == names.encoded, item.content == nil {
                    item.contentBase = webBase()
                    item.content = try readText(.html)
                }
            case .media: try readMedia(name, into: &item)
            case .itunes: try readItunes(name, into: &item)
            case .xhtml:
                if name == names.body, item.content == nil { item.content = try readText(.html, markup: true) }
            case .atom:
                if name == names.link, item.fallbackLink == nil, let link = atomLink(), link.rel == "alternate" {
                    item.fallbackLink = link.href
                } else if name == names.updated, item.updated == nil {
                    item.updated = try readText(.text).value
                } else if name == names.published, item.published == nil {
                    item.published = try readText(.text).value
                    item.publishedField = "atom:published"
                }
            case .rdf, .other: break
            }
        }
    }

    private func readRSSField(_ name: XMLName, into item: inout XMLRawItem) throws(XMLReadError) {
        if name == names.title {
            if item.title == nil { item.title = try readText(.text) }
        } else if name == names.link {
            if item.link == nil { item.link = try readLink() }
        } else if name == names.guid {
            if item.guid == nil {
                item.guidIsPermaLink = reader.attribute(names.isPermaLink).map { $0.lowercased() != "false" } ?? true
                item.guid = try readText(.text).value
            }
        } else if name == names.description {
            if item.summary == nil { item.summary = try readText(.html) }
        } else if name == names.author {
            if let author = XMLItemReader.personName(try readText(.text).value) { item.authors.append(author) }
        } else if name == names.category {
            item.categories.append(try readText(.text).value)
        } else if name == names.pubDate {
            if item.published == nil { item.published = try readText(.text).value }
        } else if name == names.enclosure {
            let type = reader.attribute(names.type)?.lowercased()
            if let url = reader.attribute(names.url), type?.hasPrefix("image/") ?? XMLItemReader.looksLikeImage(url) {
                item.offer(XMLImageCandidate(rank: 2, url: url))
            }
        }
    }

    private func readAtomField(_ name: XMLName, into item: inout XMLRawItem) throws(XMLReadError) {
        if name == names.title {
            if item.title == nil { item.title = try readAtomText() }
        } else if name == names.link {
            guard let link = atomLink() else { return }
            if link.rel == "alternate", link.isWebPage, item.link == nil { item.link = link.href }
            if link.rel == "alternate", !link.isWebPage, item.fallbackLink == nil { item.fallbackLink = link.href }
            if link.rel == "enclosure", link.isImage { item.offer(XMLImageCandidate(rank: 3, url: link.href)) }
        } else if name == names.id {
            if item.guid == nil { item.guid = try readText(.text).value }
        } else if name == names.summary {
            if item.summary == nil { item.summary = try readAtomText() }
        } else if name == names.content {
            if item.content == nil, reader.attribute(names.src) == nil {
                item.contentBase = webBase()
                item.content = try readAtomText()
            }
        } else if name == names.author {
            if let author = try readAtomPersonName().flatMap(XMLItemReader.personName) { item.authors.append(author) }
        } else if name == names.category {
            if let label = reader.attribute(names.label) ?? reader.attribute(names.term) { item.categories.append(label) }
        } else if name == names.published || name == names.issued {
            if item.published == nil {
                item.published = try readText(.text).value
                item.publishedField = name == names.published ? "published" : "issued"
            }
        } else if name == names.updated || name == names.modified {
            if item.updated == nil { item.updated = try readText(.text).value }
        }
    }

    private func readDublinCore(_ name: XMLName, into item: inout XMLRawItem) throws(XMLReadError) {
        if name == names.creator {
            if let author = XMLItemReader.personName(try readText(.text).value) { item.authors.append(author) }
        } else if name == names.date {
            if item.published == nil {
                item.published = try readText(.text).value
                item.publishedField = "dc:date"
            }
        } else if name == names.subject {
            item.categories.append(try readText(.text).value)
        } else if name == names.language {
            if item.language == nil { item.language = try readText(.text).value }
        } else if name == names.modified {
            if item.updated == nil { item.updated = try readText(.text).value }
        } else if name == names.title {
            if item.title == nil { item.title = try readText(.text) }
        } else if name == names.description {
            if item.summary == nil { item.summary = try readText(.html) }
        }
    }

    /// `xml:lang` written on the current element itself (not inherited).
    func xmlLang() -> String? {
        reader.attribute(names.lang, namespace: names.nsXML)
    }

    /// The text inside the current element. `.html` fields keep child elements as markup.
    func readText(_ kind: XMLTextKind, markup: Bool = false) throws(XMLReadError) -> XMLTextField {
        guard !reader.isEmptyElement else { return XMLTextField(value: "", kind: kind) }
        var collector = XMLTextCollector(markup: markup)
        let depth = reader.depth
        while try reader.next() {
            switch reader.nodeType {
            case XMLNode.text, XMLNode.cdata, XMLNode.significantWhitespace, XMLNode.whitespace:
                collector.append(text: reader.value)
            case XMLNode.entityReference:
                collector.append(entity: reader.qualifiedName)
            case XMLNode.element where kind == .html:
                collector.appendStartTag(currentLocalName(), attributes: markupAttributes(), isEmpty: reader.isEmptyElement)
            case XMLNode.endElement:
                if reader.depth == depth { return XMLTextField(value: collector.text, kind: kind) }
                if kind == .html { collector.appendEndTag(currentLocalName()) }
            default:
                break
            }
        }
        return XMLTextField(value: collector.text, kind: kind)
    }

    /// An Atom text construct: `type` text (default), html or xhtml (read as markup); nil for other
    /// types. Atom 0.3's `mode` is honoured: `base64` content is decoded (as UTF-8, at most the field
    /// cap), `escaped` is escaped markup (HTML unless the type says plain text), `xml` inline markup.
    func readAtomText() throws(XMLReadError) -> XMLTextField? {
        let mode = reader.attribute(names.mode)?.lowercased()
        let kind: XMLTextKind, markup: Bool
        switch reader.attribute(names.type)?.lowercased() {
        case nil where mode == "escaped": (kind, markup) = (.html, false)
        case nil, "text", "text/plain": (kind, markup) = (.text, false)
        case "html", "text/html": (kind, markup) = (.html, false)
        case "xhtml", "application/xhtml+xml": (kind, markup) = (.html, mode != "escaped" && mode != "base64")
        default: return nil
        }
        guard mode == "base64" else { return try readText(kind, markup: markup) }
        let encoded = try readText(.text).value
        let bytes = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) ?? Data()
        return XMLTextField(value: Windows1252.replacingC1(String(decoding: bytes, as: UTF8.self)), kind: kind)
    }

    /// The `xml:base` in effect on the current element (nested ones resolved by libxml2), when it is
    /// an absolute web address.
    func webBase() -> String? {
        reader.baseURI.flatMap { WebAddress.absoluteWebURL($0, base: nil) }
    }

    /// The text of a link element, resolved against the `xml:base` in effect on it.
    func readLink() throws(XMLReadError) -> String {
        let base = reader.baseURI
        let text = try readText(.text).value
        guard let base, let absolute = WebAddress.absoluteWebURL(text, base: base) else { return text }
        return absolute
    }

    /// An Atom `link`'s rel (default `alternate`), href (resolved against `xml:base`) and type.
    func atomLink() -> (rel: String, href: String, isWebPage: Bool, isImage: Bool)? {
        var rel = "alternate", href: String?, type = ""
        reader.forEachAttribute { local, ns, value in
            guard ns == nil else { return }
            if local == names.rel { rel = String(cString: value).lowercased() }
            if local == names.href { href = String(cString: value) }
            if local == names.type { type = String(cString: value).lowercased() }
        }
        guard var href, !href.isEmpty else { return nil }
        if let base = reader.baseURI, let absolute = WebAddress.absoluteWebURL(href, base: base) { href = absolute }
        let isWebPage = type.isEmpty || type.hasPrefix("text/html") || type.hasPrefix("application/xhtml")
        let isImage = type.hasPrefix("image/") || (type.isEmpty && Self.looksLikeImage(href))
        return (rel, href, isWebPage, isImage)
    }

    /// The `name` inside an Atom person construct (`author`, `contributor`).
    func readAtomPersonName() throws(XMLReadError) -> String? {
        guard !reader.isEmptyElement else { return nil }
        let depth = reader.depth
        var name: String?
        while try reader.next() {
            let type = reader.nodeType
            if type == XMLNode.endElement, reader.depth == depth { break }
            if type == XMLNode.element, reader.depth == depth + 1, reader.localName == names.name, name == nil {
                name = try readText(.text).value
            }
        }
        return name
    }

    private func currentLocalName() -> String {
        reader.localName.map { String(cString: $0) } ?? "span"
    }

    /// The current child element's attributes for rebuilt markup, without namespace declarations.
    private func markupAttributes() -> [(String, String)] {
        var attributes: [(String, String)] = []
        reader.forEachAttribute { local, _, value in
            guard let local, let qualified = reader.qualifiedName else { return }
            let name = String(cString: qualified)
            guard name != "xmlns", !name.hasPrefix("xmlns:") else { return }
            attributes.append((String(cString: local), String(cString: value)))
        }
        return attributes
    }
}
