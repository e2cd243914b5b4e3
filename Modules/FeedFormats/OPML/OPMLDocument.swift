import Foundation

/// One feed in a subscription list.
public struct OPMLSubscription: Sendable, Hashable {
    /// The name shown for the feed (`title`, else `text`, else the feed URL).
    public var title: String
    /// The feed's address (`xmlUrl`).
    public var feedURL: String
    /// The site's home page (`htmlUrl`), when given.
    public var homePageURL: String?
    /// The folder path from the top, e.g. `["News", "Local"]`; empty at top level.
    public var categories: [String]

    /// Creates a subscription.
    public init(title: String, feedURL: String, homePageURL: String? = nil, categories: [String] = []) {
        self.title = title
        self.feedURL = feedURL
        self.homePageURL = homePageURL
        self.categories = categories
    }
}

/// An OPML 2.0 subscription list (http://opml.org/spec2.opml): its title and feeds, folders flattened
/// into each feed's `categories` path.
public struct OPMLDocument: Sendable, Hashable {
    /// `head/title`, when present.
    public var title: String?
    /// Feeds in document order.
    public var subscriptions: [OPMLSubscription]

    /// Creates a document.
    public init(title: String? = nil, subscriptions: [OPMLSubscription]) {
        self.title = title
        self.subscriptions = subscriptions
    }

    /// Reads an OPML document: outlines with `xmlUrl` are feeds, outlines without are folders whose
    /// names (`title`, else `text`) make the `categories` path of the feeds inside. A feed at top
    /// level takes its path from its `category` attribute instead (`/News/Local` → `["News", "Local"]`,
    /// the first of a comma-separated list). Outlines with an empty `xmlUrl` are skipped. Same safety
    /// settings and repairs as `XMLFeedParser`.
    public static func parse(_ data: Data) throws(FeedFormatError) -> OPMLDocument {
        try OPMLReader.parse(data)
    }

    /// The document as OPML 2.0 text: folders re-nested from `categories` (in order of first
    /// appearance), attribute values escaped and stripped of control characters.
    public func xml() -> String {
        var root = OPMLFolder(name: "")
        for subscription in subscriptions { root.insert(subscription, at: subscription.categories[...]) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n"
        if let title { out += "    <title>\(Self.escaped(title))</title>\n" }
        out += "  </head>\n  <body>\n"
        root.write(into: &out, indent: 2)
        out += "  </body>\n</opml>\n"
        return out
    }

    /// `text` safe inside a double-quoted attribute or element: `& < > "` as references, control
    /// characters (C0, DEL, C1) removed.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22: out += "&quot;"
            case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A folder being rebuilt for export: its feeds and sub-folders in order of first appearance.
private struct OPMLFolder {
    enum Entry {
        case feed(OPMLSubscription)
        case folder(Int)
    }

    var name: String
    var entries: [Entry] = []
    var folders: [OPMLFolder] = []

    init(name: String) {
        self.name = name
    }

    mutating func insert(_ subscription: OPMLSubscription, at path: ArraySlice<String>) {
        guard let first = path.first else {
            entries.append(.feed(subscription))
            return
        }
        let index: Int
        if let existing = folders.firstIndex(where: { $0.name == first }) {
            index = existing
        } else {
            folders.append(OPMLFolder(name: first))
            index = folders.count - 1
            entries.append(.folder(index))
        }
        folders[index].insert(subscription, at: path.dropFirst())
    }

    func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent)
        for entry in entries {
            switch entry {
            case let .feed(feed):
                let title = OPMLDocument.escaped(feed.title)
                out += "\(pad)<outline type=\"rss\" text=\"\(title)\" title=\"\(title)\" xmlUrl=\"\(OPMLDocument.escaped(feed.feedURL))\""
                if let home = feed.homePageURL { out += " htmlUrl=\"\(OPMLDocument.escaped(home))\"" }
                out += "/>\n"
            case let .folder(index):
                let folder = folders[index]
                let name = OPMLDocument.escaped(folder.name)
                out += "\(pad)<outline text=\"\(name)\" title=\"\(name)\">\n"
                folder.write(into: &out, indent: indent + 1)
                out += "\(pad)</outline>\n"
            }
        }
    }
}
