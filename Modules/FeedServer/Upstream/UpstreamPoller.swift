import FeedFormats
import FeedPolling
import Foundation
import HTTPTransport
import Logging
import NewsModels

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
/// most a day, at least the server's `Retry-After`), so a dead feed costs a request a day.
public struct UpstreamPoller: Sendable {
    /// The database holding the feeds and the log.
    public let storage: SQLiteFeedStorage
    /// How feeds are fetched.
    public let fetcher: FeedFetcher
    /// Feeds fetched at once.
    public var concurrency: Int
    /// Where each poll is logged.
    public var logger: Logger

    /// Creates a poller that fetches through `transport`.
    public init(storage: SQLiteFeedStorage, transport: any HTTPTransport, concurrency: Int = 4, logger: Logger) {
        self.storage = storage
        self.fetcher = FeedFetcher(transport: transport)
        self.concurrency = max(1, concurrency)
        self.logger = logger
    }

    /// Polls every due feed once (every feed with `all`) and returns what happened, in URL order.
    public func pollDue(all: Bool = false, now: Timestamp = .now()) async throws -> [UpstreamPollResult] {
        let feeds = all ? try storage.upstreamFeeds() : try storage.dueUpstreamFeeds(at: now)
        return await PollBatch.run(feeds, width: concurrency) { feed in await poll(feed) }
    }

    /// Polls due feeds until cancelled, sleeping until the next one is due (at most `idle` at a time,
    /// so feeds added by another process are picked up).
    public func run(idle: Duration = .seconds(60)) async {
        while !Task.isCancelled {
            do {
                _ = try await pollDue()
                let wait: Duration
                if let next = try storage.nextUpstreamPoll() {
                    let millis = max(next.epochMilliseconds - Timestamp.now().epochMilliseconds, 1000)
                    wait = min(.milliseconds(millis), idle)
                } else {
                    wait = idle
                }
                try await Task.sleep(for: wait)
            } catch is CancellationError {
                return
            } catch {
                logger.error("upstream poll failed: \(error)")
                try? await Task.sleep(for: idle)
            }
        }
    }

    /// Polls one feed, imports its articles, and records the outcome and the next due time.
    func poll(_ feed: UpstreamFeed) async -> UpstreamPollResult {
        let now = Timestamp.now()
        let backoff = PollBackoff(interval: feed.interval)
        do {
            let outcome = try await fetcher.poll(feed.url, memory: feed.memory, now: now)
            var imported: ImportSummary?, skipped: [String] = [], title: String?
            if case let .parsed(result, undated, _) = outcome {
                // Articles first, then the validators: a crash between the two re-fetches, never skips.
                imported = try storage.importArticles(result.articles, keepingDatesOf: undated)
                skipped = result.problems.map(\.description)
                title = result.source.name
            }
            let next = Timestamp(epochMilliseconds: now.epochMilliseconds + backoff.delay(failures: 0).milliseconds)
            try storage.recordUpstreamSuccess(url: feed.url, title: title, memory: outcome.memory, at: now, next: next)
            if let imported {
                logger.info("polled \(feed.url): \(imported.added) new, \(imported.revised) revised, \(imported.unchanged) unchanged, \(skipped.count) skipped")
            } else {
                logger.debug("polled \(feed.url): not modified")
            }
            return UpstreamPollResult(url: feed.url, imported: imported, skipped: skipped, error: nil, nextPollAt: next)
        } catch {
            let message = (error as? FeedPollError)?.description ?? "\(error)"
            let delay = backoff.delay(failures: feed.failures + 1, retryAfter: (error as? FeedPollError)?.retryAfter)
            let next = Timestamp(epochMilliseconds: now.epochMilliseconds + delay.milliseconds)
            try? storage.recordUpstreamFailure(url: feed.url, error: message, at: now, next: next)
            logger.warning("polling \(feed.url) failed (\(feed.failures + 1) in a row; next try in \(delay.components.seconds) s): \(message)")
            return UpstreamPollResult(url: feed.url, imported: nil, skipped: [], error: message, nextPollAt: next)
        }
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
