/// How a captured text field is to be read.
enum XMLTextKind: Sendable {
    /// Plain text (RSS titles, Atom `type="text"`).
    case text
    /// HTML source: escaped HTML in RSS `description` and `content:encoded`, Atom `type="html"`, and
    /// inline XHTML rebuilt as markup.
    case html
}

/// A text field as captured from the document, before cleaning.
struct XMLTextField: Sendable {
    var value: String
    var kind: XMLTextKind
}

/// A picture an item points at, and how sure we are it is the lead image.
struct XMLImageCandidate: Sendable {
    /// Lower is better: media:content 0, media:thumbnail 1, enclosure 2, Atom enclosure link 3.
    var rank: Int
    var url: String
    var alt: String?
    var caption: String?
}

/// What the feed as a whole says: the channel (RSS, RDF) or feed (Atom) element.
struct XMLRawFeed: Sendable {
    var format: XMLFeedFormat = .rss
    /// Channel or feed `title` (Atom titles may be HTML).
    var title: XMLTextField?
    /// The home page: RSS/RDF channel `link`, Atom `link rel="alternate"` (resolved against `xml:base`).
    var homePage: String?
    /// Whether `homePage` is an HTML page rather than an alternate link of another type.
    var homePageIsWebPage = false
    /// The feed's own address: `atom:link rel="self"`.
    var selfLink: String?
    /// Channel `language` or `dc:language`.
    var language: String?
    /// `xml:lang` on the root, channel or feed element.
    var xmlLang: String?
    /// Atom feed-level `author/name`s, which entries without their own authors inherit.
    var authors: [String] = []
}

/// One item (RSS, RDF) or entry (Atom) as captured, fields still raw.
struct XMLRawItem: Sendable {
    /// 0-based position among the feed's items.
    var index: Int
    /// RSS `guid` or Atom `id`.
    var guid: String?
    /// RSS `guid isPermaLink` (true unless written "false").
    var guidIsPermaLink = true
    /// RDF `rdf:about`.
    var about: String?
    /// RSS/RDF `link` text, or Atom `link rel="alternate"` href (resolved against `xml:base`).
    var link: String?
    /// A link found elsewhere (`atom:link` in RSS, an Atom alternate link that is not HTML), used
    /// only when there is no `link`.
    var fallbackLink: String?
    var title: XMLTextField?
    /// RSS/RDF `description`, Atom `summary`.
    var summary: XMLTextField?
    /// RSS `content:encoded` or an XHTML `body`, Atom `content`.
    var content: XMLTextField?
    /// The `xml:base` in effect on `content`, which its relative links resolve against.
    var contentBase: String?
    /// `media:title` (in the item, a `media:group` or `media:content`): the title when there is none.
    var mediaTitle: XMLTextField?
    /// `media:description`, else `itunes:summary`, else `itunes:subtitle`: the summary when there is none.
    var fallbackSummary: XMLTextField?
    /// Where `fallbackSummary` came from, lower is better: `media:description` 0, `itunes:summary` 1,
    /// `itunes:subtitle` 2.
    var fallbackSummaryRank = Int.max
    /// `dc:creator`, RSS `author`, Atom `author/name`, in order; names only, never e-mail addresses.
    var authors: [String] = []
    /// `itunes:author`: the byline when there is no other author.
    var itunesAuthor: String?
    /// RSS `category`, `dc:subject`, Atom `category` label or term.
    var categories: [String] = []
    /// The first publication date found, and the element it came from (for problem reports).
    var published: String?
    var publishedField = "pubDate"
    var updated: String?
    var image: XMLImageCandidate?
    /// Item-level `dc:language` or `xml:lang`.
    var language: String?

    /// Keeps a stand-in summary when it ranks better than the one found so far (see `fallbackSummaryRank`).
    mutating func offerSummary(_ field: XMLTextField, rank: Int) {
        guard rank < fallbackSummaryRank, FeedItemKey.hasText(field.value) else { return }
        fallbackSummary = field
        fallbackSummaryRank = rank
    }

    /// Keeps `candidate` when it ranks better than the image found so far.
    mutating func offer(_ candidate: XMLImageCandidate) {
        if image.map({ candidate.rank < $0.rank }) ?? true { image = candidate }
    }

    /// The key an article id is made from: guid/id, else `rdf:about`, else the link; nil if none
    /// (`XMLItemKeys` tells apart items that share one).
    var key: String? {
        FeedItemKey.first([guid, about, link, fallbackLink])
    }
}
