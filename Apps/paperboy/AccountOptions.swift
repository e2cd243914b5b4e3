import CurlTransport
import Foundation
import HTTPTransport
import NewsAccount
import NewsStore
import TerminalUI

extension StoreOptions {
    /// Opens the store as an account: tokens in `tokens/` beside the store (0600 files), the sync
    /// lock beside it (`STORE.sync-lock`), libcurl for remotes (any address) and for feeds (public
    /// addresses unless `allowPrivateAddresses`), started only when a sync or subscription needs it.
    func openAccount(allowPrivateAddresses: Bool = false) throws -> NewsAccount {
        let path = try self.path
        let transports = AccountTransports { () throws(HTTPError) in
            (remotes: try Self.curl(.anyAddress), feeds: try Self.curl(allowPrivateAddresses ? .anyAddress : .publicOnly))
        }
        do {
            return try NewsAccount(
                storePath: path, transports: transports,
                credentials: FileCredentialStore(directory: (path as NSString).deletingLastPathComponent + "/tokens"),
                syncLock: FileSyncLock(storePath: path))
        } catch {
            throw Failure.from(error)
        }
    }

    private static func curl(_ policy: CurlTransport.AddressPolicy) throws(HTTPError) -> CurlTransport {
        var configuration = CurlTransport.Configuration()
        configuration.addressPolicy = policy
        return try CurlTransport(configuration: configuration)
    }
}

extension Failure {
    /// An account error in the reader's words: the fix names the command to run.
    static func from(_ error: AccountError) -> Failure {
        switch error {
        case .store(let error): return from(error)
        case .noSuchRemote(let name):
            return .notFound("no remote named '\(TerminalText.sanitize(String(name.prefix(40))))'; see: paperboy remote list")
        case .nothingToSync:
            return .user("nothing to sync; add a server with: paperboy remote add NAME URL --token-file FILE, or follow a feed with: paperboy subscribe URL")
        case .syncInProgress:
            return .user("another paperboy sync is running on this store; try again when it finishes")
        case let .feedRejected(url, reason):
            return FeedURL.failure(reason, url: url)
        case .transportUnavailable, .cancelled:
            return .network(TerminalText.sanitize(error.description))
        case .invalidRemoteName, .invalidAddress, .invalidToken, .lockUnavailable, .credentialsUnavailable:
            return .user(TerminalText.sanitize(error.description))
        }
    }
}
