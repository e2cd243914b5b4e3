import Foundation
import HTTPTypes
import Hummingbird
import NewsModels
import NIOCore

/// The public, cacheable half of the protocol: manifest and segments (PROTOCOL.md §2).
struct ContentRoutes<Context: RequestContext>: Sendable {
    let storage: any FeedStorage
    let configuration: FeedServerConfiguration
    let segments: SegmentCache

    func add(to router: Router<Context>) {
        router.get("/v1/manifest") { request, _ in try await manifest(request) }
        router.get("/v1/segments/:index") { request, context in try await segment(request, context: context) }
        router.get("/healthz") { _, _ in
            let head = try storage.logBounds().head
            return Response.json(Data(#"{"head":\#(head),"status":"ok"}"#.utf8), cacheControl: "no-store")
        }
    }

    private func manifest(_ request: Request) async throws -> Response {
        let bounds = try storage.logBounds()
        let snapshot = bounds.snapshot.map { snapshot in
            SnapshotRef(seq: snapshot.seq, chunks: (0..<snapshot.chunks).map { "/v1/snapshot/\(snapshot.seq)/\($0)" })
        }
        // serverTime changes every call, so the validator is weak: it names the log's state, which is
        // all a client acts on.
        let etag = "W/\"m-\(bounds.head)-\(bounds.oldest)-\(bounds.snapshot?.seq ?? 0)\""
        let cacheControl = "public, max-age=2, stale-while-revalidate=5"
        if request.ifNoneMatchMatches(etag) { return Response.notModified(etag: etag, cacheControl: cacheControl) }
        let manifest = Manifest(
            feedId: configuration.feedId, title: configuration.title, segmentSize: configuration.segmentSize,
            head: bounds.head, oldest: bounds.oldest, snapshot: snapshot, serverTime: Timestamp.now())
        var response = Response.json(try NewsJSON.encode(manifest), cacheControl: cacheControl)
        response.headers[.eTag] = etag
        return response
    }

    private func segment(_ request: Request, context: Context) async throws -> Response {
        let raw = context.parameters.get("index") ?? ""
        guard let index = Int64(raw), index >= 0, index < Int64.max / configuration.segmentSize - 1 else {
            throw ProblemError.badParameter("index", "expected a segment number (0, 1, 2, …), got '\(raw.prefix(40))'")
        }
        let size = configuration.segmentSize
        let range = (index * size + 1)...((index + 1) * size)
        let bounds = try storage.logBounds()
        if range.lowerBound <= bounds.oldest {
            throw ProblemError(
                .gone, title: "Compacted",
                detail: "segment \(index) is below the compaction horizon (oldest \(bounds.oldest)); load the snapshot from /v1/manifest")
        }
        if range.lowerBound > bounds.head {
            throw ProblemError(
                .notFound, title: "Beyond head", detail: "segment \(index) starts after the log's head (\(bounds.head))")
        }
        let storage = self.storage
        let body = try await segments.body(index: index, range: range, head: bounds.head) { try storage.logLines(in: $0) }
        let cacheControl = body.sealed ? "public, max-age=31536000, immutable" : "public, max-age=2, stale-while-revalidate=5"
        if request.ifNoneMatchMatches(body.etag) { return Response.notModified(etag: body.etag, cacheControl: cacheControl) }
        var headers: HTTPFields = [
            .contentType: "application/x-ndjson", .cacheControl: cacheControl, .eTag: body.etag, .vary: "Accept-Encoding",
        ]
        headers[.contentLength] = String(body.bytes.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.bytes)))
    }

}

extension Request {
    /// Whether `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2).
    func ifNoneMatchMatches(_ etag: String) -> Bool {
        guard let header = headers[.ifNoneMatch] else { return false }
        let bare = { (tag: Substring) in tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
        return header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || bare(Substring(trimmed)) == bare(Substring(etag))
        }
    }
}

extension Response {
    /// A JSON body with the given caching policy.
    static func json(_ data: Data, cacheControl: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json", .cacheControl: cacheControl, .contentLength: String(data.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `304 Not Modified` repeating the validator and caching policy.
    static func notModified(etag: String, cacheControl: String) -> Response {
        Response(status: .notModified, headers: [.eTag: etag, .cacheControl: cacheControl])
    }
}
