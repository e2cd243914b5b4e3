/// Pointer type of libxml2's interned names.
typealias XMLName = UnsafePointer<UInt8>?

/// Namespace URIs feeds use, matched by URI (never by prefix).
enum XMLNamespace {
    static let atom = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    /// Default namespaces some RSS 2.0 generators put on `<rss>`; they mean "plain RSS".
    static let rssUserland = "http://backend.userland.com/rss2"
    static let rssHarvard = "http://blogs.law.harvard.edu/tech/rss"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let media = "http://search.yahoo.com/mrss/"
    static let mediaNoSlash = "http://search.yahoo.com/mrss"
    static let xml = "http://www.w3.org/XML/1998/namespace"
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    static let xhtml = "http://www.w3.org/1999/xhtml"
}

/// The vocabulary an element belongs to, from its namespace URI.
enum XMLVocabulary {
    /// The feed's own format: no namespace for RSS 2.0, RSS 1.0 for RDF, Atom for Atom.
    case core
    case atom, dc, dcterms, content, media, itunes, xhtml, rdf, other
}

/// Every name the feed reader compares, interned in one reader's dictionary.
struct XMLNames {
    let nsAtom, nsAtom03, nsRDF, nsRSS10, nsRSS090, nsUserland, nsHarvard, nsContent, nsDC, nsDCTerms, nsMedia, nsMediaNoSlash, nsXML,
        nsItunes, nsXHTML: XMLName
    let rss, feed, RDF, channel, item, entry, content: XMLName
    let title, link, guid, id, description, summary, author, name, email, category, pubDate, published, issued,
        updated, modified, enclosure, language, lang, encoded, creator, date, subject, created, group, thumbnail,
        about, href, rel, type, url, medium, term, label, src, isPermaLink, mode, body, subtitle: XMLName

    init(_ reader: XMLStreamReader) {
        func i(_ s: String) -> XMLName { reader.intern(s) }
        nsAtom = i(XMLNamespace.atom); nsAtom03 = i(XMLNamespace.atom03); nsRDF = i(XMLNamespace.rdf)
        nsRSS10 = i(XMLNamespace.rss10); nsRSS090 = i(XMLNamespace.rss090)
        nsUserland = i(XMLNamespace.rssUserland); nsHarvard = i(XMLNamespace.rssHarvard)
        nsContent = i(XMLNamespace.content); nsDC = i(XMLNamespace.dc); nsDCTerms = i(XMLNamespace.dcterms)
        nsMedia = i(XMLNamespace.media); nsMediaNoSlash = i(XMLNamespace.mediaNoSlash); nsXML = i(XMLNamespace.xml)
        nsItunes = i(XMLNamespace.itunes); nsXHTML = i(XMLNamespace.xhtml)
        rss = i("rss"); feed = i("feed"); RDF = i("RDF"); channel = i("channel"); item = i("item"); entry = i("entry")
        content = i("content")
        title = i("title"); link = i("link"); guid = i("guid"); id = i("id"); description = i("description")
        summary = i("summary"); author = i("author"); name = i("name"); email = i("email"); category = i("category")
        pubDate = i("pubDate"); published = i("published"); issued = i("issued"); updated = i("updated")
        modified = i("modified"); enclosure = i("enclosure"); language = i("language"); lang = i("lang")
        encoded = i("encoded"); creator = i("creator"); date = i("date"); subject = i("subject"); created = i("created")
        group = i("group"); thumbnail = i("thumbnail"); about = i("about"); href = i("href"); rel = i("rel")
        type = i("type"); url = i("url"); medium = i("medium"); term = i("term"); label = i("label"); src = i("src")
        isPermaLink = i("isPermaLink"); mode = i("mode"); body = i("body"); subtitle = i("subtitle")
    }

    /// Which vocabulary a namespace URI belongs to, given the feed's format. `core` is the namespace
    /// the document put its own elements in when it is none of the known ones (`<feed>` without the
    /// Atom namespace, RSS under a made-up default namespace): those elements are read as the format's own.
    func vocabulary(_ uri: XMLName, format: XMLFeedFormat, core: XMLName = nil) -> XMLVocabulary {
        if uri != nil, uri == core { return .core }
        switch format {
        case .rss: if uri == nil || uri == nsUserland || uri == nsHarvard { return .core }
        case .rdf: if uri == nsRSS10 || uri == nsRSS090 || uri == nil { return .core }
        case .atom: if uri == nsAtom || uri == nsAtom03 || uri == nil { return .core }
        }
        if uri == nil { return .other }
        if uri == nsAtom || uri == nsAtom03 { return .atom }
        if uri == nsDC { return .dc }
        if uri == nsDCTerms { return .dcterms }
        if uri == nsContent { return .content }
        if uri == nsMedia || uri == nsMediaNoSlash { return .media }
        if uri == nsItunes { return .itunes }
        if uri == nsXHTML { return .xhtml }
        if uri == nsRDF { return .rdf }
        return .other
    }
}

/// The three XML feed formats.
enum XMLFeedFormat: Sendable {
    /// RSS 0.9x/2.0: `<rss><channel><item>`, no namespace.
    case rss
    /// RSS 1.0 / RDF: `<rdf:RDF>` with `channel` and `item` in the RSS 1.0 namespace.
    case rdf
    /// Atom 1.0 (and 0.3): `<feed><entry>`.
    case atom
}
