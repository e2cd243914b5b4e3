import Foundation
import HTTPTransport
import NewsModels

/// What a conditional GET found.
enum Fetched<Value: Sendable>: Sendable {
    /// The validator still matches.
    case notModified
    /// A new body, decoded, with its validator.
    case fresh(Value, etag: String?)
}

/// Counts requests and wire bytes across the concurrent fetches of one sync.
final class TrafficCounter: Sendable {
    private let state = Locked((requests: 0, bytes: Int64(0)))

    func record(bytes count: Int64) {
        state.withLock {
            $0.requests += 1
            $0.bytes += count
        }
    }

    var totals: (requests: Int, bytes: Int64) { state.withLock { $0 } }
}

/// Talks to one remote: builds requests, retries what is worth retrying, decodes answers.
struct RemoteClient: Sendable {
    let remote: SyncRemote
    let transport: any HTTPTransport
    let options: SyncOptions
    let traffic: TrafficCounter
    let budget: RequestBudget
    let events: @Sendable (SyncEvent) -> Void

    /// A compacted segment (410): the caller falls back to the snapshot.
    struct Gone: Error {}

    /// GETs `path`, decoding the body with `decode`; a body that fails to decode is retried like a
    /// transport failure, since proxies and flaky links corrupt bodies too.
    func get<Value: Sendable>(
        _ path: String, etag: String? = nil, authenticated: Bool = false,
        decode: @Sendable (Data) throws -> Value
    ) async throws -> Fetched<Value> {
        var request = HTTPRequest(url: remote.url(path))
        if let etag { request.headers["If-None-Match"] = etag }
        if authenticated, let token = remote.token { request.headers["Authorization"] = "Bearer \(token)" }
        return try await withRetries(path) {
            let response = try await send(request)
            if response.head.isNotModified {
                guard etag != nil else { throw SyncError.noProgress(url: request.url, reason: Self.unaskedNotModified) }
                return .notModified
            }
            return .fresh(try decoded(response, decode), etag: response.head.headers["ETag"])
        }
    }

    /// GETs an immutable `path` (a sealed segment or snapshot chunk) without a validator, so the
    /// answer is always a body.
    func getBody<Value: Sendable>(_ path: String, decode: @Sendable (Data) throws -> Value) async throws -> Value {
        guard case let .fresh(value, _) = try await get(path, decode: decode) else {
            throw SyncError.noProgress(url: remote.url(path), reason: Self.unaskedNotModified)
        }
        return value
    }

    /// POSTs a JSON body to `path` with the device token and decodes the answer.
    func post<Value: Sendable>(_ path: String, json: Data, decode: @Sendable (Data) throws -> Value) async throws -> Value {
        var request = HTTPRequest(method: .post, url: remote.url(path), headers: ["Content-Type": "application/json"], body: json)
        if let token = remote.token { request.headers["Authorization"] = "Bearer \(token)" }
        return try await withRetries(path) { try decoded(try await send(request), decode) }
    }

    /// Why a 304 to a request without `If-None-Match` is refused: there is no copy it could mean.
    static let unaskedNotModified = "304 Not Modified to a request sent without a validator"

    private func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try budget.spend(remote: remote.name)
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            traffic.record(bytes: 0)
            throw error == .cancelled ? SyncError.cancelled : SyncError.transport(error)
        }
        let wire = response.head.headers["Content-Length"].flatMap { Int64($0) } ?? Int64(response.body.count)
        traffic.record(bytes: wire)
        if response.head.status == 410 { throw Gone() }
        if response.head.status == 401 {
            throw SyncError.unauthorized(remote: remote.name, detail: HTTPStatusFailure(head: response.head, body: response.body).excerpt)
        }
        do {
            return try response.requireSuccess()
        } catch {
            throw SyncError.transport(error)
        }
    }

    private func decoded<Value>(_ response: HTTPResponse, _ decode: (Data) throws -> Value) throws -> Value {
        do {
            return try decode(response.body)
        } catch {
            throw SyncError.malformed(url: response.head.url, reason: "\(error)")
        }
    }

    /// Runs `attempt` until it succeeds, fails for good, or `maxAttempts` is reached.
    private func withRetries<Value>(_ path: String, _ attempt: () async throws -> Value) async throws -> Value {
        var number = 1
        while true {
            do {
                try Task.checkCancellation()
                return try await attempt()
            } catch {
                let failure = Self.classify(error)
                guard let failure, failure.retryable, number < options.maxAttempts else { throw Self.final(error) }
                let delay = try delay(attempt: number, asked: failure.retryAfter)
                events(.retrying(attempt: number, delay: delay, reason: "\(path): \(failure.reason)"))
                try await options.clock.sleep(for: delay)
                number += 1
            }
        }
    }

    /// Exponential backoff with full jitter, or the server's `Retry-After` when it gave one.
    private func delay(attempt: Int, asked: Duration?) throws -> Duration {
        if let asked {
            guard asked <= options.maxRetryAfter else {
                throw SyncError.malformed(url: remote.baseURL, reason: "the server asked to wait \(asked), longer than \(options.maxRetryAfter)")
            }
            return asked
        }
        let ceiling = min(options.maxDelay, options.baseDelay * Int(1 << min(attempt - 1, 20)))
        return ceiling * Double.random(in: 0.5...1.0)
    }

    /// Every failure `send` and `decoded` throw is a `SyncError` (or `Gone`), so only those are judged.
    private static func classify(_ error: any Error) -> (retryable: Bool, retryAfter: Duration?, reason: String)? {
        switch error {
        case let SyncError.transport(error):
            let retryAfter: Duration? = if case .status(let failure) = error { failure.retryAfter } else { nil }
            return (error.isRetryable, retryAfter, error.description)
        case SyncError.malformed(_, let reason):
            return (true, nil, reason)
        default:
            return nil
        }
    }

    private static func final(_ error: any Error) -> any Error {
        error is CancellationError ? SyncError.cancelled : error
    }
}
