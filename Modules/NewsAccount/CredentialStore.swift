import Foundation

/// Where an account keeps each remote's device token. On Apple platforms an app implements this on
/// the Keychain (`SecItemAdd`/`SecItemCopyMatching` with the remote's name as the account); on
/// Linux `FileCredentialStore` keeps one 0600 file per remote.
public protocol CredentialStore: Sendable {
    /// The token saved for `remote`, nil when there is none.
    func token(forRemote remote: String) throws(AccountError) -> String?
    /// Saves (or replaces) the token for `remote`.
    func setToken(_ token: String, forRemote remote: String) throws(AccountError)
    /// Forgets the token for `remote`; forgetting a missing token is not an error.
    func removeToken(forRemote remote: String) throws(AccountError)
    /// Fails when tokens could not be saved, so a remote is not added whose token would be lost.
    func checkWritable() throws(AccountError)
}

extension CredentialStore {
    /// Most stores can always write.
    public func checkWritable() throws(AccountError) {}
}

/// Tokens held in memory only, for previews, tests and apps that ask for the token each launch.
public final class MemoryCredentialStore: CredentialStore, @unchecked Sendable {
    // @unchecked: `tokens` is only touched under `lock`.
    private let lock = NSLock()
    private var tokens: [String: String] = [:]

    /// An empty store.
    public init() {}

    /// The token saved for `remote`.
    public func token(forRemote remote: String) throws(AccountError) -> String? { lock.withLock { tokens[remote] } }
    /// Saves the token for `remote`.
    public func setToken(_ token: String, forRemote remote: String) throws(AccountError) { lock.withLock { tokens[remote] = token } }
    /// Forgets the token for `remote`.
    public func removeToken(forRemote remote: String) throws(AccountError) { _ = lock.withLock { tokens.removeValue(forKey: remote) } }
}

/// What a device token may look like: one word of printable ASCII, at most 200 characters.
public enum DeviceTokenFormat {
    /// Whether `token` is a well-formed device token.
    public static func isValid(_ token: String) -> Bool {
        !token.isEmpty && token.count <= 200 && token.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
    }
}
