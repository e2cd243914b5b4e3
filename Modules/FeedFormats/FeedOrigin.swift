import Foundation
import NewsModels

/// Where a feed document came from, which decides which outlet it may speak for.
///
/// A feed names its outlet itself (its home page or self link), but anyone can write any link, so the
/// source id that article ids and revision rights hang off is bound to where the feed was fetched: a
/// feed fetched from a host speaks for that host's domain or a parent domain of it (`feeds.lantern.example`
/// for `lantern.example`); any other claim is filed under the origin itself (`evil.example/feed.xml`,
/// `file:feed.xml`), keeping the feed's display name. Origin ids always hold a `/` or a `:`, which a
/// domain never does, so they never meet an outlet's own id.
public enum FeedOrigin: Sendable, Hashable {
    /// Fetched from this http(s) URL: a reader's subscription or a server's upstream feed.
    case url(String)
    /// Read from a local file with this name, no outlet declared for it.
    case file(String)

    /// The address the document was fetched from, which relative links resolve against; nil for a file.
    public var location: String? {
        if case let .url(url) = self { url } else { nil }
    }

    /// The source the feed's articles are filed under: `claimed` when this origin may speak for its id,
    /// else a source named after the origin, with the feed's display name.
    public func bind(_ claimed: Source) -> Source {
        if mayClaim(claimed.id) { return claimed }
        switch self {
        case let .url(url): return Source(id: key, name: claimed.name, domain: WebAddress.domain(of: url), url: url)
        case .file: return Source(id: key, name: claimed.name)
        }
    }

    /// Whether this origin may speak for the outlet `sourceID`: a URL for its host's domain and the
    /// parent domains of it that still have a dot; anything for the id of the origin itself.
    public func mayClaim(_ sourceID: String) -> Bool {
        if sourceID == key { return true }
        guard case let .url(url) = self, let host = WebAddress.domain(of: url), sourceID.contains(".") else { return false }
        return host == sourceID || host.hasSuffix("." + sourceID)
    }

    /// The source id of the origin itself: `host[:port]/path[?query]` of a URL (lowercased host without
    /// `www.`, no scheme or fragment), `file:NAME` of a file.
    public var key: String {
        switch self {
        case let .file(name):
            return "file:" + name
        case let .url(url):
            guard let components = URLComponents(string: url.trimmingCharacters(in: .whitespacesAndNewlines)),
                  let domain = WebAddress.domain(of: url)
            else { return "url:" + url }
            let port = components.port.map { ":\($0)" } ?? ""
            let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
            return domain + port + path + query
        }
    }

    /// The source of a feed that names no outlet of its own (no link with a host): the origin itself,
    /// named `name` (the feed's title), else the file name or the URL's host.
    public func own(named name: String?) -> Source {
        switch self {
        case let .url(url):
            let domain = WebAddress.domain(of: url)
            return Source(id: key, name: name ?? domain ?? key, domain: domain, url: url)
        case let .file(file):
            return Source(id: key, name: name ?? file)
        }
    }

    /// Parses a document attributed to this origin: `parse(nil)` reads the outlet the document claims;
    /// when this origin may not speak for it, the document is parsed again under `bind`'s source, so
    /// every article id derives from the bound source id, and `claimedIDs` maps each to the id the
    /// claim gave (what stores filled before ids were bound use to find their copies). A document that
    /// claims no outlet at all (`noSource`, `noFeedLink`) is filed under the origin itself (`own`).
    public func parse(_ parse: (Source?) throws(FeedFormatError) -> FeedParseResult) throws(FeedFormatError) -> FeedParseResult {
        let claimed: FeedParseResult
        do throws(FeedFormatError) {
            claimed = try parse(nil)
        } catch .noSource, .noFeedLink {
            var unnamed = try parse(own(named: nil))
            guard let title = unnamed.feedTitle else { return unnamed }
            // Ids hang off the source id only, so naming the source after the parse changes no id.
            let named = own(named: title)
            unnamed.source = named
            for index in unnamed.articles.indices { unnamed.articles[index].source = named }
            return unnamed
        }
        let source = bind(claimed.source)
        guard source != claimed.source else { return claimed }
        var bound = try parse(source)
        // The same document parsed twice yields the same items in the same order; only ids differ.
        if bound.articles.count == claimed.articles.count {
            bound.claimedIDs = Dictionary(zip(bound.articles.map(\.id), claimed.articles.map(\.id)), uniquingKeysWith: { first, _ in first })
        }
        return bound
    }
}
