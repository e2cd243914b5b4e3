import NewsModels

/// What a saved article page says about itself in its `<head>`, for importing the page as an article.
public struct HTMLPageMetadata: Sendable, Hashable {
    /// The headline: `og:title`, else `<title>`.
    public var title: String?
    /// The standfirst: `og:description`, else `<meta name="description">`.
    public var description: String?
    /// The page's own address: `<link rel="canonical">`, else `og:url` (absolute http(s) only).
    public var canonicalURL: String?
    /// `<meta name="author">`.
    public var author: String?
    /// `article:published_time`, when it is an RFC 3339 time.
    public var published: Timestamp?
    /// The outlet's name: `og:site_name`.
    public var siteName: String?

    /// Creates page metadata.
    public init(
        title: String? = nil, description: String? = nil, canonicalURL: String? = nil, author: String? = nil,
        published: Timestamp? = nil, siteName: String? = nil
    ) {
        self.title = title
        self.description = description
        self.canonicalURL = canonicalURL
        self.author = author
        self.published = published
        self.siteName = siteName
    }
}

/// Collects the head's `<title>`, `<meta>`, `<link rel="canonical">` and `<base>`, and is done at the first
/// element that belongs to the body. Also the probe that lets libxml2 find a page's `<meta charset>`.
final class HTMLHeadReader: HTMLEventReceiver {
    private var headDepth = 0
    private var inTitle = false
    private var sawTitle = false
    private var title: [UInt8] = []
    /// `<meta>` contents by lowercased `property` or `name`; the first of each wins.
    private var properties: [String: String] = [:]
    private var canonical: String?
    private var base: String?
    private(set) var isDone = false

    func start(_ tag: HTMLTag, _ attributes: HTMLAttributes) {
        switch tag {
        case .head: headDepth += 1
        case .body: isDone = true
        case .title:
            inTitle = !sawTitle
            sawTitle = true
        case .meta:
            guard let key = (attributes.value("property") ?? attributes.value("name")).map({ TextCleaning.line($0).lowercased() }),
                  let content = attributes.value("content"), properties[key] == nil
            else { return }
            properties[key] = content
        case .link:
            let rel = attributes.value("rel")?.lowercased().split(whereSeparator: \.isWhitespace) ?? []
            if canonical == nil, rel.contains("canonical") { canonical = attributes.value("href") }
        case .base:
            if base == nil { base = attributes.value("href") }
        case .html, .script, .style, .noscript, .template:
            break
        default:
            if headDepth == 0 { isDone = true }  // body content: the head (if any) is over
        }
    }

    func end(_ tag: HTMLTag) {
        switch tag {
        case .head: headDepth = max(0, headDepth - 1)
        case .title: inTitle = false
        default: break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inTitle, title.count < 4096 { title.append(contentsOf: bytes.prefix(4096 - title.count)) }
    }

    /// The metadata found, cleaned, with relative addresses resolved against `<base>` or `baseURL`.
    func metadata(baseURL: String?) -> HTMLPageMetadata {
        let resolveBase = base.flatMap { WebAddress.absoluteWebURL(TextCleaning.line($0), base: baseURL) } ?? baseURL
        func property(_ key: String) -> String? { TextCleaning.nonEmptyLine(properties[key]) }
        let address = [canonical, properties["og:url"]].lazy
            .compactMap { $0.flatMap { WebAddress.absoluteWebURL(TextCleaning.line($0), base: resolveBase) } }
            .first
        return HTMLPageMetadata(
            title: property("og:title") ?? TextCleaning.nonEmptyLine(String(decoding: title, as: UTF8.self)),
            description: property("og:description") ?? property("description"),
            canonicalURL: address,
            author: property("author"),
            published: property("article:published_time").flatMap(FeedItemDates.parseRFC3339First),
            siteName: property("og:site_name"))
    }
}
