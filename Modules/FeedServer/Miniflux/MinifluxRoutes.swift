import Foundation
import HTTPTypes
import Hummingbird
import NewsModels

/// Miniflux's v1 API under `/miniflux/` (docs/INTEROP.md): the user, feeds (one per outlet), one
/// category, entries with their filters, read/unread and bookmarks. HTTP Basic with the app password,
/// or `X-Auth-Token` with a device token.
struct MinifluxRoutes: Sendable {
    typealias Context = ServerRequestContext
    let storage: OffloadedStorage
    let auth: AppAuthenticator
    let clock: ServerClock

    /// The most entries one page returns; also what a request without `limit` gets.
    static let maxPage = 1000

    func add(to router: Router<Context>) {
        router.get("/miniflux/v1/me") { request, context in
            let login = try await authenticate(request, context)
            return try Self.json(MinifluxJSON.user(login))
        }
        router.get("/miniflux/v1/feeds") { request, context in
            let login = try await authenticate(request, context)
            let feeds = try await storage.read { try $0.appFeeds(userId: login.userId) }
            return try Self.json(feeds.map { MinifluxJSON.feed($0, userId: login.userId) })
        }
        router.get("/miniflux/v1/feeds/counters") { request, context in
            let login = try await authenticate(request, context)
            let feeds = try await storage.read { try $0.appFeeds(userId: login.userId) }
            return try Self.json(["unreads": Dictionary(uniqueKeysWithValues: feeds.map { (String($0.number), $0.unread) })])
        }
        router.get("/miniflux/v1/feeds/:id") { request, context in
            let login = try await authenticate(request, context)
            let number = try Self.id(context, "id")
            let feeds = try await storage.read { try $0.appFeeds(userId: login.userId) }
            guard let feed = feeds.first(where: { $0.number == number }) else { throw Self.failure(.notFound, "no feed has the id \(number)") }
            return try Self.json(MinifluxJSON.feed(feed, userId: login.userId))
        }
        router.get("/miniflux/v1/categories") { request, context in
            let login = try await authenticate(request, context)
            return try Self.json([MinifluxJSON.category(userId: login.userId)])
        }
        router.get("/miniflux/v1/entries") { request, context in try await entries(request, context, feed: nil) }
        router.get("/miniflux/v1/feeds/:id/entries") { request, context in
            try await entries(request, context, feed: try Self.id(context, "id"))
        }
        router.get("/miniflux/v1/categories/:id/entries") { request, context in
            guard try Self.id(context, "id") == MinifluxJSON.categoryId else { throw Self.failure(.notFound, "the only category is \(MinifluxJSON.categoryId)") }
            return try await entries(request, context, feed: nil)
        }
        router.get("/miniflux/v1/entries/:id") { request, context in
            let login = try await authenticate(request, context)
            var query = AppItemQuery()
            query.numbers = [try Self.id(context, "id")]
            let selected = query
            guard let item = try await storage.read({ try $0.appItems(userId: login.userId, query: selected) }).first else {
                throw Self.failure(.notFound, "no entry has the id \(selected.numbers?.first ?? 0)")
            }
            let feeds = try await storage.read { try $0.appFeeds(userId: login.userId) }
            return try Self.json(MinifluxJSON.entry(item, feed: feeds.first { $0.number == item.feedNumber }, userId: login.userId))
        }
        router.put("/miniflux/v1/entries") { request, context in try await setStatus(request, context) }
        router.put("/miniflux/v1/entries/:id/bookmark") { request, context in
            let login = try await authenticate(request, context)
            let number = try Self.id(context, "id")
            let stamp = try await clock.stamp(after: [])
            guard try await storage.write({ try $0.toggleAppStar(userId: login.userId, number: number, hlc: stamp) }) != nil else {
                throw Self.failure(.notFound, "no entry has the id \(number)")
            }
            return Response(status: .noContent)
        }
    }

    /// The user of a request's HTTP Basic credentials or `X-Auth-Token`, or its 401/429.
    private func authenticate(_ request: Request, _ context: Context) async throws -> AppLogin {
        do throws(AppAuthFailure) {
            if let token = request.headers[HTTPField.Name("X-Auth-Token")!] {
                return try await auth.device(token: token.trimmingCharacters(in: .whitespaces), address: context.remoteAddress)
            }
            guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
                let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
            else { throw AppAuthFailure.missing }
            return try await auth.login(
                name: String(pair[..<colon]), password: String(pair[pair.index(after: colon)...]), address: context.remoteAddress)
        } catch {
            if case let .tooMany(_, wait) = error {
                throw Self.failure(.tooManyRequests, error.message, headers: [.retryAfter: String(max(1, Int(wait.rounded(.up))))])
            }
            throw Self.failure(.unauthorized, "Access Unauthorized: \(error.message)", headers: [.wwwAuthenticate: "Basic realm=\"paperboy\""])
        }
    }

    private func entries(_ request: Request, _ context: Context, feed: Int64?) async throws -> Response {
        let login = try await authenticate(request, context)
        var query = try MinifluxQuery.parse(AppRequests.fields(Substring(request.uri.query ?? "")), maxPage: Self.maxPage)
        let feeds = Dictionary(uniqueKeysWithValues: try await storage.read { try $0.appFeeds(userId: login.userId) }.map { ($0.number, $0) })
        if let feed {
            guard feeds[feed] != nil else { throw Self.failure(.notFound, "no feed has the id \(feed)") }
            query.feedNumber = feed
        }
        let selected = query
        let items = try await storage.read { try $0.appItems(userId: login.userId, query: selected) }
        let total = try await storage.read { try $0.appItemCount(userId: login.userId, query: selected) }
        return try Self.json([
            "total": total, "entries": items.map { MinifluxJSON.entry($0, feed: feeds[$0.feedNumber], userId: login.userId) },
        ] as [String: Any])
    }

    /// `PUT /v1/entries` with `{"entry_ids": […], "status": "read"|"unread"}`, whatever its content type says.
    private func setStatus(_ request: Request, _ context: Context) async throws -> Response {
        let login = try await authenticate(request, context)
        guard let body = try await AppRequests.body(request) else {
            throw Self.failure(.contentTooLarge, "the body is larger than \(AppRequests.maxBodyBytes) bytes")
        }
        struct Update: Decodable {
            var entry_ids: [Int64]
            var status: String
        }
        guard let update = try? JSONDecoder().decode(Update.self, from: body) else {
            throw Self.failure(.badRequest, "send JSON {\"entry_ids\": [ids], \"status\": \"read\" or \"unread\"}")
        }
        guard update.status == "read" || update.status == "unread" else {
            throw Self.failure(.badRequest, "status must be read or unread, not '\(update.status.prefix(40))'")
        }
        guard !update.entry_ids.isEmpty, update.entry_ids.count <= AppRequests.maxItemsPerRequest else {
            throw Self.failure(.badRequest, "entry_ids must hold 1 to \(AppRequests.maxItemsPerRequest) ids")
        }
        let stamp = try await clock.stamp(after: [])
        _ = try await storage.write {
            try $0.setAppState(userId: login.userId, numbers: update.entry_ids, field: .read, value: update.status == "read", hlc: stamp)
        }
        return Response(status: .noContent)
    }

    /// A positive id from the path, or a 400.
    private static func id(_ context: Context, _ name: String) throws -> Int64 {
        guard let raw = context.parameters.get(name), let value = CanonicalInteger.parse(raw), value > 0 else {
            throw failure(.badRequest, "\(name) must be a positive whole number")
        }
        return value
    }

    static func json(_ object: Any) throws -> Response {
        .app(try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]), contentType: "application/json")
    }

    /// An error in Miniflux's shape: `{"error_message": "…"}`.
    static func failure(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> AppAPIError {
        let body = (try? JSONSerialization.data(withJSONObject: ["error_message": message])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return AppAPIError(status: status, contentType: "application/json", body: body, headers: headers)
    }
}
