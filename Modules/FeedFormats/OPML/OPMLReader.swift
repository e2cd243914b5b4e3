import Foundation

/// Streams an OPML document with the same libxml2 reader, settings and repairs as the feed parser.
enum OPMLReader {
    static func parse(_ data: Data) throws(FeedFormatError) -> OPMLDocument {
        guard data.count <= XMLFeedParser.defaultMaxBytes else {
            throw .tooLarge(bytes: data.count, limit: XMLFeedParser.defaultMaxBytes)
        }
        var input = try XMLInput.prepare(data, roots: ["opml"])
        if let conversion = input.conversionFailure {
            let encoding = TextCleaning.line(input.declaredEncoding ?? "the declared encoding").prefix(40)
            throw .invalidXML(line: 0, reason: "bytes that are not valid \(encoding) (\(conversion.message))")
        }
        var outcome = read(input)
        if case let .failure(error)? = outcome.error, !error.isUnsupportedEncoding, let repaired = input.repaired() {
            input = repaired
            outcome = read(input)
        }
        switch outcome.error {
        case nil:
            return outcome.document
        case let .notOPML(reason)?:
            throw .notAFeed(reason)
        case let .failure(error)? where error.isUnsupportedEncoding:
            throw .unsupportedEncoding(TextCleaning.line(input.declaredEncoding ?? error.message))
        case let .failure(error)?:
            throw .invalidXML(line: error.line > 0 ? error.line + input.lineOffset : 0, reason: error.message)
        }
    }

    private enum Stop {
        case notOPML(String)
        case failure(XMLReadError)
    }

    private static func read(_ input: XMLInput) -> (document: OPMLDocument, error: Stop?) {
        input.data.withUnsafeBytes { raw -> (OPMLDocument, Stop?) in
            var document = OPMLDocument(subscriptions: [])
            do throws(XMLReadError) {
                let problem = try XMLStreamReader.read(raw, encoding: input.encoding) { reader throws(XMLReadError) -> String? in
                    try walk(reader, into: &document)
                }
                return (document, problem.map(Stop.notOPML))
            } catch {
                return (document, .failure(error))
            }
        }
    }

    /// Reads the whole document into `document`; returns why it is not OPML, if it is not.
    private static func walk(_ reader: XMLStreamReader, into document: inout OPMLDocument) throws(XMLReadError) -> String? {
        let opml = reader.intern("opml"), head = reader.intern("head"), body = reader.intern("body")
        let title = reader.intern("title"), outline = reader.intern("outline"), text = reader.intern("text")
        let xmlUrl = reader.intern("xmlUrl"), htmlUrl = reader.intern("htmlUrl"), category = reader.intern("category")
        while try reader.next() {
            if reader.nodeType == XMLNode.element { break }
        }
        guard reader.nodeType == XMLNode.element else { return nil }
        guard reader.localName == opml, reader.namespaceURI == nil else {
            let written = reader.qualifiedName.map { String(cString: $0) } ?? "?"
            return "the root element is <\(TextCleaning.line(written).prefix(60))>, not <opml>"
        }
        var section: XMLName = nil
        var folders: [(name: String?, depth: Int32)] = []
        let fields = XMLItemReader(reader: reader, names: XMLNames(reader))
        while try reader.next() {
            let type = reader.nodeType, depth = reader.depth
            if type == XMLNode.endElement {
                if folders.last?.depth == depth { folders.removeLast() }
                continue
            }
            guard type == XMLNode.element else { continue }
            if depth == 1 {
                section = reader.localName
            } else if depth == 2, section == head, reader.localName == title, document.title == nil {
                document.title = TextCleaning.nonEmptyLine(try fields.readText(.text).value)
            } else if depth >= 2, section == body, reader.localName == outline {
                var attributes: [XMLName: String] = [:]
                reader.forEachAttribute { local, ns, value in
                    if ns == nil, local == text || local == title || local == xmlUrl || local == htmlUrl || local == category {
                        attributes[local] = String(cString: value)
                    }
                }
                let name = TextCleaning.nonEmptyLine(attributes[title]) ?? TextCleaning.nonEmptyLine(attributes[text])
                if let feedURL = TextCleaning.nonEmptyLine(attributes[xmlUrl]) {
                    var path = folders.compactMap(\.name)
                    if folders.isEmpty, let list = attributes[category] { path = categoryPath(list) }
                    document.subscriptions.append(OPMLSubscription(
                        title: name ?? feedURL, feedURL: feedURL,
                        homePageURL: TextCleaning.nonEmptyLine(attributes[htmlUrl]), categories: path))
                } else if !reader.isEmptyElement {
                    folders.append((name, depth))
                }
            }
        }
        return nil
    }

    /// The folder path of the first entry in an OPML `category` list: `/News/Local,Weekend` → `["News", "Local"]`.
    static func categoryPath(_ list: String) -> [String] {
        guard let first = list.split(separator: ",").first else { return [] }
        return first.split(separator: "/").compactMap { TextCleaning.nonEmptyLine(String($0)) }
    }
}
