import FeedFormats
import FeedPolling
import Foundation
import HTTPTransport
import Logging
import NewsModels
import ServiceLifecycle

/// What one poll of an upstream feed did.
public struct UpstreamPollResult: Sendable {
    /// The feed's URL.
    public var url: String
    /// Articles added, revised and unchanged; nil when nothing was parsed (304, same body, failure).
    public var imported: ImportSummary?
    /// Items of the feed that were skipped, one line each.
    public var skipped: [String]
    /// The error, one line, when the poll failed.
    public var error: String?
    /// When the feed is due next.
    public var nextPollAt: Timestamp
}

/// Polls the outlets' feeds the server follows and imports what changed into the content log.
///
/// Each feed is due after its interval; a failing feed waits twice as long per failure in a row (at
/// most a day, at least the server's `Retry-After`), so a dead feed costs a request a day. Parsing
/// runs on a background thread and imports on the database's writer lane, never on Swift's
/// cooperative pool, so a feed that takes minutes to parse delays only its own import. As a
/// `Service` it runs in `serve`'s service group and stops on graceful shutdown.
public struct UpstreamPoller: Service {
    /// The database holding the feeds and the log.
    public let storage: SQLiteFeedStorage
    /// How feeds are fetched.
    public let fetcher: FeedFetcher
    /// Feeds fetched at once.
    public var concurrency: Int
    /// Where each poll is logged.
    public var logger: Logger
    /// The clock `run` sleeps on.
    public var clock: any Clock<Duration>
    /// The wall-clock time polls are stamped and scheduled with.
    public var now: @Sendable () -> Timestamp
    /// The longest `run` sleeps, so feeds added by another process are picked up.
    public var idle: Duration

    /// Creates a poller that fetches through `transport`; `clock` and `now` default to the real ones.
    public init(
        storage: SQLiteFeedStorage, transport: any HTTPTransport, concurrency: Int = 4, logger: Logger,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        idle: Duration = .seconds(60)
    ) {
        self.storage = storage
        self.fetcher = FeedFetcher(transport: transport)
        self.concurrency = max(1, concurrency)
        self.logger = logger
        self.clock = clock
        self.now = now
        self.idle = idle
    }

    /// Polls every due feed once (every feed with `all`) and returns what happened, in URL order.
    public func pollDue(all: Bool = false, now: Timestamp? = nil) async throws -> [UpstreamPollResult] {
        let storage = self.storage, at = now ?? self.now()
        let feeds = try await Offload.reads.run { all ? try storage.upstreamFeeds() : try storage.dueUpstreamFeeds(at: at) }
        return await PollBatch.run(feeds, width: concurrency) { feed in await poll(feed) }
    }

    /// Polls due feeds until cancelled or shut down gracefully (see `run(idle:)`).
    public func run() async throws {
        await cancelWhenGracefulShutdown { await run(idle: idle) }
    }

    /// Polls due feeds until cancelled, sleeping until the next one is due (at most `idle` at a time,
    /// so feeds added by another process are picked up).
    public func run(idle: Duration) async {
        let storage = self.storage
        while !Task.isCancelled {
            do {
                _ = try await pollDue()
                let wait: Duration
                if let next = try await Offload.reads.run({ try storage.nextUpstreamPoll() }) {
                    let millis = max(next.epochMilliseconds - now().epochMilliseconds, 1000)
                    wait = min(.milliseconds(millis), idle)
                } else {
                    wait = idle
                }
                try await clock.sleep(for: wait)
            } catch is CancellationError {
                return
            } catch {
                logger.error("upstream poll failed: \(error)")
                try? await clock.sleep(for: idle)
            }
        }
    }

    /// Polls one feed, imports its articles, and records the outcome and the next due time.
    func poll(_ feed: UpstreamFeed) async -> UpstreamPollResult {
        let now = self.now()
        let backoff = PollBackoff(interval: feed.interval)
        let storage = self.storage, fetcher = self.fetcher
        do {
            let fetched = try await fetcher.fetch(feed.url, memory: feed.memory, now: now)
            let outcome = try await Offload.parsing.runAbandoningOnCancel { try fetcher.interpret(fetched, from: feed.url, previous: feed.memory, now: now) }
            var imported: ImportSummary?, skipped: [String] = [], title: String?
            if case let .parsed(result, undated, _) = outcome {
                // Articles first, then the validators: a crash between the two re-fetches, never skips.
                imported = try await Offload.writes.run { try storage.importArticles(result.articles, keepingDatesOf: undated, origin: feed.url) }
                skipped = result.problems.map(\.description)
                title = result.source.name
            }
            let next = Timestamp(epochMilliseconds: now.epochMilliseconds + backoff.delay(failures: 0).milliseconds)
            try await Offload.writes.run { [title] in
                try storage.recordUpstreamSuccess(url: feed.url, title: title, memory: outcome.memory, at: now, next: next)
            }
            if let imported {
                logger.info("polled \(feed.url): \(imported.added) new, \(imported.revised) revised, \(imported.unchanged) unchanged, \(skipped.count) skipped")
                if let refusal = imported.refusal { logger.warning("polled \(feed.url): \(refusal)") }
            } else {
                logger.debug("polled \(feed.url): not modified")
            }
            return UpstreamPollResult(url: feed.url, imported: imported, skipped: skipped, error: nil, nextPollAt: next)
        } catch {
            let message = (error as? FeedPollError)?.description ?? "\(error)"
            let delay = backoff.delay(failures: feed.failures + 1, retryAfter: (error as? FeedPollError)?.retryAfter)
            let next = Timestamp(epochMilliseconds: now.epochMilliseconds + delay.milliseconds)
            _ = try? await Offload.writes.run { try storage.recordUpstreamFailure(url: feed.url, error: message, at: now, next: next) }
            logger.warning("polling \(feed.url) failed (\(feed.failures + 1) in a row; next try in \(delay.components.seconds) s): \(message)")
            return UpstreamPollResult(url: feed.url, imported: nil, skipped: [], error: message, nextPollAt: next)
        }
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
