import Foundation

/// The HTTP version a response arrived over.
public enum HTTPVersion: String, Sendable, Equatable {
    /// HTTP/1.0.
    case http1_0 = "HTTP/1.0"
    /// HTTP/1.1.
    case http1_1 = "HTTP/1.1"
    /// HTTP/2.
    case http2 = "HTTP/2"
    /// HTTP/3.
    case http3 = "HTTP/3"
}

/// The status line and header fields of the final response, after any redirects.
public struct HTTPResponseHead: Sendable, Equatable {
    /// The status code, such as 200 or 304.
    public var status: Int
    /// The response header fields.
    public var headers: HTTPHeaders
    /// The URL that answered, after redirects.
    public var url: URL
    /// The protocol version the response used.
    public var version: HTTPVersion

    /// Creates a response head.
    public init(status: Int, headers: HTTPHeaders, url: URL, version: HTTPVersion) {
        self.status = status
        self.headers = headers
        self.url = url
        self.version = version
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// Whether the server answered `304 Not Modified` to a conditional request.
    public var isNotModified: Bool { status == 304 }
}

/// A complete response whose body has been read into memory.
public struct HTTPResponse: Sendable, Equatable {
    /// The status line and headers.
    public var head: HTTPResponseHead
    /// The decoded body (content encodings such as gzip already removed).
    public var body: Data

    /// Creates a response.
    public init(head: HTTPResponseHead, body: Data) {
        self.head = head
        self.body = body
    }

    /// Returns the response if it is 2xx or 304, and otherwise throws `HTTPError.status` carrying the
    /// code, a short excerpt of the body and any `Retry-After`.
    @discardableResult
    public func requireSuccess() throws(HTTPError) -> HTTPResponse {
        if head.isSuccess || head.isNotModified { return self }
        throw .status(HTTPStatusFailure(head: head, body: body))
    }
}

/// A response whose body arrives as a stream of chunks.
///
/// Memory stays flat however large the body is: the transport stops reading from the network while
/// the consumer is behind. Dropping the response (or its body) before the end cancels the transfer.
public struct HTTPStreamingResponse: Sendable {
    /// The status line and headers.
    public var head: HTTPResponseHead
    /// The decoded body, chunk by chunk.
    public var body: HTTPBody

    /// Creates a streaming response.
    public init(head: HTTPResponseHead, body: HTTPBody) {
        self.head = head
        self.body = body
    }

}

/// A response of either form, read through its head.
public protocol HTTPResponseHeadCarrying: Sendable {
    /// The status line and headers.
    var head: HTTPResponseHead { get }
}

extension HTTPResponseHeadCarrying {
    /// The status code.
    public var status: Int { head.status }
    /// The response header fields.
    public var headers: HTTPHeaders { head.headers }
}

extension HTTPResponse: HTTPResponseHeadCarrying {}
extension HTTPStreamingResponse: HTTPResponseHeadCarrying {}
