import Foundation
import NewsModels

/// Social-media posts pasted as their sites' embed code, and the dash lines that attribute quotes.
///
/// X/Twitter's code is `<blockquote class="twitter-tweet"><p>text</p>&mdash; Name (@handle)
/// <a href="https://twitter.com/handle/status/1?ref_src=…">date</a></blockquote>` (plus a script, dropped);
/// Bluesky's `bluesky-embed` follows the same shape with a `bsky.app/…/post/…` link.
enum HTMLEmbeds {
    /// The embed kind of a `<blockquote>` whose class marks a post's embed code, else nil.
    static func kind(of attributes: HTMLAttributes) -> String? {
        if attributes.value("class", containsAnyOf: ["twitter-tweet"]) { return "x" }
        if attributes.value("class", containsAnyOf: ["bluesky-embed"]) { return "bluesky" }
        return nil
    }

    /// Whether `url` is the address of a post of `kind` (the link whose text is the post's date).
    static func isPostURL(_ url: String, kind: String) -> Bool {
        guard let parts = URLComponents(string: url), let domain = WebAddress.domain(of: url) else { return false }
        switch kind {
        case "x": return ["twitter.com", "x.com", "mobile.twitter.com"].contains(domain) && parts.path.contains("/status/")
        case "bluesky": return domain == "bsky.app" && parts.path.contains("/post/")
        default: return false
        }
    }

    /// The post in an embed's paragraphs: the last one, when it is a dash line, is the byline
    /// `— Name (@handle) date`, the date being the post link's text; the rest is the post's text.
    /// Nil when there is neither text nor a link to the post.
    static func embed(kind: String, paragraphs: [String], postLink: (url: String, label: String)?) -> Embed? {
        var paragraphs = paragraphs
        var author: String?
        var handle: String?
        var date: String?
        if var lines = paragraphs.last?.split(separator: "\n").map(String.init),
           var byline = lines.last.flatMap(dashAttribution) {
            lines.removeLast()
            paragraphs.removeLast()
            if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
            if let label = postLink?.label, !label.isEmpty, byline.hasSuffix(label) {
                date = label
                byline = String(byline.dropLast(label.count)).trimmingCharacters(in: .whitespaces)
            }
            (author, handle) = nameAndHandle(byline)
        }
        let url = postLink.map { withoutReferrer($0.url) }
        let text = paragraphs.joined(separator: "\n")
        guard !text.isEmpty || url != nil else { return nil }
        return Embed(kind: kind, author: author, handle: handle, date: date, url: url, text: text)
    }

    /// `Name (@handle)` as its two parts; a byline without a parenthesised `@handle` is all name.
    private static func nameAndHandle(_ byline: String) -> (String?, String?) {
        guard byline.hasSuffix(")"), let open = byline.lastIndex(of: "(") else { return (byline.isEmpty ? nil : byline, nil) }
        let handle = byline[byline.index(after: open)..<byline.index(before: byline.endIndex)].trimmingCharacters(in: .whitespaces)
        guard handle.hasPrefix("@"), handle.count > 1 else { return (byline, nil) }
        let name = byline[..<open].trimmingCharacters(in: .whitespaces)
        return (name.isEmpty ? nil : name, handle)
    }

    /// The post address without the `ref_src`/`ref_url` tracking its embed code adds.
    private static func withoutReferrer(_ url: String) -> String {
        guard var parts = URLComponents(string: url), let items = parts.queryItems else { return url }
        let kept = items.filter { $0.name != "ref_src" && $0.name != "ref_url" }
        parts.queryItems = kept.isEmpty ? nil : kept
        return parts.string ?? url
    }

    /// `Name` from a line like `— Name`, `– Name` or `- Name`; nil when the line does not start with a dash.
    static func dashAttribution(_ line: String) -> String? {
        guard ["—", "―", "–", "- ", "-- ", "~ "].contains(where: { line.hasPrefix($0) }) else { return nil }
        let name = withoutDash(line)
        return (name?.count ?? 0) <= 120 ? name : nil
    }

    /// The text without leading dashes and spaces; nil when nothing is left.
    static func withoutDash(_ text: String) -> String? {
        let rest = text.drop(while: { "—―–-~ ".contains($0) || $0.isWhitespace })
        return rest.isEmpty ? nil : String(rest)
    }
}
