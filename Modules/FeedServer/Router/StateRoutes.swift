import Foundation
import HTTPTypes
import Hummingbird
import NewsModels
import NIOCore

/// The server's hybrid logical clock: observes every client HLC it accepts and stamps acks.
///
/// Nothing is written per request: before its first stamp it resumes after the newest HLC already
/// stored in users' state, which is every reading a client could have sent and seen an ack for.
actor ServerClock {
    private var clock = HybridLogicalClock(node: "server")
    private var resumed = false
    private let storage: OffloadedStorage
    private let now: @Sendable () -> Timestamp

    init(storage: OffloadedStorage, now: @escaping @Sendable () -> Timestamp) {
        self.storage = storage
        self.now = now
    }

    /// Observes the batch's clocks and returns a reading after all of them.
    func stamp(after readings: [HLC]) async throws -> HLC {
        if !resumed {
            let newest = try await storage.read { try $0.newestStateHLC() }
            // Another stamp may have resumed while this one read; observing twice is harmless.
            if let newest { clock.observe(newest, now: now().epochMilliseconds) }
            resumed = true
        }
        let millis = now().epochMilliseconds
        for reading in readings { clock.observe(reading, now: millis) }
        return clock.tick(now: millis)
    }
}

/// The private half of the protocol: per-user read/starred state (PROTOCOL.md §4).
struct StateRoutes: Sendable {
    typealias Context = ServerRequestContext
    let storage: OffloadedStorage
    let configuration: FeedServerConfiguration
    let clock: ServerClock
    /// Requests per device token.
    let limiter: TokenRateLimiter
    /// Failed token checks per client address.
    let failures: TokenRateLimiter

    func add(to router: Router<Context>) {
        router.post("/v1/state/mutations") { request, context in try await mutations(request, context: context) }
        router.get("/v1/state") { request, context in try await pull(request, context: context) }
    }

    /// The user behind the request's bearer token, or a 401 problem; a 429 problem when the token has
    /// used up its request budget or the client's address its failed checks (both checked before the
    /// database is asked, so floods and guessing stay cheap).
    private func authenticate(_ request: Request, context: Context) async throws -> Int64 {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"paperboy\""]
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
            case let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces), !token.isEmpty
        else {
            throw ProblemError(.unauthorized, detail: "send Authorization: Bearer <device token>", headers: challenge)
        }
        let address = context.remoteAddress ?? "unknown"
        if let wait = await failures.delay(address) {
            throw Self.tooMany("this address sent too many unknown or revoked tokens (\(failures.describedRate))", wait: wait)
        }
        let tokenHash = DeviceToken.hash(token)
        if let wait = await limiter.admit(tokenHash) {
            throw Self.tooMany("this device token sent more than \(limiter.describedRate)", wait: wait)
        }
        guard let userId = try await storage.read({ try $0.userId(forTokenHash: tokenHash) }) else {
            _ = await failures.admit(address)
            throw ProblemError(.unauthorized, detail: "the device token is unknown or revoked", headers: challenge)
        }
        return userId
    }

    /// A 429 problem with `Retry-After` in whole seconds (at least one).
    private static func tooMany(_ reason: String, wait: Double) -> ProblemError {
        let seconds = max(1, Int(wait.rounded(.up)))
        return ProblemError(.tooManyRequests, detail: "\(reason); retry in \(seconds) s", headers: [.retryAfter: String(seconds)])
    }

    private func mutations(_ request: Request, context: Context) async throws -> Response {
        let userId = try await authenticate(request, context: context)
        let buffer = try await request.body.collect(upTo: configuration.maxRequestBytes)
        var batch: StateMutationBatch
        do {
            batch = try NewsJSON.decode(StateMutationBatch.self, from: Data(buffer: buffer))
        } catch {
            throw ProblemError(.badRequest, title: "Invalid mutation batch", detail: error.description)
        }
        guard batch.mutations.count <= configuration.maxMutationsPerBatch else {
            throw ProblemError(
                .contentTooLarge, detail: "\(batch.mutations.count) mutations; send at most \(configuration.maxMutationsPerBatch) per batch")
        }
        if let problem = configuration.clientFieldLimits.violation(in: batch) { throw problem }
        // A client clock far ahead of ours must not win every future conflict.
        let limit = configuration.now().epochMilliseconds + configuration.maxClockSkewMillis
        batch.mutations = batch.mutations.map { $0.clamped(notAfter: limit) }
        let clamped = batch
        let maxClients = configuration.maxClientsPerUser
        let appliedMid = try await storage.write {
            try $0.applyMutations(userId: userId, batch: clamped, keepingClients: maxClients, now: configuration.now())
        }
        let hlc = try await clock.stamp(after: batch.mutations.map(\.hlc))
        return Response.json(
            try NewsJSON.encode(StateMutationAck(appliedMid: appliedMid, hlc: hlc)), cacheControl: "private, no-cache")
    }

    private func pull(_ request: Request, context: Context) async throws -> Response {
        let userId = try await authenticate(request, context: context)
        let after = try Self.integer(request, "after", default: 0, range: 0...Int64.max)
        let limit = Int(try Self.integer(request, "limit", default: Int64(configuration.maxStatePageSize),
                                         range: 1...Int64(configuration.maxStatePageSize)))
        let current = try await storage.read { try $0.stateSeq(userId: userId) }
        // Private to this user (the token picks the user), so the tag need not hide anything; it
        // only has to change whenever the answer would.
        let etag = "\"st-\(userId)-\(after)-\(limit)-\(current)\""
        let cacheControl = "private, no-cache"
        if request.ifNoneMatchMatches(etag) {
            return Response.notModified(etag: etag, cacheControl: cacheControl)
        }
        let maxBytes = configuration.maxStatePageBytes
        let page = try await storage.read { try $0.stateChanges(userId: userId, after: after, limit: limit, maxBytes: maxBytes) }
        return await EncodedResponses.respond(
            to: request, data: try NewsJSON.encode(page), etag: etag, contentType: "application/json",
            cacheControl: cacheControl)
    }

    private static func integer(_ request: Request, _ name: String, default value: Int64, range: ClosedRange<Int64>) throws -> Int64 {
        guard let raw = request.uri.queryParameters.get(name) else { return value }
        guard let number = CanonicalInteger.parse(raw), range.contains(number) else {
            throw ProblemError.badParameter(name, "expected an integer in \(range.lowerBound)…\(range.upperBound), got '\(raw.prefix(40))'")
        }
        return number
    }
}

extension StateMutation {
    /// The same mutation with its HLC clamped to `limit` milliseconds.
    func clamped(notAfter limit: Int64) -> StateMutation {
        switch self {
        case let .set(mid, articleId, field, value, hlc):
            return .set(mid: mid, articleId: articleId, field: field, value: value, hlc: hlc.clamped(notAfter: limit))
        case let .markReadUpTo(mid, seq, sourceId, hlc):
            return .markReadUpTo(mid: mid, seq: seq, sourceId: sourceId, hlc: hlc.clamped(notAfter: limit))
        }
    }
}
