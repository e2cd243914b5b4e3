import Foundation
import NewsStore
import NewsSync

/// Why an account operation failed, as cases an app can switch on; each `description` is one line
/// that names the problem without naming any front end's commands (those are the front end's words).
public enum AccountError: Error, Sendable, CustomStringConvertible {
    /// The store failed (cannot open, busy, disk full, a missing reference, …).
    case store(StoreError)
    /// A remote name is not 1–40 letters, digits, '-' or '_'.
    case invalidRemoteName(String)
    /// An address is not http(s) with a host.
    case invalidAddress(String)
    /// A device token is empty, too long or not printable ASCII without spaces.
    case invalidToken
    /// No remote has this name.
    case noSuchRemote(String)
    /// There are no remotes and no feed subscriptions to sync.
    case nothingToSync
    /// Another sync holds the store's sync lock and the caller asked not to wait.
    case syncInProgress
    /// The sync lock cannot be taken (`reason` says why).
    case lockUnavailable(path: String, reason: String)
    /// The place credentials are kept cannot be trusted or used (`reason` says why).
    case credentialsUnavailable(path: String, reason: String)
    /// A subscribed feed's first fetch failed; the subscription was not kept.
    case feedRejected(url: String, reason: String)
    /// The HTTP client could not be started.
    case transportUnavailable(String)
    /// The operation was cancelled; whatever it applied is kept.
    case cancelled

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .store(let error): error.description
        case .invalidRemoteName(let name): "a remote name is 1–40 letters, digits, '-' or '_', got '\(name)'"
        case .invalidAddress(let url): "the URL must be http:// or https:// with a host, got '\(url)'"
        case .invalidToken: "a device token is one word of printable ASCII (no spaces), at most 200 characters"
        case .noSuchRemote(let name): "no remote named '\(name)'"
        case .nothingToSync: "nothing to sync: no remote and no feed subscription"
        case .syncInProgress: "another sync is running on this store; try again when it finishes"
        case let .lockUnavailable(path, reason): "cannot open the sync lock \(path): \(reason)"
        case let .credentialsUnavailable(_, reason): reason
        case let .feedRejected(url, reason): "\(url): \(reason)"
        case .transportUnavailable(let reason): "cannot start the HTTP client: \(reason)"
        case .cancelled: "cancelled; what was applied is kept and the next sync resumes there"
        }
    }
}
