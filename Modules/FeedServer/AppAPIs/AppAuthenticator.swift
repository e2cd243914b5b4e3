import Foundation
import HummingbirdBcrypt
import NewsModels

/// Why an app API request was not let in; each API answers it in its own error shape.
enum AppAuthFailure: Error, Equatable {
    /// No credentials were sent.
    case missing
    /// The credentials are wrong, unknown or revoked.
    case rejected
    /// The user's request budget, or the address's failed checks, ran out: retry after `wait` seconds.
    case tooMany(reason: String, wait: Double)

    /// A one-line message a user can act on.
    var message: String {
        switch self {
        case .missing: "sign in first: send the user name and the password set with paperboy-server user password"
        case .rejected: "wrong user name or password, or an unknown token"
        case .tooMany(let reason, let wait): "\(reason); retry in \(max(1, Int(wait.rounded(.up)))) s"
        }
    }
}

/// Passwords checked with bcrypt, remembered so HTTP Basic (sent on every request) costs one bcrypt
/// per password, not per request.
///
/// A remembered entry is the SHA-256 of the stored hash and the password that matched it: only that
/// exact password against that exact stored hash finds it, so a wrong password is always checked by
/// bcrypt (and fails), and setting a new password makes every old entry unreachable.
actor VerifiedPasswords {
    private var keys: Set<String> = []
    private let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    static func key(hash: String, password: String) -> String {
        SHA256.hex(Array(hash.utf8) + [0] + Array(password.utf8))
    }

    func contains(_ key: String) -> Bool { keys.contains(key) }

    func insert(_ key: String) {
        if keys.count >= limit { keys.removeAll(keepingCapacity: true) }
        keys.insert(key)
    }
}

/// Authentication for the app APIs: passwords (bcrypt, off the request threads), Google Reader auth
/// tokens derived from the stored hash, and device tokens as Miniflux API keys; with the state
/// routes' limits, per user for requests and per address for failures.
struct AppAuthenticator: Sendable {
    let storage: OffloadedStorage
    /// Requests per user (keys `app:<user id>`).
    let limiter: TokenRateLimiter
    /// Failed checks per client address.
    let failures: TokenRateLimiter
    let verified = VerifiedPasswords()

    /// The user whose name and password these are.
    func login(name: String, password: String, address: String?) async throws(AppAuthFailure) -> AppLogin {
        let address = address ?? "unknown"
        try await checkFailures(address)
        guard name.utf8.count <= 200, password.utf8.count <= 1024 else { throw await fail(address) }
        let stored = try? await storage.read { try $0.passwordHash(userName: name) }
        guard let stored else {
            // Take as long as a real check, so the answer does not tell which names exist.
            _ = await Offload.passwords.run { Bcrypt.verify(password, hash: Self.decoyHash) }
            throw await fail(address)
        }
        let key = VerifiedPasswords.key(hash: stored.hash, password: password)
        if await verified.contains(key) { return try await admitted(stored) }
        let matches = await Offload.passwords.run { Bcrypt.verify(password, hash: stored.hash) }
        guard matches else { throw await fail(address) }
        await verified.insert(key)
        return try await admitted(stored)
    }

    /// The Google Reader auth token for a login: `<user id>/<hex>`, derived from the stored hash, so it
    /// changes when the password does and needs no table.
    static func readerToken(_ login: AppLogin) -> String {
        "\(login.userId)/" + SHA256.hex(Array("paperboy-reader-auth\u{0}\(login.hash)".utf8))
    }

    /// The edit token (`T`) of a login.
    static func editToken(_ login: AppLogin) -> String {
        String(SHA256.hex(Array("paperboy-reader-edit\u{0}\(login.hash)".utf8)).prefix(57))
    }

    /// The user a Google Reader auth token names.
    func reader(token: String, address: String?) async throws(AppAuthFailure) -> AppLogin {
        let address = address ?? "unknown"
        try await checkFailures(address)
        guard token.utf8.count <= 200, let slash = token.firstIndex(of: "/"), let userId = Int64(token[..<slash]),
            let stored = try? await storage.read({ try $0.passwordHash(userId: userId) }),
            Self.constantTimeEqual(Self.readerToken(stored), token)
        else { throw await fail(address) }
        return try await admitted(stored)
    }

    /// The user owning an active device token (sent as Miniflux's X-Auth-Token).
    func device(token: String, address: String?) async throws(AppAuthFailure) -> AppLogin {
        let address = address ?? "unknown"
        try await checkFailures(address)
        let hash = DeviceToken.hash(token)
        guard token.utf8.count <= 200, let userId = try? await storage.read({ try $0.userId(forTokenHash: hash) }) else {
            throw await fail(address)
        }
        let name = (try? await storage.read { try $0.passwordHash(userId: userId) })?.name ?? "user \(userId)"
        return try await admitted(AppLogin(userId: userId, name: name, hash: ""))
    }

    private func checkFailures(_ address: String) async throws(AppAuthFailure) {
        if let wait = await failures.delay(address) {
            throw .tooMany(reason: "this address sent too many wrong passwords or tokens (\(failures.describedRate))", wait: wait)
        }
    }

    private func fail(_ address: String) async -> AppAuthFailure {
        _ = await failures.admit(address)
        return .rejected
    }

    private func admitted(_ login: AppLogin) async throws(AppAuthFailure) -> AppLogin {
        if let wait = await limiter.admit("app:\(login.userId)") {
            throw .tooMany(reason: "this user sent more than \(limiter.describedRate)", wait: wait)
        }
        return login
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A bcrypt hash of a random password, checked when the user does not exist.
    static let decoyHash = Bcrypt.hash(DeviceToken.generate(), cost: AppPassword.cost)
}

/// Passwords for the app APIs (`paperboy-server user password`).
public enum AppPassword {
    /// bcrypt's cost: 2^10 rounds, tens of milliseconds per check.
    static let cost: UInt8 = 10
    /// The shortest password accepted.
    public static let minimumLength = 8
    /// The longest: bcrypt reads only the first 72 bytes, so a longer one would be silently cut.
    public static let maximumBytes = 72

    /// A salted bcrypt hash of `password`, for `AppAPIStorage.setPasswordHash`.
    public static func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Why `password` cannot be used, or nil when it can.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "the password must have at least \(minimumLength) characters" }
        if password.utf8.count > maximumBytes { return "the password must fit in \(maximumBytes) bytes (bcrypt reads no further)" }
        if password.contains(where: { $0.isNewline }) { return "the password must be one line" }
        return nil
    }
}
