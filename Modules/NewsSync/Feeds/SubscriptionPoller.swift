import FeedFormats
import FeedPolling
import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import Stories

/// How one subscription's poll went.
public struct SubscriptionPollReport: Sendable {
    /// What happened.
    public enum Result: Sendable {
        /// The server answered `304 Not Modified`.
        case notModified
        /// The body was the same as last time; not parsed.
        case unchanged
        /// The feed was parsed and stored; `skipped` lists items that could not be used.
        case stored(ApplySummary, skipped: [ItemProblem])
        /// The poll failed; the message is one line. Nothing stored was changed.
        case failed(String)
    }

    /// The subscription's URL.
    public var url: String
    /// The feed's title, when known.
    public var title: String?
    /// The outcome.
    public var result: Result
}

/// Polls the store's subscriptions (feeds read directly, without a server) and stores what changed.
///
/// Each feed is polled with a conditional GET; a poll's articles and its validators are stored in one
/// transaction, so a crash can never leave validators that would hide unstored articles. A failing
/// feed does not stop the others. Feed articles come with no story, so the poller groups them itself,
/// with the articles already stored (a server's included), so a followed outlet's report of an
/// event joins the story the server formed for it.
public struct SubscriptionPoller: Sendable {
    /// The store to read subscriptions from and write articles to.
    public let store: NewsStore
    /// The fetcher used for every feed.
    public let fetcher: FeedFetcher
    /// How many feeds are fetched at once.
    public var concurrency: Int
    /// Groups feed articles into stories, reloading stored articles of the weeks it needs.
    let stories: StoryAssigner

    /// Creates a poller.
    public init(store: NewsStore, transport: any HTTPTransport, concurrency: Int = 6) {
        self.store = store
        self.fetcher = FeedFetcher(transport: transport)
        self.concurrency = max(1, concurrency)
        self.stories = StoryAssigner()
    }

    /// Polls every subscription (or only those in `urls`), calling `report` as each one finishes;
    /// returns all reports in subscription order.
    public func pollAll(
        only urls: Set<String>? = nil, report: @escaping @Sendable (SubscriptionPollReport) -> Void = { _ in }
    ) async throws(StoreError) -> [SubscriptionPollReport] {
        let records = try await store.perform { (store) throws(StoreError) in try store.subscriptions() }.filter { urls?.contains($0.url) ?? true }
        return await PollBatch.run(records, width: concurrency, { record in await poll(record) }, finished: report)
    }

    /// Polls one subscription and records the outcome, stamped with the store's clock. Store work runs
    /// through `NewsStore.perform`, off the cooperative pool.
    public func poll(_ record: SubscriptionRecord) async -> SubscriptionPollReport {
        let memory = FeedPollMemory(
            validators: (record.etag != nil || record.lastModified != nil)
                ? HTTPValidators(etag: record.etag, lastModified: record.lastModified) : nil,
            validatorsAt: record.validatorsAt, bodyHash: record.bodyHash)
        let now = store.now()
        let outcome: FeedPollOutcome
        do {
            outcome = try await fetcher.poll(record.url, memory: memory, now: now)
        } catch {
            let message = error.description
            do {
                try await store.perform { try $0.recordPollFailure(url: record.url, error: message, at: now) }
            } catch let storeError {
                return SubscriptionPollReport(url: record.url, title: record.title, result: .failed("\(message); and the store: \(storeError)"))
            }
            return SubscriptionPollReport(url: record.url, title: record.title, result: .failed(message))
        }
        var updated = record
        updated.etag = outcome.memory.validators?.etag
        updated.lastModified = outcome.memory.validators?.lastModified
        updated.validatorsAt = outcome.memory.validatorsAt
        updated.bodyHash = outcome.memory.bodyHash
        do {
            switch outcome {
            case .notModified:
                try await save(updated, articles: [], at: now)
                return SubscriptionPollReport(url: record.url, title: record.title, result: .notModified)
            case .unchanged:
                try await save(updated, articles: [], at: now)
                return SubscriptionPollReport(url: record.url, title: record.title, result: .unchanged)
            case let .parsed(result, undated, _):
                updated.title = result.source.name
                updated.homePage = result.source.url
                updated.sourceId = result.source.id
                let summary = try await save(updated, articles: result.articles, undated: undated, claimedIDs: result.claimedIDs, at: now)
                return SubscriptionPollReport(url: record.url, title: updated.title, result: .stored(summary, skipped: result.problems))
            }
        } catch {
            return SubscriptionPollReport(url: record.url, title: record.title, result: .failed(error.description))
        }
    }

    /// Groups `articles` into stories and stores them with the poll's bookkeeping, in one piece of store
    /// work: grouping reads the stored articles of the weeks it needs.
    @discardableResult
    private func save(
        _ updated: SubscriptionRecord, articles: [Article], undated: Set<String> = [], claimedIDs: [String: String] = [:],
        at now: Timestamp
    ) async throws(StoreError) -> ApplySummary {
        let poller = self
        return try await store.perform { (store) throws(StoreError) in
            let (articles, merges) = try poller.grouped(articles)
            return try store.recordPollSuccess(
                updated, articles: articles, undated: undated, storyMerges: merges, claimedIDs: claimedIDs, at: now)
        }
    }

    /// `articles` with the story each belongs to, and the stories they merged (a merged story's
    /// id → the story it went into).
    func grouped(_ articles: [Article]) throws(StoreError) -> (articles: [Article], merges: [String: String]) {
        let store = self.store
        let batch = try stories.assign(articles) { (range) throws(StoreError) in
            try store.groupedArticles(publishedIn: range.lowerBound.epochMilliseconds...range.upperBound.epochMilliseconds)
                .map { GroupedArticle(article: $0.article, storyId: $0.storyId) }
        }
        let grouped = zip(articles, batch.assignments).map { article, assignment in
            var grouped = article
            grouped.storyId = assignment.storyId
            return grouped
        }
        return (grouped, batch.merges)
    }
}
