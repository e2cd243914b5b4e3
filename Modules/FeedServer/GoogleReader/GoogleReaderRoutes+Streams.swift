import Foundation
import Hummingbird
import NewsModels

/// Google Reader streams: item ids, item contents, a stream's contents, and the Atom form.
extension GoogleReaderRoutes {
    /// The query selecting a stream's items (a label names a story; an unknown one selects nothing).
    func itemQuery(_ stream: ReaderStream) async throws -> AppItemQuery {
        var query = AppItemQuery()
        switch stream {
        case .readingList: break
        case .starred: query.starred = true
        case .read: query.read = true
        case .feed(let number): query.feedNumber = number
        case .label(let name):
            let stories = try await storage.read { try $0.multiOutletStories(limit: Self.maxStories) }
            guard let story = stories.first(where: { $0.label == name }) else {
                query.numbers = []
                return query
            }
            query.storyId = story.id
        }
        return query
    }

    /// The page a stream request asks for: `s` (or the path), `n`, `r=o`, `ot`/`nt`, `xt`/`it`, `c`.
    private func page(_ request: Request, _ fields: ReaderFields, stream raw: String?) async throws -> (ReaderStream, AppItemQuery) {
        let raw = raw ?? fields.first("s") ?? ReaderStream.readingList.id
        guard let stream = ReaderStream(raw) else {
            throw Self.failure(.badRequest, "s: '\(raw.prefix(80))' is not a stream (feed/<n>, user/-/label/<name> or user/-/state/com.google/…)")
        }
        var query = try await itemQuery(stream)
        query.limit = try Self.integer(fields, "n", default: 20).map { Int(min($0, Int64(Self.maxPage))) } ?? 20
        query.descending = fields.first("r") != "o"
        if let ot = try Self.integer(fields, "ot", default: nil) { query.publishedFrom = ot * 1000 }
        if let nt = try Self.integer(fields, "nt", default: nil) { query.publishedBefore = nt * 1000 }
        for (values, included) in [(fields.all("xt"), false), (fields.all("it"), true)] {
            for value in values {
                switch ReaderStream(value) {
                case .read?: query.read = included
                case .starred?: query.starred = included
                default: continue
                }
            }
        }
        if let token = fields.first("c"), !token.isEmpty {
            guard let position = AppPosition(token: token) else { throw Self.failure(.badRequest, "c: '\(token.prefix(40))' is not a continuation this server gave") }
            query.after = position
        }
        return (stream, query)
    }

    /// One page of items and the continuation after it (nil on the last page).
    private func fetchPage(_ login: AppLogin, _ query: AppItemQuery) async throws -> ([AppItem], String?) {
        var probe = query
        probe.limit = query.limit + 1
        let selected = probe
        var items = try await storage.read { try $0.appItems(userId: login.userId, query: selected) }
        var continuation: String?
        if items.count > query.limit {
            items.removeLast(items.count - query.limit)
            continuation = items.last.map { AppPosition(published: $0.article.publishedAt.epochMilliseconds, number: $0.number).token }
        }
        return (items, continuation)
    }

    func itemIds(_ request: Request, _ context: Context) async throws -> Response {
        let fields = try await Self.fields(request)
        let login = try await authenticate(request, context)
        let (_, query) = try await page(request, fields, stream: nil)
        let (items, continuation) = try await fetchPage(login, query)
        var body: [String: Any] = ["itemRefs": items.map { item -> [String: Any] in
            [
                "id": String(item.number), "directStreamIds": [ReaderStream.feed(item.feedNumber).id],
                "timestampUsec": String(item.article.publishedAt.epochMilliseconds * 1000),
            ]
        }]
        if let continuation { body["continuation"] = continuation }
        return try Self.json(body)
    }

    func itemContents(_ request: Request, _ context: Context) async throws -> Response {
        let fields = try await Self.fields(request)
        let login = try await authenticate(request, context)
        var query = AppItemQuery()
        query.numbers = try Self.itemNumbers(fields.all("i"))
        query.limit = AppRequests.maxItemsPerRequest
        let selected = query
        let items = try await storage.read { try $0.appItems(userId: login.userId, query: selected) }
        return try Self.json(["id": ReaderStream.readingList.id, "updated": Int(Date().timeIntervalSince1970), "items": items.map(Self.itemJSON)])
    }

    func streamContents(_ request: Request, _ context: Context) async throws -> Response {
        let fields = try await Self.fields(request)
        let login = try await authenticate(request, context)
        let (stream, query) = try await page(request, fields, stream: AppRequests.rest(request, after: 5))
        let (items, continuation) = try await fetchPage(login, query)
        var body: [String: Any] = [
            "id": stream.id, "updated": Int(Date().timeIntervalSince1970), "items": items.map(Self.itemJSON),
        ]
        if let continuation { body["continuation"] = continuation }
        return try Self.json(body)
    }

    /// `/reader/atom/<stream>`: the stream as Atom, with read state as categories newsboat reads, and a
    /// validator that changes whenever the log or this user's state does.
    func atom(_ request: Request, _ context: Context) async throws -> Response {
        let fields = try await Self.fields(request)
        let login = try await authenticate(request, context)
        let (stream, query) = try await page(request, fields, stream: AppRequests.rest(request, after: 2))
        let head = try await storage.read { try $0.logBounds().head }
        let stateSeq = try await storage.read { try $0.stateSeq(userId: login.userId) }
        let etag = "\"ga-" + String(SHA256.hex(Array("\(login.userId)\u{0}\(stream.id)\u{0}\(request.uri.query ?? "")\u{0}\(head)\u{0}\(stateSeq)".utf8)).prefix(32)) + "\""
        if request.ifNoneMatchMatches(etag) { return Response.notModified(etag: etag, cacheControl: "private, no-cache") }
        let (items, continuation) = try await fetchPage(login, query)
        let feeds = try await storage.read { try $0.appFeeds(userId: login.userId) }
        let title = stream.feedNumber.flatMap { number in feeds.first { $0.number == number }?.source.name } ?? stream.id
        let body = ReaderAtom.feed(id: stream.id, title: title, items: items, continuation: continuation)
        return .app(Data(body.utf8), contentType: "application/atom+xml; charset=utf-8", etag: etag)
    }

    /// An item as Google Reader JSON.
    static func itemJSON(_ item: AppItem) -> [String: Any] {
        let article = item.article
        let published = article.publishedAt.epochMilliseconds
        var categories = [ReaderStream.readingList.id]
        if item.read { categories.append(ReaderStream.read.id) }
        if item.starred { categories.append(ReaderStream.starred.id) }
        if let label = item.storyLabel { categories.append(ReaderStream.label(label).id) }
        var json: [String: Any] = [
            "id": ReaderStream.longItemId(item.number), "crawlTimeMsec": String(item.arrivedAt),
            "timestampUsec": String(published * 1000), "published": published / 1000,
            "updated": (article.updatedAt?.epochMilliseconds ?? published) / 1000, "title": article.title,
            "categories": categories, "summary": ["content": AppHTML.render(article)],
            "origin": ["streamId": ReaderStream.feed(item.feedNumber).id, "title": article.source.name, "htmlUrl": address(of: article.source)],
        ]
        if let url = article.url.flatMap(AppHTML.webAddress) {
            json["canonical"] = [["href": url]]
            json["alternate"] = [["href": url, "type": "text/html"]]
        }
        if let byline = article.byline { json["author"] = byline }
        return json
    }

    /// An optional integer field; a 400 naming it when it is not a whole number at least 0 (or 1 for `n`).
    static func integer(_ fields: ReaderFields, _ name: String, default value: Int64?) throws -> Int64? {
        guard let raw = fields.first(name), !raw.isEmpty else { return value }
        let least: Int64 = name == "n" ? 1 : 0
        guard let number = CanonicalInteger.parse(raw), number >= least else {
            throw failure(.badRequest, "\(name): expected a whole number of at least \(least), got '\(raw.prefix(40))'")
        }
        return number
    }
}

extension ReaderStream {
    /// The outlet's number for a feed stream.
    var feedNumber: Int64? {
        if case .feed(let number) = self { return number }
        return nil
    }
}
