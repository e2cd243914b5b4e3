/// One streaming pass over an RSS, RDF or Atom document, capturing the feed's fields and its items.
///
/// Elements are recognised by depth and namespace URI: channel fields are the channel's direct
/// children, so an `<image><title>` never becomes the feed's title. When libxml2 stops on an error the
/// items read so far stay in `items`, and `openItem` holds the one it was inside, if any.
struct XMLFeedScanner {
    /// Items beyond this many are not read; one problem reports the cut.
    static let maxItems = 100_000

    var fields: XMLItemReader
    var feed = XMLRawFeed()
    var items: [XMLRawItem] = []
    /// The item being read when reading stopped with an error.
    var openItem: XMLRawItem?
    /// How many items were started (complete or not).
    var itemsSeen = 0
    /// Set when the feed had more than `maxItems` items.
    var stoppedAtItemLimit = false
    /// Why the document is not a feed (its root element), when it is not.
    var notAFeed: String?

    init(reader: XMLStreamReader) {
        fields = XMLItemReader(reader: reader, names: XMLNames(reader))
    }

    private var reader: XMLStreamReader { fields.reader }
    private var names: XMLNames { fields.names }

    /// Reads the whole document; throws libxml2's error if it is not well-formed.
    mutating func scan() throws(XMLReadError) {
        while try reader.next() {
            if reader.nodeType == XMLNode.element { break }
        }
        guard reader.nodeType == XMLNode.element else { return }
        let root = reader.localName, ns = reader.namespaceURI
        if root == names.rss {
            feed.format = .rss
        } else if root == names.feed {
            // Atom 1.0, Atom 0.3, or a `<feed>` whose generator left out or misspelt the namespace.
            feed.format = .atom
        } else if root == names.RDF, ns == names.nsRDF {
            feed.format = .rdf
        } else {
            let written = reader.qualifiedName.map { String(cString: $0) } ?? "?"
            notAFeed = "the root element is <\(TextCleaning.line(written).prefix(60))>"
            return
        }
        if feed.format != .rdf { adoptCoreNamespace(ns) }
        feed.xmlLang = fields.xmlLang()
        guard !reader.isEmptyElement else { return }
        var inChannel = false
        while try reader.next() {
            guard reader.nodeType == XMLNode.element else { continue }
            let depth = reader.depth, name = reader.localName
            if feed.format == .rdf, depth == 1, name == names.channel || name == names.item { adoptCoreNamespace(reader.namespaceURI) }
            let vocabulary = fields.vocabulary(reader.namespaceURI, format: feed.format)
            if feed.format == .atom {
                guard depth == 1 else { continue }
                if vocabulary == .core, name == names.entry {
                    try readItem()
                    if stoppedAtItemLimit { return }
                } else {
                    try readFeedField(name, vocabulary)
                }
                continue
            }
            if depth == 1 {
                inChannel = vocabulary == .core && name == names.channel
                if inChannel, feed.xmlLang == nil { feed.xmlLang = fields.xmlLang() }
            }
            if vocabulary == .core, name == names.item, depth == 1 || (depth == 2 && inChannel) {
                try readItem()
                if stoppedAtItemLimit { return }
            } else if depth == 2, inChannel {
                try readFeedField(name, vocabulary)
            }
        }
    }

    /// Reads elements in `namespace` as the format's own when it is no namespace the reader knows (RSS
    /// or RDF items under a made-up default namespace, as feedparser reads them); the first one counts.
    private mutating func adoptCoreNamespace(_ namespace: XMLName) {
        guard fields.coreNamespace == nil, namespace != nil, names.vocabulary(namespace, format: feed.format) == .other else { return }
        fields.coreNamespace = namespace
    }

    /// A direct child of the RSS/RDF channel or the Atom feed.
    private mutating func readFeedField(_ name: XMLName, _ vocabulary: XMLVocabulary) throws(XMLReadError) {
        switch vocabulary {
        case .core:
            if name == names.title, feed.title == nil {
                feed.title = try feed.format == .atom ? fields.readAtomText() : fields.readText(.text)
            } else if name == names.link {
                if feed.format == .atom {
                    readAtomFeedLink()
                } else if feed.homePage == nil {
                    feed.homePage = try fields.readLink()
                    feed.homePageIsWebPage = true
                }
            } else if name == names.language, feed.language == nil {
                feed.language = try fields.readText(.text).value
            } else if name == names.author, feed.format == .atom, let author = try fields.readAtomPersonName() {
                feed.authors.append(author)
            }
        case .dc:
            if name == names.language, feed.language == nil { feed.language = try fields.readText(.text).value }
            if name == names.title, feed.title == nil { feed.title = try fields.readText(.text) }
        case .atom:
            if name == names.link { readAtomFeedLink() }
        default:
            break
        }
    }

    /// An Atom `link` at feed level: `alternate` (the default) is the home page, `self` the feed's address.
    /// An alternate link of another type (`application/xml`) is the home page only when there is no HTML one.
    private mutating func readAtomFeedLink() {
        guard let link = fields.atomLink() else { return }
        switch link.rel {
        case "alternate" where link.isWebPage && !feed.homePageIsWebPage:
            feed.homePage = link.href
            feed.homePageIsWebPage = true
        case "alternate" where feed.homePage == nil: feed.homePage = link.href
        case "self" where feed.selfLink == nil: feed.selfLink = link.href
        default: break
        }
    }

    /// Reads one item or entry; stops the scan (with a flag) past `maxItems`.
    private mutating func readItem() throws(XMLReadError) {
        guard itemsSeen < Self.maxItems else {
            stoppedAtItemLimit = true
            return
        }
        var item = XMLRawItem(index: itemsSeen)
        itemsSeen += 1
        do {
            try fields.readItem(&item, format: feed.format)
        } catch {
            openItem = item
            throw error
        }
        items.append(item)
    }
}
