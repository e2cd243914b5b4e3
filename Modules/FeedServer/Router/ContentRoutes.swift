import Foundation
import HTTPTypes
import Hummingbird
import NewsModels
import NIOCore

/// The public, cacheable half of the protocol: manifest, segments and snapshots (PROTOCOL.md §2).
struct ContentRoutes<Context: RequestContext>: Sendable {
    let storage: OffloadedStorage
    let configuration: FeedServerConfiguration
    let cache: BodyCache
    let manifests: ManifestCache

    private static var immutable: String { "public, max-age=31536000, immutable" }
    private static var shortLived: String { "public, max-age=2, stale-while-revalidate=5" }
    private static var ndjson: String { "application/x-ndjson" }

    func add(to router: Router<Context>) {
        router.get("/v1/manifest") { request, _ in try await manifest(request) }
        router.get("/v1/segments/:index") { request, context in try await segment(request, context: context) }
        router.get("/v1/snapshot/:seq/:chunk") { request, context in try await snapshot(request, context: context) }
        router.get("/healthz") { _, _ in
            let head = try await storage.read { try $0.logBounds() }.head
            return Response.json(Data(#"{"head":\#(head),"status":"ok"}"#.utf8), cacheControl: "no-store")
        }
    }

    private func manifest(_ request: Request) async throws -> Response {
        let bounds = try await storage.read { try $0.logBounds() }
        // serverTime changes every call, so the validator is weak: it names the log's state, which is
        // all a client acts on.
        let etag = "W/\"m-\(bounds.head)-\(bounds.oldest)-\(bounds.snapshot?.seq ?? 0)\""
        if request.ifNoneMatchMatches(etag) {
            return Response.notModified(etag: etag, cacheControl: Self.shortLived, vary: true)
        }
        let now = configuration.now()
        let data = try await manifests.body(for: bounds, now: now) {
            try NewsJSON.encode(
                Manifest(
                    feedId: configuration.feedId, title: configuration.title, segmentSize: configuration.segmentSize,
                    head: bounds.head, oldest: bounds.oldest,
                    snapshot: bounds.snapshot.map { snapshot in
                        SnapshotRef(seq: snapshot.seq, chunks: (0..<snapshot.chunks).map { "/v1/snapshot/\(snapshot.seq)/\($0)" })
                    },
                    serverTime: now))
        }
        return await EncodedResponses.respond(
            to: request, data: data, etag: etag, contentType: "application/json", cacheControl: Self.shortLived)
    }

    private func segment(_ request: Request, context: Context) async throws -> Response {
        let raw = context.parameters.get("index") ?? ""
        let size = configuration.segmentSize
        guard let index = CanonicalInteger.parse(raw), index < Int64.max / size - 1 else {
            throw ProblemError.badParameter("index", "expected a segment number (0, 1, 2, …), got '\(raw.prefix(40))'")
        }
        let first = index * size + 1
        let bounds = try await storage.read { try $0.logBounds() }
        if first <= bounds.oldest {
            throw ProblemError(
                .gone, title: "Compacted",
                detail: "segment \(index) is below the compaction horizon (oldest \(bounds.oldest)); load the snapshot named in /v1/manifest")
        }
        if first > bounds.head {
            throw ProblemError(
                .notFound, title: "Beyond head", detail: "segment \(index) starts after the log's head (\(bounds.head))")
        }
        let sealed = bounds.head >= (index + 1) * size
        let key = BodyKey.segment(index)
        let body = try await cachedBody(key, etag: sealed ? nil : ContentBodies.openTag(index: index, head: bounds.head), for: request) {
            try ContentBodies.segment($0, index: index, size: size, head: bounds.head)
        }
        return await EncodedResponses(cache: cache).respond(
            to: request, key: key, body: body, contentType: Self.ndjson,
            cacheControl: sealed ? Self.immutable : Self.shortLived)
    }

    private func snapshot(_ request: Request, context: Context) async throws -> Response {
        let rawSeq = context.parameters.get("seq") ?? ""
        let rawChunk = context.parameters.get("chunk") ?? ""
        guard let seq = CanonicalInteger.parse(rawSeq), seq > 0 else {
            throw ProblemError.badParameter("seq", "expected a snapshot seq from /v1/manifest, got '\(rawSeq.prefix(40))'")
        }
        guard let chunk = CanonicalInteger.parse(rawChunk).flatMap({ Int(exactly: $0) }) else {
            throw ProblemError.badParameter("chunk", "expected a chunk number (0, 1, 2, …), got '\(rawChunk.prefix(40))'")
        }
        let key = BodyKey.snapshot(seq: seq, chunk: chunk)
        let body = try await cachedBody(key, for: request) { storage in
            guard let body = try ContentBodies.snapshotChunk(storage, seq: seq, chunk: chunk) else {
                throw ProblemError(
                    .notFound, title: "No such snapshot chunk",
                    detail: "snapshot \(seq) chunk \(chunk) does not exist (superseded or never written); read /v1/manifest")
            }
            return body
        }
        return await EncodedResponses(cache: cache).respond(
            to: request, key: key, body: body, contentType: Self.ndjson, cacheControl: Self.immutable)
    }

    /// The cached body for `key` (see `BodyCache.body(_:etag:)`), else `load`'s, which is cached. A
    /// cached entry whose uncompressed bytes were evicted serves requests for a coding it still
    /// holds; anything else reloads the bytes and keeps the variants.
    private func cachedBody(
        _ key: BodyKey, etag: String? = nil, for request: Request,
        load: @escaping @Sendable (any FeedStorage) throws -> CachedBody
    ) async throws -> CachedBody {
        if let cached = await cache.body(key, etag: etag) {
            let coding = ContentCoding.negotiate(request.headers[.acceptEncoding])
            if cached.identity != nil || (cached.encoded[coding] ?? nil) != nil { return cached }
        }
        let body = try await storage.read(load)
        await cache.store(body, for: key)
        return await cache.body(key, etag: body.etag) ?? body
    }
}

/// The encoded manifest, rebuilt when the log's bounds change and at most once a second otherwise:
/// `serverTime` is only a hint for clock skew (caches may serve the manifest seconds old anyway), and
/// encoding it per request would cost more than the rest of the request.
actor ManifestCache {
    private var cached: (bounds: LogBounds, second: Int64, body: Data)?

    /// The cached body for `bounds`, or a new one from `encode`.
    func body(for bounds: LogBounds, now: Timestamp, encode: () throws -> Data) rethrows -> Data {
        let second = now.epochMilliseconds / 1000
        if let cached, cached.bounds == bounds, cached.second == second { return cached.body }
        let body = try encode()
        cached = (bounds, second, body)
        return body
    }
}
