import Foundation
import HTTPTypes
import Hummingbird
import NewsModels

/// The Google Reader API at the server's root, as FreshRSS and Miniflux serve it (docs/INTEROP.md):
/// sign-in, subscriptions, labels, unread counts, marks. Streams are in `GoogleReaderRoutes+Streams`.
struct GoogleReaderRoutes: Sendable {
    typealias Context = ServerRequestContext
    let storage: OffloadedStorage
    let auth: AppAuthenticator
    let clock: ServerClock

    /// The most items one page returns (`n` is clamped to it).
    static let maxPage = 1000
    /// The most story labels `tag/list` names and label streams look through.
    static let maxStories = 200

    func add(to router: Router<Context>) {
        router.post("/accounts/ClientLogin") { request, context in try await login(request, context) }
        router.get("/accounts/ClientLogin") { request, context in try await login(request, context) }
        router.get("/reader/api/0/token") { request, context in
            let login = try await authenticate(request, context)
            return Self.text(AppAuthenticator.editToken(login))
        }
        router.get("/reader/api/0/user-info") { request, context in try await userInfo(request, context) }
        router.get("/reader/api/0/subscription/list") { request, context in try await subscriptions(request, context) }
        router.get("/reader/api/0/tag/list") { request, context in try await tags(request, context) }
        router.get("/reader/api/0/unread-count") { request, context in try await unreadCounts(request, context) }
        router.get("/reader/api/0/stream/items/ids") { request, context in try await itemIds(request, context) }
        router.get("/reader/api/0/stream/items/contents") { request, context in try await itemContents(request, context) }
        router.post("/reader/api/0/stream/items/contents") { request, context in try await itemContents(request, context) }
        router.get("/reader/api/0/stream/contents") { request, context in try await streamContents(request, context) }
        router.get("/reader/api/0/stream/contents/**") { request, context in try await streamContents(request, context) }
        router.post("/reader/api/0/edit-tag") { request, context in try await editTag(request, context) }
        router.post("/reader/api/0/mark-all-as-read") { request, context in try await markAllRead(request, context) }
        router.get("/reader/atom/**") { request, context in try await atom(request, context) }
    }

    // MARK: Sign-in

    private func login(_ request: Request, _ context: Context) async throws -> Response {
        let fields = try await Self.fields(request)
        guard let email = fields.first("Email"), let password = fields.first("Passwd") else {
            throw Self.failure(.unauthorized, "Error=BadAuthentication (send Email and Passwd)")
        }
        do {
            let login = try await auth.login(name: email, password: password, address: context.remoteAddress)
            let token = AppAuthenticator.readerToken(login)
            return Self.text("SID=\(token)\nLSID=null\nAuth=\(token)\n")
        } catch {
            throw Self.failure(error, body: "Error=BadAuthentication (\(error.message))")
        }
    }

    /// The user of a request's `Authorization: GoogleLogin auth=<token>`, or its 401/429.
    func authenticate(_ request: Request, _ context: Context) async throws -> AppLogin {
        let prefix = "googlelogin auth="
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix(prefix) else {
            throw Self.failure(AppAuthFailure.missing, body: "Unauthorized: send Authorization: GoogleLogin auth=<token from /accounts/ClientLogin>")
        }
        let token = header.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        do {
            return try await auth.reader(token: token, address: context.remoteAddress)
        } catch {
            throw Self.failure(error, body: "Unauthorized: \(error.message)")
        }
    }

    /// The user, after checking the edit token `T` when one is sent.
    private func authenticateEdit(_ request: Request, _ context: Context, _ fields: ReaderFields) async throws -> AppLogin {
        let login = try await authenticate(request, context)
        if let token = fields.first("T")?.trimmingCharacters(in: .whitespacesAndNewlines),
            !AppAuthenticator.constantTimeEqual(token, AppAuthenticator.editToken(login)) {
            throw Self.failure(.unauthorized, "Unauthorized: the edit token T is stale; fetch a new one from /reader/api/0/token",
                               headers: [HTTPField.Name("X-Reader-Google-Bad-Token")!: "true"])
        }
        return login
    }

    // MARK: Lists

    private func userInfo(_ request: Request, _ context: Context) async throws -> Response {
        let login = try await authenticate(request, context)
        return try Self.json([
            "userId": String(login.userId), "userName": login.name, "userProfileId": String(login.userId), "userEmail": "",
        ])
    }

    private func subscriptions(_ request: Request, _ context: Context) async throws -> Response {
        let login = try await authenticate(request, context)
        let feeds = try await storage.read { try $0.appFeeds(userId: login.userId) }
        return try Self.json(["subscriptions": feeds.map { feed -> [String: Any] in
            [
                "id": ReaderStream.feed(feed.number).id, "title": feed.source.name, "categories": [] as [Any],
                "url": Self.address(of: feed.source), "htmlUrl": Self.address(of: feed.source), "iconUrl": "",
            ]
        }])
    }

    private func tags(_ request: Request, _ context: Context) async throws -> Response {
        _ = try await authenticate(request, context)
        let stories = try await storage.read { try $0.multiOutletStories(limit: Self.maxStories) }
        let states: [[String: Any]] = [["id": ReaderStream.starred.id], ["id": ReaderStream.read.id]]
        return try Self.json(["tags": states + stories.map { ["id": ReaderStream.label($0.label).id, "type": "tag"] as [String: Any] }])
    }

    private func unreadCounts(_ request: Request, _ context: Context) async throws -> Response {
        let login = try await authenticate(request, context)
        let feeds = try await storage.read { try $0.appFeeds(userId: login.userId) }
        func entry(_ id: String, _ count: Int, _ newest: Int64?) -> [String: Any] {
            ["id": id, "count": count, "newestItemTimestampUsec": String((newest ?? 0) * 1000)]
        }
        let total = entry(ReaderStream.readingList.id, feeds.reduce(0) { $0 + $1.unread }, feeds.compactMap(\.newestPublished).max())
        return try Self.json([
            "max": feeds.reduce(0) { $0 + $1.unread },
            "unreadcounts": [total] + feeds.map { entry(ReaderStream.feed($0.number).id, $0.unread, $0.newestPublished) },
        ])
    }

    // MARK: Marks

    private func editTag(_ request: Request, _ context: Context) async throws -> Response {
        let fields = try await Self.fields(request)
        let login = try await authenticateEdit(request, context, fields)
        let numbers = try Self.itemNumbers(fields.all("i"))
        var changes: [(StateField, Bool)] = []
        for (tags, adding) in [(fields.all("a"), true), (fields.all("r"), false)] {
            for tag in tags {
                switch ReaderStream(tag) {
                case .read?: changes.append((.read, adding))
                case .starred?: changes.append((.starred, adding))
                case nil where tag.hasSuffix("/state/com.google/kept-unread"): if adding { changes.append((.read, false)) }
                default: continue  // labels are stories, which the server assigns; other states mean nothing here
                }
            }
        }
        let stamp = try await clock.stamp(after: [])
        for (field, value) in changes {
            _ = try await storage.write { try $0.setAppState(userId: login.userId, numbers: numbers, field: field, value: value, hlc: stamp) }
        }
        return Self.text("OK")
    }

    private func markAllRead(_ request: Request, _ context: Context) async throws -> Response {
        let fields = try await Self.fields(request)
        let login = try await authenticateEdit(request, context, fields)
        guard let raw = fields.first("s"), let stream = ReaderStream(raw) else {
            throw Self.failure(.badRequest, "s: send the stream to mark, such as feed/1 or user/-/state/com.google/reading-list")
        }
        var cutoff: Int64?
        if let ts = fields.first("ts"), !ts.isEmpty {
            guard let micros = Int64(ts), micros >= 0 else { throw Self.failure(.badRequest, "ts: expected microseconds since 1970") }
            cutoff = micros / 1000
        }
        let arrivedBy = cutoff
        let stamp = try await clock.stamp(after: [])
        switch stream {
        case .readingList, .read:
            try await storage.write { try $0.markAppItemsRead(userId: login.userId, feedNumber: nil, arrivedBy: arrivedBy, hlc: stamp) }
        case .feed(let number):
            try await storage.write { try $0.markAppItemsRead(userId: login.userId, feedNumber: number, arrivedBy: arrivedBy, hlc: stamp) }
        case .starred, .label:
            var query = try await itemQuery(stream)
            query.read = false
            query.limit = Self.maxPage
            if let arrivedBy { query.publishedBefore = arrivedBy + 1 }
            let selected = query
            let numbers = try await storage.read { try $0.appItems(userId: login.userId, query: selected).map(\.number) }
            _ = try await storage.write { try $0.setAppState(userId: login.userId, numbers: numbers, field: .read, value: true, hlc: stamp) }
        }
        return Self.text("OK")
    }

    // MARK: Helpers

    /// Item numbers from `i` values, at most `AppRequests.maxItemsPerRequest`; a 400 naming a bad one.
    static func itemNumbers(_ values: [String]) throws -> [Int64] {
        guard values.count <= AppRequests.maxItemsPerRequest else {
            throw failure(.contentTooLarge, "i: \(values.count) items; send at most \(AppRequests.maxItemsPerRequest) per request")
        }
        return try values.map { value in
            guard let number = ReaderStream.itemNumber(value) else {
                throw failure(.badRequest, "i: '\(value.prefix(60))' is not an item id (tag:google.com,2005:reader/item/<16 hex> or a decimal)")
            }
            return number
        }
    }

    /// The query string's fields, then a form body's.
    static func fields(_ request: Request) async throws -> ReaderFields {
        var fields = AppRequests.fields(Substring(request.uri.query ?? ""))
        if request.method == .post {
            guard let body = try await AppRequests.body(request) else {
                throw failure(.contentTooLarge, "the body is larger than \(AppRequests.maxBodyBytes) bytes")
            }
            fields += AppRequests.fields(Substring(decoding: body, as: UTF8.self))
        }
        return ReaderFields(pairs: fields)
    }

    /// An outlet's web address.
    static func address(of source: Source) -> String {
        source.url.flatMap(AppHTML.webAddress) ?? "https://\(source.domain ?? source.id)/"
    }

    static func text(_ body: String) -> Response {
        .app(Data(body.utf8), contentType: "text/plain; charset=utf-8")
    }

    static func json(_ object: [String: Any]) throws -> Response {
        .app(try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]), contentType: "application/json; charset=utf-8")
    }

    static func failure(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> AppAPIError {
        AppAPIError(status: status, contentType: "text/plain; charset=utf-8", body: message + "\n", headers: headers)
    }

    static func failure(_ error: AppAuthFailure, body: String) -> AppAPIError {
        if case let .tooMany(_, wait) = error {
            return failure(.tooManyRequests, body, headers: [.retryAfter: String(max(1, Int(wait.rounded(.up))))])
        }
        return failure(.unauthorized, body, headers: [.wwwAuthenticate: "GoogleLogin realm=\"paperboy\""])
    }
}

/// Form and query fields with repeated keys.
struct ReaderFields: Sendable {
    let pairs: [(key: String, value: String)]

    /// The first value of `key`.
    func first(_ key: String) -> String? { pairs.first { $0.key == key }?.value }

    /// Every value of `key`, in order.
    func all(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }
}
