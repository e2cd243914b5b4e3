import Foundation

/// The validators a server gave for a representation, for revalidating it later with a
/// conditional request that can be answered `304 Not Modified`.
public struct HTTPValidators: Sendable, Equatable, Codable {
    /// The `ETag` header, exactly as received (including quotes and any `W/`).
    public var etag: String?
    /// The `Last-Modified` header, exactly as received.
    public var lastModified: String?

    /// Creates validators.
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// The validators of a response, or `nil` if it carried none.
    public init?(_ head: HTTPResponseHead) {
        let etag = head.headers["ETag"]
        let lastModified = head.headers["Last-Modified"]
        guard etag != nil || lastModified != nil else { return nil }
        self.init(etag: etag, lastModified: lastModified)
    }

    /// Whether there is anything to revalidate with.
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

extension HTTPRequest {
    /// Returns this request made conditional on `validators`: `If-None-Match` with the ETag and
    /// `If-Modified-Since` with the Last-Modified date (RFC 9110 §13.1). A server whose
    /// representation is unchanged answers `304` with no body.
    public func conditional(on validators: HTTPValidators?) -> HTTPRequest {
        guard let validators else { return self }
        var request = self
        if let etag = validators.etag { request.headers["If-None-Match"] = etag }
        if let lastModified = validators.lastModified { request.headers["If-Modified-Since"] = lastModified }
        return request
    }
}

extension HTTPResponse {
    /// The validators to store for the next conditional request; after a `304` the server may omit
    /// them, so the previous ones are kept.
    public func validators(replacing previous: HTTPValidators?) -> HTTPValidators? {
        HTTPValidators(head) ?? previous
    }
}
