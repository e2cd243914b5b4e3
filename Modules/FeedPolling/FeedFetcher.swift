import Foundation
import FeedFormats
import HTTPTransport
import NewsModels

/// What the last poll of a feed left behind, for the next conditional GET.
public struct FeedPollMemory: Sendable, Equatable {
    /// The validators of the last good response.
    public var validators: HTTPValidators?
    /// When those validators were received.
    public var validatorsAt: Timestamp?
    /// Hex SHA-256 of the last body that was parsed.
    public var bodyHash: String?

    /// Creates the memory of a previous poll (all nil before the first).
    public init(validators: HTTPValidators? = nil, validatorsAt: Timestamp? = nil, bodyHash: String? = nil) {
        self.validators = validators
        self.validatorsAt = validatorsAt
        self.bodyHash = bodyHash
    }
}

/// The result of one poll.
public enum FeedPollOutcome: Sendable {
    /// `304 Not Modified`: nothing to do.
    case notModified(FeedPollMemory)
    /// A `200` whose body is byte-for-byte the last one: not parsed again.
    case unchanged(FeedPollMemory)
    /// A new body, parsed. `undated` lists articles whose item had no date (given the poll time).
    case parsed(FeedParseResult, undated: Set<String>, memory: FeedPollMemory)

    /// What to remember for the next poll.
    public var memory: FeedPollMemory {
        switch self {
        case let .notModified(memory), let .unchanged(memory), let .parsed(_, _, memory): return memory
        }
    }
}

/// Why a poll failed, one line each.
public enum FeedPollError: Error, Sendable, CustomStringConvertible {
    /// The request failed or the server answered with an error status.
    case http(HTTPError)
    /// The body is not a feed, or not a readable one.
    case format(FeedFormatError)

    /// One line naming the problem. An error status is told by its code and reason alone: this line
    /// is stored and listed as the feed's last error, and the body is the feed server's, not ours.
    public var description: String {
        switch self {
        case let .http(.status(failure)): return failure.summary
        case let .http(error): return error.description
        case let .format(error): return error.description
        }
    }

    /// How long the server asked us to wait (429/503 `Retry-After`), if it did.
    public var retryAfter: Duration? {
        if case let .http(.status(failure)) = self { return failure.retryAfter }
        return nil
    }
}

/// Polls one feed URL: conditional GET, body-hash short cut, parse.
public struct FeedFetcher: Sendable {
    /// Validators older than this are not sent (some servers answer 304 to stale ones forever).
    public static let validatorLifetime: Int64 = 7 * 24 * 3600 * 1000
    /// The transport requests go through.
    public let transport: any HTTPTransport
    /// The largest feed body accepted.
    public var maxBytes: Int

    /// Creates a fetcher.
    public init(transport: any HTTPTransport, maxBytes: Int = FeedDocument.defaultMaxBytes) {
        self.transport = transport
        self.maxBytes = maxBytes
    }

    /// Polls `url`. `source` overrides the outlet the feed names; else the outlet is bound to `url`
    /// (`FeedOrigin`). `now` dates undated items and stamps new validators.
    public func poll(
        _ url: String, memory: FeedPollMemory, source: Source? = nil, now: Timestamp = .now()
    ) async throws(FeedPollError) -> FeedPollOutcome {
        try interpret(try await fetch(url, memory: memory, now: now), from: url, previous: memory, source: source, now: now)
    }

    /// The network half of `poll`: the conditional GET. A caller that must keep parsing off its
    /// executor (a server's cooperative threads) runs `interpret` elsewhere.
    public func fetch(_ url: String, memory: FeedPollMemory, now: Timestamp = .now()) async throws(FeedPollError) -> FeedFetch {
        var request: HTTPRequest
        do {
            request = try HTTPRequest(get: url)
        } catch {
            throw .http(error)
        }
        request.headers["Accept"] = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
        request.maxResponseBytes = Int64(maxBytes)
        let fresh = memory.validatorsAt.map { now.epochMilliseconds - $0.epochMilliseconds < Self.validatorLifetime } ?? false
        if fresh { request = request.conditional(on: memory.validators) }

        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw .http(error)
        }
        var next = memory
        if !fresh { next.validators = nil }
        if response.head.isNotModified {
            // A 304 to an unconditional request would be a server bug; treat it as "nothing new" anyway.
            if let replaced = response.validators(replacing: next.validators), replaced != next.validators {
                next.validators = replaced
                next.validatorsAt = now
            }
            return .notModified(next)
        }
        do {
            _ = try response.requireSuccess()
        } catch {
            throw .http(error)
        }
        next.validators = HTTPValidators(response.head)
        next.validatorsAt = next.validators == nil ? nil : now
        return .body(response.body, memory: next)
    }

    /// The CPU half of `poll`: hashes a fetched body and parses it unless it is the last one again.
    /// `url` is where it was fetched, which the articles' source is bound to unless `source` overrides
    /// it; `previous` is the memory `fetch` was given.
    public func interpret(
        _ fetched: FeedFetch, from url: String, previous: FeedPollMemory, source: Source? = nil, now: Timestamp
    ) throws(FeedPollError) -> FeedPollOutcome {
        guard case .body(let body, var next) = fetched else { return .notModified(fetched.memory) }
        let hash = SHA256.hex(body)
        if hash == previous.bodyHash {
            next.bodyHash = hash
            return .unchanged(next)
        }
        let result: FeedParseResult
        do {
            result = try FeedDocument.parseFeed(body, source: source, origin: .url(url), undatedFallback: now, maxBytes: maxBytes)
        } catch {
            throw .format(error)
        }
        next.bodyHash = hash
        let undated = Set(result.articles.lazy.filter { $0.publishedAt.epochMilliseconds == now.epochMilliseconds }.map(\.id))
        return .parsed(result, undated: undated, memory: next)
    }
}

/// What `FeedFetcher.fetch` received: nothing new, or a body still to be hashed and parsed.
public enum FeedFetch: Sendable {
    /// `304 Not Modified`, with the memory to keep.
    case notModified(FeedPollMemory)
    /// A successful response's body and the validators it came with (its hash not yet known).
    case body(Data, memory: FeedPollMemory)

    /// What to remember for the next poll, as far as the response tells.
    public var memory: FeedPollMemory {
        switch self {
        case let .notModified(memory), let .body(_, memory): return memory
        }
    }
}
