import Foundation
import HTTPTransport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An `HTTPTransport` on Foundation's `URLSession`: the HTTP stack Apple platforms ship, and
/// FoundationNetworking's on Linux. Bodies stream through a session delegate with a bounded buffer
/// (the task is suspended while the consumer is behind); size caps, redirect limits and timeouts
/// follow the `HTTPTransport` contract as far as URLSession lets them (see README.md).
public final class URLSessionTransport: HTTPTransport, Sendable {
    /// Limits shared by every request the transport sends.
    public struct Configuration: Sendable, Equatable {
        /// The longest a buffered `send` may take from start to end of body.
        public var requestTimeout: Duration = .seconds(60)
        /// A transfer that receives nothing for this long fails with `timedOut(.stalled)`
        /// (URLSession's `timeoutIntervalForRequest`, which also bounds connecting).
        public var stallTimeout: Duration = .seconds(30)
        /// The largest decoded body accepted unless a request sets its own limit.
        public var maxResponseBytes: Int64 = 64 << 20
        /// How many redirects to follow before failing with `tooManyRedirects`.
        public var maxRedirects = 5
        /// Sent as `User-Agent`.
        public var userAgent = "paperboy"
        /// Bytes a streamed body buffers before the task is suspended for the consumer.
        public var streamBufferBytes = 1 << 20
        /// Whether URLs (and redirects) naming a private or loopback IP literal are refused. Host
        /// names are not resolved first: URLSession offers no hook between resolving and connecting.
        public var refuseLiteralPrivateAddresses = true

        /// The default configuration.
        public init() {}

        /// For the user's own servers, reached wherever they are (a home server on the LAN included).
        public static var anyAddress: Configuration {
            var configuration = Configuration()
            configuration.refuseLiteralPrivateAddresses = false
            return configuration
        }
    }

    /// The limits in force.
    public let configuration: Configuration
    private let session: URLSession
    private let delegate: SessionDelegate

    /// A transport with its own session.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        let delegate = SessionDelegate(maxRedirects: configuration.maxRedirects, refusePrivate: configuration.refuseLiteralPrivateAddresses)
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = configuration.stallTimeout.timeInterval
        sessionConfiguration.httpAdditionalHeaders = ["User-Agent": configuration.userAgent]
        // The sync engine revalidates with its own validators; a cache would answer for the server.
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
        sessionConfiguration.urlCache = nil
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        self.delegate = delegate
        self.session = URLSession(configuration: sessionConfiguration, delegate: delegate, delegateQueue: queue)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Sends a request and reads the whole body into memory, within `requestTimeout`.
    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let limit = request.maxResponseBytes ?? configuration.maxResponseBytes
        let timeout = request.timeout ?? configuration.requestTimeout
        let result: Result<HTTPResponse, HTTPError> = await withTaskGroup(of: Result<HTTPResponse, HTTPError>?.self) { group in
            group.addTask {
                do throws(HTTPError) {
                    let streamed = try await self.stream(request)
                    return .success(HTTPResponse(head: streamed.head, body: try await streamed.body.collect(upTo: limit)))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                // The request's total limit; ContinuousClock because this is the network's real time.
                do { try await Task.sleep(for: timeout) } catch { return nil }
                return .failure(.timedOut(.total, after: timeout))
            }
            var outcome: Result<HTTPResponse, HTTPError> = .failure(.cancelled)
            for await finished in group {
                if let finished {
                    outcome = finished
                    group.cancelAll()
                    break
                }
            }
            return outcome
        }
        return try result.get()
    }

    /// Sends a request and returns once the final response's head arrives; the body follows as a
    /// stream, the task suspended while more than `streamBufferBytes` wait for the consumer.
    public func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse {
        guard HTTPRequest.webURL(request.url.absoluteString) != nil else { throw .invalidURL(request.url.absoluteString) }
        if configuration.refuseLiteralPrivateAddresses, let refusal = LiteralAddress.refusal(for: request.url) { throw refusal }
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.httpBody = request.body
        for field in request.headers {
            guard !field.value.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw .invalidRequest(detail: "the header \(field.name) holds a line break")
            }
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        let transfer = Transfer(
            limit: request.maxResponseBytes ?? configuration.maxResponseBytes, bufferLimit: configuration.streamBufferBytes,
            stallTimeout: configuration.stallTimeout)
        let task = session.dataTask(with: urlRequest)
        transfer.task = task
        delegate.register(transfer, for: task)
        let head: Result<HTTPResponseHead, HTTPError> = await withTaskCancellationHandler {
            do throws(HTTPError) {
                return .success(try await transfer.awaitHead { task.resume() })
            } catch {
                return .failure(error)
            }
        } onCancel: {
            transfer.cancel()
        }
        return HTTPStreamingResponse(head: try head.get(), body: HTTPBody(source: transfer))
    }
}

extension Duration {
    /// The duration as a `TimeInterval`, for Foundation's APIs.
    var timeInterval: TimeInterval { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
