import Foundation

/// Sends HTTP requests for the client core.
///
/// The sync engine depends only on this protocol. On Linux the implementation is `CurlTransport`;
/// an iOS app plugs in one built on `URLSession`. Implementations must follow redirects, decode
/// `Content-Encoding`, enforce the request's limits, and turn every failure into an `HTTPError`.
/// Responses with error statuses are returned, not thrown; call `requireSuccess()` to throw them.
public protocol HTTPTransport: Sendable {
    /// Sends a request and reads the whole response body into memory.
    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse

    /// Sends a request and returns once the final response's headers arrive; the body follows as a
    /// stream with back-pressure.
    func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse
}

extension HTTPTransport {
    /// Reads a streamed response into memory; transports with a faster buffered path override it.
    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let response = try await stream(request)
        let body = try await response.body.collect(upTo: request.maxResponseBytes ?? Int64.max)
        return HTTPResponse(head: response.head, body: body)
    }
}
