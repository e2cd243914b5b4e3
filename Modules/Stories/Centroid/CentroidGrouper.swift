import Foundation
import NewsModels

/// Groups articles into stories one at a time by comparing each with story centroids: every story
/// keeps summed term counts of its headlines, bodies, both and names; an article is scored against
/// the stories an inverted index finds within a time window, and `StoryModel` (fitted on labelled
/// events) turns the similarities and time apart into a probability of belonging. The article
/// joins the most probable story when that clears the model's join probability, else opens one.
///
/// IDF comes from the articles grouped so far. Same articles in the same order give the same
/// stories; `StoryAssigner` feeds a batch in (publication time, id) order, so the order articles of
/// one batch arrive in does not matter.
public struct CentroidGrouper: Sendable {
    /// Bounds that keep the cost per article flat however many articles were grouped.
    public struct Limits: Sendable, Hashable {
        /// Stories whose members are all further than this from the article are not candidates.
        public var window: Double = 21 * 86_400
        /// Most stories scored per article: those sharing the most weight of its query terms.
        public var candidates = 24
        /// Most recent stories read from each term's posting list.
        public var postingsRead = 192
        /// Body terms added to the query besides headline and names: the rarest ones.
        public var bodyQueryTerms = 8
        /// Creates the default limits.
        public init() {}
    }

    /// An article scored against its candidate stories, not yet placed.
    public struct Scored: Sendable {
        /// Candidate story numbers with their features, in story order.
        public var candidates: [(story: Int, features: [Double])]
        let article: Article
        /// The article's headline, or the one derived from its text.
        let headline: StoryHeadline
        let vectors: ArticleVectors
        let all: SparseTerms
        /// The IDF-weighted norm of `all` when the article was counted in.
        let allNorm: Double
        /// The id a story opened by this article takes (a restored article's recorded story).
        var storyId: String?
    }

    /// The model deciding joins.
    public var model: StoryModel
    /// The bounds in use.
    public let limits: Limits
    private var table = TermTable()
    var centroids: [StoryCentroid] = []
    /// Story ids by story number.
    public internal(set) var storyIds: [String] = []
    /// Story numbers holding each term id in a headline or among names, in the order they took it up.
    private var postings: [[Int32]] = []
    /// Query weight of each story while one article's candidates are gathered; zero between articles.
    private var queryWeight: [Float] = []
    /// The term positions of the article being measured.
    private var lookup = ArticleLookup()
    var storyOfArticle: [String: Int] = [:]
    var storyNumbers: [String: Int] = [:]
    /// Stories scored over the grouper's life: tests use it to show the cost per article is bounded.
    public private(set) var candidatesScored = 0

    /// Creates an empty grouper deciding with `model`.
    public init(model: StoryModel = .fitted, limits: Limits = Limits()) {
        self.model = model
        self.limits = limits
    }

    /// Puts `article` into the most probable story, or opens a new one. An id seen before keeps its story.
    public mutating func assign(_ article: Article) -> StoryAssignment {
        if let known = storyOfArticle[article.id] {
            return StoryAssignment(storyId: storyIds[known], isNewStory: false, score: 0)
        }
        let scored = score(article)
        let join = decide(scored)
        let story = place(scored, in: join?.story)
        return StoryAssignment(storyId: storyIds[story], isNewStory: join == nil, score: join?.probability ?? 0)
    }

    /// The most probable candidate story of `scored` when it reaches the join probability.
    func decide(_ scored: Scored) -> (story: Int, probability: Double)? {
        var best: (story: Int, probability: Double)?
        for candidate in scored.candidates {
            let p = model.probability(candidate.features)
            if p > (best?.probability ?? -1) { best = (candidate.story, p) }
        }
        return best.flatMap { $0.probability >= model.joinProbability ? $0 : nil }
    }

    /// How many articles the grouper holds.
    public var articleCount: Int { storyOfArticle.count }

    /// Places `article` in the story `storyId` without scoring it: how a host rebuilds the grouper
    /// from articles it grouped before. An article already placed stays where it is.
    public mutating func restore(_ article: Article, storyId: String) {
        guard storyOfArticle[article.id] == nil else { return }
        var scored = vectors(of: article)
        scored.storyId = storyId
        place(scored, in: storyNumbers[storyId])
    }

    /// The story number holding `articleId`, if it was placed.
    public func story(containing articleId: String) -> Int? { storyOfArticle[articleId] }

    /// The headline of story number `story`: from its member closest to the centroid.
    public func headline(ofStory story: Int) -> StoryHeadline? {
        var idf = table.frozen
        return centroids[story].representativeHeadline(idf: &idf)
    }

    /// The headline of the story with id `storyId`, if the grouper holds it.
    public func headline(ofStory storyId: String) -> StoryHeadline? {
        storyNumbers[storyId].flatMap { headline(ofStory: $0) }
    }

    /// Counts `article` into the document frequencies and measures it against its candidate stories.
    public mutating func score(_ article: Article) -> Scored {
        var scored = vectors(of: article)
        measure(&scored)
        return scored
    }

    /// Finds the candidate stories of `scored` and its features against each, counting nothing in.
    mutating func measure(_ scored: inout Scored) {
        let vectors = scored.vectors, all = scored.all
        let millis = scored.article.publishedAt.epochMilliseconds
        // Each of the article's IDF weights once, for every candidate.
        let titleWeights = vectors.title.weights(&table), bodyWeights = vectors.body.weights(&table)
        let allWeights = all.weights(&table), entityWeights = vectors.entities.weights(&table)
        let stories = candidates(vectors, bodyWeights: bodyWeights, millis: millis)
        candidatesScored += stories.count
        let titleNorm = Similarity.norm(vectors.title, weights: titleWeights), bodyNorm = Similarity.norm(vectors.body, weights: bodyWeights)
        let allNorm = Similarity.norm(all, weights: allWeights), entityNorm = Similarity.norm(vectors.entities, weights: entityWeights)
        // Headline and body counts at the indices of title+body, so one lookup serves all three.
        let titleInAll = Similarity.counts(of: vectors.title, alignedWith: all), bodyInAll = Similarity.counts(of: vectors.body, alignedWith: all)
        lookup.load(all, vectors.entities, vocabulary: table.frequency.count)
        var result: [(story: Int, features: [Double])] = []
        result.reserveCapacity(stories.count)
        for story in stories {
            let n = centroids[story].currentNorms(documents: table.documents, idf: &table)
            let c = centroids[story]
            let toAll = lookup.dots(c.all, ids: all.ids, first: all.counts, second: titleInAll, weights: allWeights)
            let features = StoryModel.features(
                title: Similarity.cosine(dot: lookup.dots(c.title, ids: all.ids, first: titleInAll, weights: allWeights).0, titleNorm, n.title),
                body: Similarity.cosine(dot: lookup.dots(c.body, ids: all.ids, first: bodyInAll, weights: allWeights).0, bodyNorm, n.body),
                all: Similarity.cosine(dot: toAll.0, allNorm, n.all),
                entities: Similarity.cosine(dot: lookup.dots(c.entities, ids: vectors.entities.ids, first: vectors.entities.counts, weights: entityWeights).0,
                                            entityNorm, n.entities),
                titleToAll: Similarity.cosine(dot: toAll.1, titleNorm, n.all),
                days: Double(millis - min(max(millis, c.oldestMillis), c.newestMillis)) / 86_400_000,
                headlineCover: c.headlineCover(lookup, idf: &table), coherence: c.coherence(allNorm: n.all))
            result.append((story, features))
        }
        scored.candidates = result
    }

    /// `article` counted into the document frequencies, with its vectors and no candidates.
    private mutating func vectors(of article: Article) -> Scored {
        let headline = StoryHeadline(of: article)
        let vectors = table.vectors(of: article, headline: headline.text)
        let all = vectors.body.combined(with: vectors.title)
        return Scored(candidates: [], article: article, headline: headline, vectors: vectors, all: all, allNorm: Similarity.norm(all, idf: &table))
    }

    /// Places a scored article into story number `story`, or a new story when `nil`; returns its story number.
    @discardableResult
    public mutating func place(_ scored: Scored, in story: Int?) -> Int {
        let millis = scored.article.publishedAt.epochMilliseconds
        let number: Int
        if let story {
            number = story
        } else {
            number = centroids.count
            centroids.append(StoryCentroid(millis: millis))
            storyIds.append(scored.storyId ?? StoryRecord.storyId(firstArticleId: scored.article.id))
            storyNumbers[storyIds[number]] = number
        }
        let fresh = centroids[number].add(scored.vectors, all: scored.all, allNorm: scored.allNorm, headline: scored.headline,
                                          articleId: scored.article.id, millis: millis)
        if postings.count < table.frequency.count { postings.append(contentsOf: repeatElement([], count: table.frequency.count - postings.count)) }
        for id in fresh { postings[Int(id)].append(Int32(number)) }
        storyOfArticle[scored.article.id] = number
        return number
    }

    /// Stories within the window sharing the most IDF weight of the article's query terms (headline
    /// terms, names and its rarest body terms), at most `limits.candidates`, in story order.
    private mutating func candidates(_ vectors: ArticleVectors, bodyWeights: [Float], millis: Int64) -> [Int] {
        let window = Int64(limits.window * 1000)
        let body = vectors.body.ids
        var query = vectors.title.ids + vectors.entities.ids
        for i in Self.rarest(limits.bodyQueryTerms, of: body, weights: bodyWeights) where !vectors.title.contains(body[i]) { query.append(body[i]) }
        if queryWeight.count < centroids.count { queryWeight.append(contentsOf: repeatElement(0, count: centroids.count - queryWeight.count)) }
        var touched: [Int32] = []
        for term in query where Int(term) < postings.count {
            let w = table.idf(term)
            for story in postings[Int(term)].suffix(limits.postingsRead) {
                let c = centroids[Int(story)]
                guard c.memberCount > 0, c.newestMillis >= millis - window, c.oldestMillis <= millis + window else { continue }
                if queryWeight[Int(story)] == 0 { touched.append(story) }
                queryWeight[Int(story)] += w
            }
        }
        var ranked = touched.map { (story: $0, weight: queryWeight[Int($0)]) }
        for story in touched { queryWeight[Int(story)] = 0 }
        ranked.sort { ($0.weight, -$0.story) > ($1.weight, -$1.story) }
        if ranked.count > limits.candidates { ranked.removeLast(ranked.count - limits.candidates) }
        return ranked.map { Int($0.story) }.sorted()
    }

    /// Indices of the `limit` terms of `ids` with the highest weights (ties to the higher id), best first.
    static func rarest(_ limit: Int, of ids: [Int32], weights: [Float]) -> [Int] {
        var best: [Int] = []
        best.reserveCapacity(limit + 1)
        func before(_ a: Int, _ b: Int) -> Bool { (weights[a], ids[a]) > (weights[b], ids[b]) }
        for i in ids.indices {
            guard best.count < limit || before(i, best[best.count - 1]) else { continue }
            var at = best.count
            while at > 0 && before(i, best[at - 1]) { at -= 1 }
            best.insert(i, at: at)
            if best.count > limit { best.removeLast() }
        }
        return best
    }
}
