import Foundation
import HTTPTransport
import NewsStore

/// Why a sync stopped. Everything applied before the failure stays applied.
public enum SyncError: Error, Sendable, CustomStringConvertible {
    /// The request failed (after retries, if it was worth retrying).
    case transport(HTTPError)
    /// The server refused the device token (401).
    case unauthorized(remote: String, detail: String)
    /// The server sent something that does not follow the protocol (after retries).
    case malformed(url: URL, reason: String)
    /// The server speaks a protocol version this client does not.
    case unsupportedProtocol(Int)
    /// The local store failed.
    case store(StoreError)
    /// The sync was cancelled.
    case cancelled
    /// An answer that cannot move the sync forward (a 304 to a request sent without a validator, a
    /// state cursor that does not advance): retrying it would loop, so the sync stops.
    case noProgress(url: URL, reason: String)
    /// The sync sent every request its plan allows (`requests`, retries included) and the server's
    /// answers still asked for more.
    case requestLimit(remote: String, requests: Int)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .transport(let error): error.description
        case let .unauthorized(remote, detail):
            "the server refused the device token for '\(remote)' (\(detail))"
        case let .malformed(url, reason): "unexpected answer from \(url.path): \(reason)"
        case .unsupportedProtocol(let version): "the server speaks protocol \(version); this client speaks 1: upgrade it"
        case .store(let error): error.description
        case .cancelled: "sync cancelled; the next sync resumes where this one stopped"
        case let .noProgress(url, reason):
            "the server made no progress at \(url.path): \(reason); sync stopped, what it applied is kept"
        case let .requestLimit(remote, requests):
            "sync with '\(remote)' stopped after \(requests) requests, more than the server's manifest calls for; what it applied is kept"
        }
    }
}
