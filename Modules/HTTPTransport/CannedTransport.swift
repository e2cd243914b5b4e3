import Foundation

/// A transport that answers from a list of canned responses, in order, and records every request:
/// for tests and previews of code that polls or syncs, with no network.
public final class CannedTransport: HTTPTransport, @unchecked Sendable {
    // @unchecked: both fields are only touched under `lock`.
    private let lock = NSLock()
    private var responses: [CannedResponse]
    private var sent: [HTTPRequest] = []

    /// One canned answer: a status, headers and a body, or a transport error.
    public enum CannedResponse: Sendable {
        /// A response with this status, headers and body.
        case reply(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data())
        /// A failure before any response.
        case failure(HTTPError)
    }

    /// Creates a transport that gives `responses` in order; requests beyond them fail with `connectionRefused`.
    public init(_ responses: [CannedResponse]) { self.responses = responses }

    /// Every request sent so far, in order.
    public var requests: [HTTPRequest] { lock.withLock { sent } }

    /// Answers with the next canned response.
    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let next: CannedResponse? = lock.withLock {
            sent.append(request)
            return responses.isEmpty ? nil : responses.removeFirst()
        }
        switch next {
        case let .reply(status, headers, body)?:
            return HTTPResponse(head: HTTPResponseHead(status: status, headers: headers, url: request.url, version: .http1_1), body: body)
        case let .failure(error)?:
            throw error
        case nil:
            throw .connectionRefused(host: request.url.host ?? "", port: request.url.port ?? 0)
        }
    }

    /// Streams the next canned response's body in one piece.
    public func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse {
        let response = try await send(request)
        return HTTPStreamingResponse(head: response.head, body: HTTPBody(source: OneChunk(response.body)))
    }

    /// A body that is one chunk already in memory.
    private final class OneChunk: HTTPBodySource, @unchecked Sendable {
        // @unchecked: `remaining` and `cancelled` are only touched under `lock`.
        private let lock = NSLock()
        private var remaining: Data?
        private var cancelled = false

        init(_ data: Data) { remaining = data }

        func nextChunk() async throws(HTTPError) -> Data? {
            let (chunk, wasCancelled): (Data?, Bool) = lock.withLock {
                defer { remaining = nil }
                return (remaining, cancelled)
            }
            if wasCancelled { throw .cancelled }
            return chunk
        }

        func cancel() { lock.withLock { cancelled = true } }
    }
}
