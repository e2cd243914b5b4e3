import Foundation
import NewsModels

/// What `StoryAssigner.assign(_:load:)` decided for one batch.
public struct StoryBatch: Sendable {
    /// One assignment per article, in the order given; each `storyId` is final for the batch (a
    /// story merged later in the batch is already followed).
    public var assignments: [StoryAssignment]
    /// Stories the batch merged: each merged story's id and the id of the story its articles now
    /// belong to. The host moves its stored articles of those stories.
    public var merges: [String: String]

    /// Creates a batch result, following chains of merges (a story merged into one that was merged
    /// in turn) to the story that survived, in `merges` and in every assignment.
    public init(assignments: [StoryAssignment], merges: [String: String]) {
        func survivor(_ id: String) -> String {
            var id = id, steps = 0
            while let next = merges[id], next != id, steps <= merges.count { id = next; steps += 1 }
            return id
        }
        self.merges = merges.mapValues(survivor)
        self.assignments = assignments.map { var a = $0; a.storyId = survivor(a.storyId); return a }
    }
}

/// An article its host grouped before, handed back to rebuild the index.
public struct GroupedArticle: Sendable {
    /// The article as stored.
    public var article: Article
    /// The story the host recorded for it.
    public var storyId: String

    /// Creates a grouped article.
    public init(article: Article, storyId: String) {
        self.article = article
        self.storyId = storyId
    }
}

/// A `StoryGrouper` that a host (the server's database, a client's store) keeps filled from its own
/// storage, so nothing but the articles themselves needs persisting.
///
/// Before grouping a batch it asks the host for the already grouped articles published near the
/// batch (within the grouper's maximum gap) that it has not loaded yet, and restores them with
/// their recorded stories; so story ids survive restarts, and a restart costs one read of a few
/// weeks of articles rather than the whole store. When the index outgrows `capacity`, the oldest
/// articles are forgotten. Safe to share between threads: batches are grouped one at a time.
/// `@unchecked Sendable` because every mutable property is read and written only while `lock` is held.
public final class StoryAssigner: @unchecked Sendable {

    // Guards everything below; a lock rather than an actor because hosts call from inside a
    // synchronous database transaction.
    private let lock = NSLock()
    private var grouper: StoryGrouper
    /// The centroid grouper when the assigner was created with a `StoryModel`; it then groups
    /// instead of `grouper`, which only carries the configuration.
    private var centroid: CentroidGrouper?
    private let model: StoryModel?
    /// Publication-time ranges (milliseconds) whose stored articles are in the index; sorted, disjoint.
    private var loaded: [ClosedRange<Int64>] = []
    private let capacity: Int
    private var mark: Int64?

    /// Creates an empty assigner; `capacity` bounds the articles kept in memory.
    public init(configuration: StoryGrouper.Configuration = .init(), capacity: Int = 200_000) {
        grouper = StoryGrouper(configuration: configuration)
        self.capacity = max(1000, capacity)
        model = nil
    }

    /// Creates an empty assigner grouping with `CentroidGrouper` and `model` (the fitted one by
    /// default); `maximumGap` of `configuration` sets how far apart in time articles may still join,
    /// and `capacity` bounds the articles kept in memory.
    public init(model: StoryModel, configuration: StoryGrouper.Configuration = .init(), capacity: Int = 200_000) {
        grouper = StoryGrouper(configuration: configuration)
        self.capacity = max(1000, capacity)
        self.model = model
        centroid = Self.centroidGrouper(model, configuration)
    }

    private static func centroidGrouper(_ model: StoryModel, _ configuration: StoryGrouper.Configuration) -> CentroidGrouper {
        var limits = CentroidGrouper.Limits()
        limits.window = configuration.maximumGap
        return CentroidGrouper(model: model, limits: limits)
    }

    /// How far into the host's storage the index has caught up (a log position, say); the host's to
    /// interpret. `nil` until the host sets it, and again after `reset()`.
    public var hostMark: Int64? {
        get { lock.withLock { mark } }
        set { lock.withLock { mark = newValue } }
    }

    /// The grouper's tuning.
    public var configuration: StoryGrouper.Configuration { lock.withLock { grouper.configuration } }

    /// The headline to show for the story `storyId`: with a model, the headline of the member
    /// closest to the story's centroid (ties to the earliest); else the earliest headline. Either
    /// is derived from the first sentence when no member has one. `nil` for a story not in memory.
    public func headline(ofStory storyId: String) -> StoryHeadline? {
        lock.withLock {
            if let centroid { return centroid.headline(ofStory: storyId) }
            return grouper.story(id: storyId).map { StoryHeadline(text: $0.headline, isDerived: $0.headlineIsDerived) }
        }
    }

    /// How many articles the index holds now.
    public var indexedArticles: Int { lock.withLock { centroid?.articleCount ?? grouper.entryCount } }

    /// Groups `articles` (in publication order, so a feed's own order does not matter) after loading
    /// what `load` has around them; returns one assignment per article, in the order given, and the
    /// stories the batch merged, which the host must relabel in its storage.
    /// `load` reads the grouped articles published within a range of times, in any order; its
    /// error is passed on, and then nothing of the batch is assigned.
    public func assign<Failure: Error>(
        _ articles: [Article], load: (_ publishedIn: ClosedRange<Timestamp>) throws(Failure) -> [GroupedArticle]
    ) throws(Failure) -> StoryBatch {
        guard !articles.isEmpty else { return StoryBatch(assignments: [], merges: [:]) }
        // lock()/unlock() rather than withLock, whose rethrows would lose the error's type.
        lock.lock()
        defer { lock.unlock() }
        try loadAround(articles.map { $0.publishedAt.epochMilliseconds }, load: load)
        var result = [StoryAssignment](repeating: StoryAssignment(storyId: "", isNewStory: false, score: 0), count: articles.count)
        let order = articles.indices.sorted {
            (articles[$0].publishedAt.epochMilliseconds, articles[$0].id) < (articles[$1].publishedAt.epochMilliseconds, articles[$1].id)
        }
        var merges: [String: String] = [:]
        if centroid != nil {
            for (i, assignment) in zip(order, centroid!.assign(batch: order.map { articles[$0] })) { result[i] = assignment }
        } else {
            for i in order {
                result[i] = grouper.assign(articles[i])
                for id in result[i].merged { merges[id] = result[i].storyId }
            }
        }
        trimIfNeeded()
        return StoryBatch(assignments: result, merges: merges)
    }

    /// Takes in articles another writer grouped into the same storage meanwhile (a second process
    /// importing into one database). Those in weeks already loaded are restored now; the rest arrive
    /// with the load that first needs their weeks.
    public func restore(_ articles: [GroupedArticle]) {
        lock.withLock {
            for item in articles {
                let time = item.article.publishedAt.epochMilliseconds
                if loaded.contains(where: { $0.contains(time) }) { restoreOne(item) }
            }
        }
    }

    /// Forgets everything, so the next batch reloads from the host (after the host regrouped).
    public func reset() {
        lock.withLock {
            grouper = StoryGrouper(configuration: grouper.configuration)
            centroid = model.map { Self.centroidGrouper($0, grouper.configuration) }
            loaded = []
            mark = nil
        }
    }

    /// The missing parts of the window around each time, loaded and restored oldest first.
    private func loadAround<Failure: Error>(
        _ times: [Int64], load: (ClosedRange<Timestamp>) throws(Failure) -> [GroupedArticle]
    ) throws(Failure) {
        let gap = Int64(grouper.configuration.maximumGap * 1000)
        var wanted: [ClosedRange<Int64>] = []
        for time in times.sorted() {
            let window = (time &- gap)...(time &+ gap)
            if let last = wanted.last, window.lowerBound <= last.upperBound {
                wanted[wanted.count - 1] = last.lowerBound...max(last.upperBound, window.upperBound)
            } else {
                wanted.append(window)
            }
        }
        var restored: [GroupedArticle] = []
        for range in wanted {
            for missing in Self.subtract(loaded, from: range) {
                restored += try load(Timestamp(epochMilliseconds: missing.lowerBound)...Timestamp(epochMilliseconds: missing.upperBound))
            }
        }
        restored.sort {
            ($0.article.publishedAt.epochMilliseconds, $0.article.id) < ($1.article.publishedAt.epochMilliseconds, $1.article.id)
        }
        for item in restored { restoreOne(item) }
        loaded = Self.union(loaded + wanted)
    }

    private func restoreOne(_ item: GroupedArticle) {
        if centroid != nil { centroid!.restore(item.article, storyId: item.storyId) } else { grouper.restore(item.article, storyId: item.storyId) }
    }

    /// Forgets the older half when the index outgrows its capacity, and marks those times unloaded.
    private func trimIfNeeded() {
        if let centroid, centroid.articleCount > capacity {
            // Centroids cannot drop single members: start over, and let the next batch reload its
            // window from the host.
            self.centroid = Self.centroidGrouper(model!, grouper.configuration)
            loaded = []
            return
        }
        guard grouper.entryCount > capacity else { return }
        // Cut at the publication time that keeps the newest half: a single bogus future date
        // cannot empty the index, unlike a cut relative to the newest article.
        let keep = capacity / 2
        let cutoff = grouper.cutoff(keepingNewest: keep)
        grouper.forget(publishedBefore: Timestamp(epochMilliseconds: cutoff))
        loaded = loaded.compactMap { range in
            range.upperBound < cutoff ? nil : max(range.lowerBound, cutoff)...range.upperBound
        }
    }

    /// The parts of `range` not covered by `covered` (sorted, disjoint).
    static func subtract(_ covered: [ClosedRange<Int64>], from range: ClosedRange<Int64>) -> [ClosedRange<Int64>] {
        var result: [ClosedRange<Int64>] = []
        var start = range.lowerBound
        for piece in covered where piece.upperBound >= start && piece.lowerBound <= range.upperBound {
            if piece.lowerBound > start { result.append(start...(piece.lowerBound - 1)) }
            if piece.upperBound >= range.upperBound { return result }
            start = piece.upperBound + 1
        }
        if start <= range.upperBound { result.append(start...range.upperBound) }
        return result
    }

    /// `ranges` merged into sorted, disjoint ranges.
    static func union(_ ranges: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        var result: [ClosedRange<Int64>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound &+ 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
