import Foundation
import NewsModels

/// Groups articles into stories one at a time, looking up candidates through a MinHash/LSH index
/// bucketed by week, so the work per article stays bounded however large the store grows.
///
/// The whole state is a `Codable` value: a host can persist it, or rebuild it from its own articles
/// with `restore(_:storyId:)`, and resume grouping. `forget(publishedBefore:)` drops old articles, so a
/// long-running host keeps memory bounded. Same articles in the same order always give the same
/// stories and ids.
public struct StoryGrouper: Sendable, Codable {
    /// Tuning knobs; the defaults were calibrated on the seed coverage and the project's fixtures.
    public struct Configuration: Sendable, Hashable, Codable {
        /// MinHash permutations per signature.
        public var signatureLength = 64
        /// Rows per LSH band (`signatureLength / bandRows` bands).
        public var bandRows = 1
        /// Most recent articles kept per bucket; older ones drop out so a hot bucket stays cheap.
        public var bucketCapacity = 48
        /// Most candidates scored per article: those sharing the most bands (the highest estimated
        /// overlap) are kept, so a busy week of one beat cannot make an article cost thousands of
        /// comparisons.
        public var maximumCandidates = 64
        /// Most recent members of a candidate story an article is compared with; the story's score
        /// is the average over them.
        public var membersCompared = 16
        /// Least average entity overlap with a story's members for an article naming two or more
        /// entities to join it: different events of one beat share many words but rarely the people
        /// and places, and without this a run of look-alike reports merges.
        public var minimumEntityOverlap = 0.1
        /// Minimum combined score for an article to join a story. On the labelled seed and fixture
        /// set in 200 shuffled orders, 0.18 let a near-miss event (another leader's White House
        /// visit that week) join the summit in one order, and 0.20 split a three-report event.
        public var joinThreshold = 0.19
        /// Weight of term similarity; entity overlap gets the rest.
        public var termWeight = 0.55
        /// Articles this close in time are compared at full weight (a preview a week ahead still joins).
        public var fullWeightWindow: Double = 10 * 86_400
        /// Articles further apart than this never join, however similar.
        public var maximumGap: Double = 21 * 86_400
        /// Articles with fewer content terms than this neither join nor attract others.
        public var minimumTerms = 4
        /// Whether an article that qualifies for a story and for a lone report folds the report in,
        /// when the two pass the join rule over all their pairs with the article on either side.
        /// Without it a report that arrived before the one linking it to a story stays apart.
        public var mergeBridgedStories = true
        /// Articles the IDF weights assume besides those indexed, holding none of the words: in a
        /// nearly empty index (a client following a few feeds) every shared word would otherwise
        /// count as common, and reports of one event would score below the threshold there while
        /// joining in a full one. Negligible once the index holds thousands.
        public var backgroundArticles = 100.0

        /// Creates the default configuration.
        public init() {}
    }

    /// What the index remembers of one assigned article.
    struct Entry: Sendable, Hashable, Codable {
        var articleId: String
        var storyIndex: Int
        var publishedMillis: Int64
        var features: InternedFeatures
    }

    /// The configuration in use.
    public private(set) var configuration: Configuration
    /// Stories in the order they were opened (and neither forgotten nor merged into another).
    public var stories: [StoryRecord] { records.filter { !$0.isMerged } }
    /// Every story opened, merged ones included (emptied, their ids redirected), so entry story
    /// numbers stay valid.
    var records: [StoryRecord] = []
    /// Where each merged story went (story numbers), so its id still finds the live story.
    var mergedInto: [Int: Int] = [:]
    var entries: [Entry] = []
    /// Entry numbers of each story's indexed members, oldest first.
    var members: [[Int32]] = []
    private var entryByArticle: [String: Int] = [:]
    private var storyByID: [String: Int] = [:]
    /// Band-and-week buckets of entry numbers, newest first.
    private var buckets = BandIndex()
    /// Term and entity ids with their document frequencies, for IDF weights.
    private(set) var vocabulary = Vocabulary()
    /// Pairwise comparisons made over the grouper's life; tests use it to show lookup cost stays bounded.
    public private(set) var comparisonCount = 0
    /// Pairwise comparisons made by the latest `assign(_:)`.
    public private(set) var lastComparisonCount = 0

    /// Creates an empty grouper.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// How many articles the index holds.
    public var entryCount: Int { entries.count }

    /// Publication time of the oldest article the index holds.
    public var oldestPublication: Timestamp? {
        entries.map(\.publishedMillis).min().map { Timestamp(epochMilliseconds: $0) }
    }

    /// The publication time (milliseconds) from which on the newest `keep` articles were published.
    func cutoff(keepingNewest keep: Int) -> Int64 {
        let times = entries.map(\.publishedMillis).sorted()
        guard keep > 0, keep < times.count else { return times.first ?? 0 }
        return times[times.count - keep]
    }

    /// The story holding `articleId`, if it was assigned.
    public func story(containing articleId: String) -> StoryRecord? {
        entryByArticle[articleId].map { records[entries[$0].storyIndex] }
    }

    /// The story with id `storyId`, or the one it was merged into.
    public func story(id storyId: String) -> StoryRecord? {
        storyByID[storyId].map { records[live($0)] }
    }

    /// Puts `article` into the best-matching story, or opens a new one. Assigning an id again
    /// (a later revision) keeps its story: ids must not move under readers.
    public mutating func assign(_ article: Article) -> StoryAssignment {
        lastComparisonCount = 0
        if let known = entryByArticle[article.id] {
            return StoryAssignment(storyId: records[entries[known].storyIndex].id, isNewStory: false, score: 0)
        }
        let text = TextFeatures(article: article)
        let features = vocabulary.intern(text)
        let millis = article.publishedAt.epochMilliseconds
        let week = Self.week(of: millis)
        let bandKeys = bandKeys(of: text.keys, terms: features.terms.count)
        let gapWeeks = Int((configuration.maximumGap / (7 * 86_400)).rounded(.up))
        // How many bands each candidate shares with the article: more shared bands, more overlap.
        // An entry is filed under one week per band, so counting straight from the buckets counts
        // each shared band once.
        var shared: [Int: Int] = [:]
        for key in bandKeys {
            for w in (week - gapWeeks)...(week + gapWeeks) {
                buckets.forEach(in: MinHash.bucket(key, week: w), limit: configuration.bucketCapacity) { shared[$0, default: 0] += 1 }
            }
        }
        var candidates = Array(shared.keys)
        if candidates.count > configuration.maximumCandidates {
            // Most shared bands first, the newer article on a tie: a fixed order, so runs agree.
            candidates.sort { (shared[$0]!, $0) > (shared[$1]!, $1) }
            candidates.removeLast(candidates.count - configuration.maximumCandidates)
        }
        // A story is scored by the average over its recent members, not by its closest one: one
        // chance likeness (two match reports, two trade rounds) then cannot pull an article into a
        // story it otherwise does not resemble, and stories cannot chain into one another.
        let gap = Int64(configuration.maximumGap * 1000)
        var best: Candidate?
        var bridged: [Int] = []
        var comparisons = 0
        do {
            // Scoped so the scorer's share of the frequency array is released before indexing
            // mutates it (which would otherwise copy the whole array).
            let scorer = Scorer(self, features)
            var qualifying: [Candidate] = []
            for story in Set(candidates.map { entries[$0].storyIndex }).sorted() {
                var sum = LinkSum()
                for member in members[story].suffix(configuration.membersCompared) {
                    let entry = entries[Int(member)]
                    guard abs(entry.publishedMillis - millis) < gap else { continue }
                    sum.add(scorer.similarity(millis, entry.features, entry.publishedMillis))
                }
                comparisons += sum.count
                guard passes(sum, entityRule: scorer.hasEntities) else { continue }
                let candidate = Candidate(story: story, sum: sum)
                qualifying.append(candidate)
                // Ties go to the story opened first: a fixed order, so runs agree.
                if candidate.score > (best?.score ?? -1) { best = candidate }
            }
            // A lone report the article also qualifies for merges with its best story when, with the
            // article counted on either side, each side links to the other by the join rule: the
            // story that arrival in another order would have formed, so a split that only the order
            // made does not stay. Only lone reports: merging two grown stories of one beat chained
            // them into a few huge ones on the synthetic corpus (Tools/bench/stories.sh).
            if configuration.mergeBridgedStories, let best, qualifying.count > 1 {
                for other in qualifying where other.story != best.story && min(members[best.story].count, members[other.story].count) == 1 {
                    let cross = linkage(best.story, other.story, gap: gap, comparisons: &comparisons)
                    var withBest = cross, withOther = cross
                    withBest.merge(other.sum)
                    withOther.merge(best.sum)
                    if passes(withBest, entityRule: scorer.hasEntities) && passes(withOther, entityRule: scorer.hasEntities) {
                        bridged.append(other.story)
                    }
                }
            }
        }
        lastComparisonCount = comparisons
        comparisonCount += lastComparisonCount

        var storyIndex: Int
        var merged: [String] = []
        if let best {
            storyIndex = best.story
            records[storyIndex].add(article)
            // The story opened first survives, so the ids readers saw earliest are the ones kept.
            for other in bridged {
                let (survivor, absorbed) = (min(storyIndex, other), max(storyIndex, other))
                merged.append(records[absorbed].id)
                mergeStory(absorbed, into: survivor)
                storyIndex = survivor
            }
        } else {
            storyIndex = openStory(StoryRecord(first: article))
        }
        index(Entry(articleId: article.id, storyIndex: storyIndex, publishedMillis: millis, features: features), bandKeys: bandKeys)
        return StoryAssignment(storyId: records[storyIndex].id, isNewStory: best == nil, score: best?.score ?? 0, merged: merged)
    }

    /// Indexes `article` as a member of the story `storyId` without scoring it: how a host rebuilds
    /// the index from articles it grouped before (after a restart, or ones a server grouped).
    /// An article the index already holds is left where it is.
    public mutating func restore(_ article: Article, storyId: String) {
        guard entryByArticle[article.id] == nil else { return }
        let storyIndex: Int
        if let known = storyByID[storyId].map(live) {
            storyIndex = known
            records[known].add(article)
        } else {
            storyIndex = openStory(StoryRecord(id: storyId, first: article))
        }
        let text = TextFeatures(article: article)
        let features = vocabulary.intern(text)
        index(Entry(articleId: article.id, storyIndex: storyIndex, publishedMillis: article.publishedAt.epochMilliseconds,
                    features: features), bandKeys: bandKeys(of: text.keys, terms: features.terms.count))
    }

    /// Drops the articles published before `cutoff` from the index (and stories left with none), so
    /// a long-running host's memory stays bounded; later articles can no longer join them. Returns
    /// how many articles were dropped.
    @discardableResult
    public mutating func forget(publishedBefore cutoff: Timestamp) -> Int {
        let kept = entries.filter { $0.publishedMillis >= cutoff.epochMilliseconds }
        guard kept.count < entries.count else { return 0 }
        let dropped = entries.count - kept.count
        let oldStories = records
        entries = []
        entryByArticle = [:]
        storyByID = [:]
        records = []
        mergedInto = [:]
        members = []
        buckets = BandIndex()
        vocabulary.clearFrequencies()
        var storyRemap: [Int: Int] = [:]
        for var entry in kept {
            if let mapped = storyRemap[entry.storyIndex] {
                entry.storyIndex = mapped
            } else {
                let mapped = openStory(oldStories[entry.storyIndex])
                storyRemap[entry.storyIndex] = mapped
                entry.storyIndex = mapped
            }
            index(entry, bandKeys: bandKeys(of: entry.features.keys, terms: entry.features.terms.count))
        }
        return dropped
    }

    private mutating func openStory(_ record: StoryRecord) -> Int {
        records.append(record)
        members.append([])
        storyByID[record.id] = records.count - 1
        return records.count - 1
    }

    private mutating func index(_ entry: Entry, bandKeys: [UInt64]) {
        let entryIndex = entries.count
        entries.append(entry)
        entryByArticle[entry.articleId] = entryIndex
        members[entry.storyIndex].append(Int32(entryIndex))
        let week = Self.week(of: entry.publishedMillis)
        buckets.insert(entryIndex, buckets: bandKeys.map { MinHash.bucket($0, week: week) })
        vocabulary.count(entry.features)
    }

    /// The LSH band keys of an article's MinHash keys; none for text too short to group.
    private func bandKeys(of keys: [String], terms: Int) -> [UInt64] {
        guard terms >= configuration.minimumTerms else { return [] }
        return MinHash.bandKeys(MinHash.signature(of: keys, count: configuration.signatureLength), rows: configuration.bandRows)
    }
}
