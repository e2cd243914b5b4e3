import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import NewsSync

/// What an app drives: one store at a path the app chooses, its remotes (with their tokens in a
/// `CredentialStore`) and feed subscriptions, and syncing all of them under one `SyncLock`.
///
/// Safe to share between tasks; reading (timelines, articles, search) goes straight to `store`.
public final class NewsAccount: Sendable {
    /// The offline store; every read and mark goes through it.
    public let store: NewsStore
    /// Where device tokens are kept.
    public let credentials: any CredentialStore
    /// Held for the length of each sync, so two syncs never run on one store at once.
    public let syncLock: any SyncLock
    let transports: AccountTransports
    let clock: any Clock<Duration>
    let syncOptions: SyncOptions

    /// Opens (creating if needed) the store at `storePath`; `clock` is what `sync(within:)` and
    /// retries wait on and `now` the wall clock the store stamps changes with (tests pass their own).
    public init(
        storePath: String, transports: AccountTransports, credentials: any CredentialStore, syncLock: any SyncLock,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        syncOptions: SyncOptions = SyncOptions()
    ) throws(AccountError) {
        do {
            self.store = try NewsStore(path: storePath, now: now)
        } catch {
            throw .store(error)
        }
        self.transports = transports
        self.credentials = credentials
        self.syncLock = syncLock
        self.clock = clock
        var options = syncOptions
        options.clock = clock
        self.syncOptions = options
    }

    // MARK: Remotes

    /// Adds a feed server to sync with; `token` (a device token from the server's `user add`) lets
    /// read and starred state sync too. Checks the credential store first, so a remote is never
    /// added whose token could not be kept.
    public func addRemote(name: String, url: String, token: String? = nil) throws(AccountError) {
        guard Self.isValidRemoteName(name) else { throw .invalidRemoteName(String(name.prefix(40))) }
        guard HTTPRequest.webURL(url) != nil else { throw .invalidAddress(String(url.prefix(80))) }
        if let token {
            guard DeviceTokenFormat.isValid(token) else { throw .invalidToken }
            try credentials.checkWritable()
        }
        try storeCall { store throws(StoreError) in try store.addRemote(RemoteRecord(name: name, url: url)) }
        if let token { try credentials.setToken(token, forRemote: name) }
    }

    /// Forgets a remote and its token; its articles stay in the store.
    public func removeRemote(name: String) throws(AccountError) {
        guard try storeCall({ store throws(StoreError) in try store.removeRemote(named: name) }) else { throw .noSuchRemote(name) }
        try credentials.removeToken(forRemote: name)
    }

    /// Every remote, by name.
    public func remotes() throws(AccountError) -> [RemoteRecord] {
        try storeCall { store throws(StoreError) in try store.remotes() }
    }

    /// Whether a token is saved for `remote`.
    public func hasToken(remote: String) throws(AccountError) -> Bool {
        try credentials.token(forRemote: remote) != nil
    }

    /// Whether `name` may name a remote: 1–40 ASCII letters, digits, '-' or '_'.
    public static func isValidRemoteName(_ name: String) -> Bool {
        (1...40).contains(name.count)
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
    }

    // MARK: Feeds

    /// Follows a feed directly: it is fetched once now, so a wrong address or a page that is not a
    /// feed is refused (`feedRejected`) and not kept; afterwards every `sync` polls it.
    public func subscribe(url: String, folders: [String] = []) async throws(AccountError) -> SubscriptionPollReport {
        guard HTTPRequest.webURL(url) != nil else { throw .invalidAddress(String(url.prefix(80))) }
        _ = try transports.get()
        let record = SubscriptionRecord(url: url, categories: folders)
        _ = try storeCall { store throws(StoreError) in try store.addSubscriptions([record]) }
        let report = await SubscriptionPoller(store: store, transport: try transports.get().feeds).poll(record)
        if case let .failed(reason) = report.result {
            _ = try storeCall { store throws(StoreError) in try store.removeSubscription(url: url) }
            throw .feedRejected(url: url, reason: reason)
        }
        return report
    }

    /// Stops following a feed; its articles are removed (starred ones stay) unless `keepArticles`.
    /// Returns how many articles were removed.
    public func unsubscribe(url: String, keepArticles: Bool = false) throws(AccountError) -> Int {
        try storeCall { store throws(StoreError) in try store.removeSubscription(url: url, keepArticles: keepArticles) }
    }

    /// Every followed feed, with its last poll.
    public func subscriptions() throws(AccountError) -> [SubscriptionRecord] {
        try storeCall { store throws(StoreError) in try store.subscriptions() }
    }

    func storeCall<T>(_ body: (NewsStore) throws(StoreError) -> T) throws(AccountError) -> T {
        do { return try body(store) } catch { throw .store(error) }
    }
}

/// The HTTP stacks an account fetches through: its remotes (servers the user named, reached
/// wherever they are) and feeds (the open web, where a transport should refuse private addresses).
/// Made on first use when built with `making:`, so opening an account to manage remotes starts no
/// HTTP client.
public final class AccountTransports: @unchecked Sendable {
    // @unchecked: `made` is only touched under `lock`; `make` is immutable.
    /// The two transports.
    public typealias Pair = (remotes: any HTTPTransport, feeds: any HTTPTransport)
    private let lock = NSLock()
    private var made: Pair?
    private let make: @Sendable () throws(HTTPError) -> Pair

    /// Transports for remotes and feeds.
    public init(remotes: any HTTPTransport, feeds: any HTTPTransport) {
        made = (remotes, feeds)
        make = { (remotes, feeds) }
    }

    /// Transports `make` builds when a sync or subscription first needs them.
    public init(making make: @escaping @Sendable () throws(HTTPError) -> Pair) {
        self.make = make
    }

    /// The transports, made now if they were not yet.
    func get() throws(AccountError) -> Pair {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        do {
            let pair = try make()
            made = pair
            return pair
        } catch {
            throw .transportUnavailable(error.description)
        }
    }
}
