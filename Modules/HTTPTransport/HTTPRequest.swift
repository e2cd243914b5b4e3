import Foundation

/// An HTTP request method.
public struct HTTPMethod: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The method token, such as `GET`.
    public let rawValue: String

    /// Creates a method from its token.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `GET`: fetch a representation.
    public static let get = HTTPMethod(rawValue: "GET")
    /// `HEAD`: fetch headers only.
    public static let head = HTTPMethod(rawValue: "HEAD")
    /// `POST`: submit a body.
    public static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`: replace a resource.
    public static let put = HTTPMethod(rawValue: "PUT")
    /// `PATCH`: change part of a resource.
    public static let patch = HTTPMethod(rawValue: "PATCH")
    /// `DELETE`: remove a resource.
    public static let delete = HTTPMethod(rawValue: "DELETE")

    /// The method token.
    public var description: String { rawValue }
}

/// A request for an `HTTPTransport` to send.
///
/// Limits left `nil` fall back to the transport's configuration, so most callers set only the URL,
/// and a caller that knows a response is large (a snapshot chunk) raises `maxResponseBytes` for
/// just that request.
public struct HTTPRequest: Sendable, Equatable {
    /// The method; `GET` by default.
    public var method: HTTPMethod
    /// The absolute `http` or `https` URL.
    public var url: URL
    /// Extra request header fields. The transport sets `User-Agent` and `Accept-Encoding` itself.
    public var headers: HTTPHeaders
    /// The request body, if any.
    public var body: Data?
    /// The longest the whole exchange may take; `nil` uses the transport's default.
    public var timeout: Duration?
    /// The largest decoded response body accepted; `nil` uses the transport's default.
    public var maxResponseBytes: Int64?

    /// Creates a request.
    public init(
        method: HTTPMethod = .get, url: URL, headers: HTTPHeaders = HTTPHeaders(), body: Data? = nil,
        timeout: Duration? = nil, maxResponseBytes: Int64? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Creates a `GET` request for a URL string, or throws `HTTPError.invalidURL`.
    public init(get string: String, headers: HTTPHeaders = HTTPHeaders()) throws(HTTPError) {
        guard let url = Self.webURL(string) else { throw HTTPError.invalidURL(string) }
        self.init(url: url, headers: headers)
    }

    /// `string` as an absolute `http` or `https` URL with a host (what a transport can fetch), else nil.
    public static func webURL(_ string: String) -> URL? {
        guard let url = URL(string: string), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host != nil
        else { return nil }
        return url
    }
}
