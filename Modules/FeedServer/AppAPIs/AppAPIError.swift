import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error an app API answers in its own shape (plain text for Google Reader, JSON for Miniflux),
/// which the problem middleware passes through untouched.
struct AppAPIError: Error {
    /// The status.
    let status: HTTPResponse.Status
    /// The body's media type.
    let contentType: String
    /// The body.
    let body: String
    /// Extra headers (`WWW-Authenticate`, `Retry-After`).
    let headers: HTTPFields

    /// The response carrying this error.
    var response: Response {
        var fields = headers
        fields[.contentType] = contentType
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

extension Response {
    /// A private, uncached answer of `body` as `contentType`.
    static func app(_ body: Data, contentType: String, status: HTTPResponse.Status = .ok, etag: String? = nil) -> Response {
        var fields: HTTPFields = [.contentType: contentType, .cacheControl: "private, no-cache"]
        if let etag { fields[.eTag] = etag }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
