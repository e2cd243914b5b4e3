import Foundation
import Hummingbird
import NewsModels

/// `/stories.atom`: stories covered by more than one outlet as an Atom feed any reader can follow;
/// each entry links every outlet's report. Public, like the rest of the content.
struct StoriesFeedRoute: Sendable {
    typealias Context = ServerRequestContext
    let storage: OffloadedStorage
    let title: String

    /// Stories in the feed.
    static let maxStories = 50

    func add(to router: Router<Context>) {
        router.get("/stories.atom") { request, _ in try await feed(request) }
    }

    private func feed(_ request: Request) async throws -> Response {
        let stories = try await storage.read { try $0.multiOutletStories(limit: Self.maxStories) }
        let etag = "\"stories-" + String(SHA256.hex(Array(stories.map { "\($0.id)@\($0.latest)#\($0.reports.count)" }.joined(separator: ",").utf8)).prefix(32)) + "\""
        if request.ifNoneMatchMatches(etag) { return Response.notModified(etag: etag, cacheControl: "public, no-cache") }
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>urn:paperboy:stories</id><title>\(AppHTML.escape(title)): stories</title>
            <updated>\(Timestamp(epochMilliseconds: stories.map(\.latest).max() ?? 0).rfc3339)</updated>

            """
        for story in stories {
            let outlets = Set(story.reports.map(\.source)).count
            let links = story.reports.map { report in
                let title = AppHTML.escape("\(report.source): \(report.title)")
                return report.url.flatMap(AppHTML.webAddress).map { "<li><a href=\"\(AppHTML.escape($0))\">\(title)</a></li>" } ?? "<li>\(title)</li>"
            }.joined()
            xml += "<entry><id>urn:paperboy:story:\(AppHTML.escape(story.id))</id>"
            xml += "<title>\(AppHTML.escape(story.label))</title>"
            xml += "<updated>\(Timestamp(epochMilliseconds: story.latest).rfc3339)</updated>"
            for url in story.reports.compactMap({ $0.url.flatMap(AppHTML.webAddress) }) {
                xml += "<link rel=\"related\" href=\"\(AppHTML.escape(url))\"/>"
            }
            xml += "<summary type=\"html\">\(AppHTML.escape("<p>\(outlets) outlets, \(story.reports.count) reports</p><ul>\(links)</ul>"))</summary>"
            xml += "</entry>\n"
        }
        xml += "</feed>\n"
        var response = Response.app(Data(xml.utf8), contentType: "application/atom+xml; charset=utf-8", etag: etag)
        response.headers[.cacheControl] = "public, no-cache"
        return response
    }
}
