import Foundation
import NewsModels

/// Google Reader's Atom form of a stream (`/reader/atom/…`), as newsboat's feedhq mode reads it:
/// read state in `<category scheme="http://www.google.com/reader/" label="read|fresh|starred">`.
enum ReaderAtom {
    static let scheme = "http://www.google.com/reader/"

    /// The feed document.
    static func feed(id: String, title: String, items: [AppItem], continuation: String?) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:gr="http://www.google.com/schemas/reader/atom/">
            <id>tag:google.com,2005:reader/\(AppHTML.escape(id))</id><title>\(AppHTML.escape(title))</title>
            <updated>\(Timestamp(epochMilliseconds: items.map(\.article.publishedAt.epochMilliseconds).max() ?? 0).rfc3339)</updated>

            """
        if let continuation { xml += "<gr:continuation>\(continuation)</gr:continuation>\n" }
        for item in items { xml += entry(item) }
        return xml + "</feed>\n"
    }

    private static func category(_ term: String, _ label: String) -> String {
        "<category term=\"\(AppHTML.escape(term))\" scheme=\"\(scheme)\" label=\"\(AppHTML.escape(label))\"/>"
    }

    private static func entry(_ item: AppItem) -> String {
        let article = item.article
        var xml = "<entry gr:crawl-timestamp-msec=\"\(item.arrivedAt)\">"
        xml += "<id>\(ReaderStream.longItemId(item.number))</id>"
        xml += "<title type=\"html\">\(AppHTML.escape(AppHTML.escape(article.title)))</title>"
        xml += "<published>\(Timestamp(epochMilliseconds: article.publishedAt.epochMilliseconds).rfc3339)</published>"
        xml += "<updated>\(Timestamp(epochMilliseconds: (article.updatedAt ?? article.publishedAt).epochMilliseconds).rfc3339)</updated>"
        if let url = article.url.flatMap(AppHTML.webAddress) {
            xml += "<link rel=\"alternate\" href=\"\(AppHTML.escape(url))\" type=\"text/html\"/>"
        }
        xml += category(ReaderStream.readingList.id, "reading-list")
        xml += item.read ? category(ReaderStream.read.id, "read") : category(ReaderStream.prefix + "fresh", "fresh")
        if item.starred { xml += category(ReaderStream.starred.id, "starred") }
        if let label = item.storyLabel { xml += category(ReaderStream.label(label).id, label) }
        if let byline = article.byline { xml += "<author><name>\(AppHTML.escape(byline))</name></author>" }
        xml += "<summary type=\"html\">\(AppHTML.escape(AppHTML.render(article)))</summary>"
        xml += "<source gr:stream-id=\"\(ReaderStream.feed(item.feedNumber).id)\"><title>\(AppHTML.escape(article.source.name))</title></source>"
        return xml + "</entry>\n"
    }
}
