import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Builds responses in the coding a request asks for (PROTOCOL.md §2, Compression).
struct EncodedResponses: Sendable {
    let cache: BodyCache

    /// Serves a cached body, compressing it on first request for each coding (unless the cache warmer
    /// got there first) and keeping the result.
    func respond(
        to request: Request, key: BodyKey, body: CachedBody, contentType: String, cacheControl: String
    ) async -> Response {
        let coding = ContentCoding.negotiate(request.headers[.acceptEncoding])
        // The route reloads evicted bytes unless this coding's variant is at hand.
        let identity = body.identity ?? ByteBuffer()
        if request.ifNoneMatchMatches(body.etag) {
            let sendsIdentity = body.encoded[coding] == .some(nil)
                || (body.identity.map { $0.readableBytes < ContentCoding.minimumBytes } ?? false)
            return Response.notModified(
                etag: sendsIdentity ? body.etag : coding.tag(body.etag), cacheControl: cacheControl, vary: true)
        }
        var encoded: ByteBuffer?
        if coding != .identity {
            if let known = body.encoded[coding] {
                encoded = known
            } else {
                let effort: ContentCoding.Effort = body.immutable ? .once : .perRequest
                encoded = await cache.variant(coding, of: body, for: key) {
                    await Offload.encoding.run { coding.encode(identity, effort: effort) }
                }
            }
        }
        return Self.response(
            identity: identity, encoded: encoded, coding: coding, etag: encoded == nil ? body.etag : coding.tag(body.etag),
            contentType: contentType, cacheControl: cacheControl)
    }

    /// A body built for this request, compressed per request when the client accepts it and it is big
    /// enough to gain.
    static func respond(
        to request: Request, data: Data, etag: String?, contentType: String, cacheControl: String,
        status: HTTPResponse.Status = .ok
    ) async -> Response {
        let coding = ContentCoding.negotiate(request.headers[.acceptEncoding])
        let identity = ByteBuffer(bytes: data)
        let encoded = coding == .identity || identity.readableBytes < ContentCoding.minimumBytes
            ? nil : await Offload.encoding.run { coding.encode(identity, effort: .perRequest) }
        return response(
            identity: identity, encoded: encoded, coding: coding, etag: etag.map { encoded == nil ? $0 : coding.tag($0) },
            contentType: contentType, cacheControl: cacheControl, status: status)
    }

    private static func response(
        identity: ByteBuffer, encoded: ByteBuffer?, coding: ContentCoding, etag: String?, contentType: String,
        cacheControl: String, status: HTTPResponse.Status = .ok
    ) -> Response {
        let bytes = encoded ?? identity
        var headers: HTTPFields = [
            .contentType: contentType, .cacheControl: cacheControl, .vary: "Accept-Encoding",
            .contentLength: String(bytes.readableBytes),
        ]
        if encoded != nil { headers[.contentEncoding] = coding.rawValue }
        if let etag { headers[.eTag] = etag }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: bytes))
    }
}

extension ContentCoding {
    /// The validator of this coding's variant: a strong ETag names one representation, so each coding
    /// gets its own (`"abc"` → `"abc-zstd"`); `If-None-Match` compares them by their base.
    func tag(_ etag: String) -> String {
        guard self != .identity, etag.hasSuffix("\"") else { return etag }
        return String(etag.dropLast()) + "-\(rawValue)\""
    }

    /// `etag` without a coding suffix and without a weak prefix.
    static func baseTag<S: StringProtocol>(_ etag: S) -> Substring {
        var tag = Substring(etag)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        for coding in ContentCoding.offered where tag.hasSuffix("-\(coding.rawValue)\"") {
            return tag.dropLast(coding.rawValue.count + 2) + "\""
        }
        return tag
    }
}

extension Request {
    /// Whether `If-None-Match` names `etag` in any coding (weak comparison, RFC 9110 §13.1.2).
    func ifNoneMatchMatches(_ etag: String) -> Bool {
        guard let header = headers[.ifNoneMatch] else { return false }
        let wanted = ContentCoding.baseTag(etag)
        return header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || ContentCoding.baseTag(trimmed) == wanted
        }
    }
}

extension Response {
    /// A JSON body with the given caching policy, never compressed (small problem and health bodies).
    static func json(_ data: Data, cacheControl: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json", .cacheControl: cacheControl, .contentLength: String(data.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `304 Not Modified` repeating the validator and caching policy.
    static func notModified(etag: String, cacheControl: String, vary: Bool = false) -> Response {
        var headers: HTTPFields = [.eTag: etag, .cacheControl: cacheControl]
        if vary { headers[.vary] = "Accept-Encoding" }
        return Response(status: .notModified, headers: headers)
    }
}
