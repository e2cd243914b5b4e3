import Foundation

/// One story as the centroid grouper keeps it: the summed term counts of its members' headlines,
/// bodies, both together and names, its time span, and the members its headline is chosen from.
struct StoryCentroid: Sendable {
    var title = SparseTerms()
    var body = SparseTerms()
    var all = SparseTerms()
    var entities = SparseTerms()
    var newestMillis: Int64
    var oldestMillis: Int64
    var memberCount = 0
    /// The sum of the members' own IDF-weighted title+body norms, each as it was when the member
    /// joined: the centroid's norm over this is 1 for members all alike and falls towards
    /// 1/√n for n unrelated ones.
    var memberNormSum = 0.0
    /// Publication times of the members, so the span survives a member leaving.
    var memberMillis: [Int64] = []
    /// IDF-weighted norms of title, body, all and entities, as last worked out, with the member
    /// count and document count they were worked out at.
    private var norms: (title: Double, body: Double, all: Double, entities: Double) = (0, 0, 0, 0)
    private var normsAt: (members: Int, documents: Int) = (-1, 0)
    /// The first members (in joining order) with their headline and combined vector: the
    /// candidates for the story's headline.
    var headlineCandidates: [HeadlineCandidate] = []

    /// A member that may give the story its headline.
    struct HeadlineCandidate: Sendable {
        var headline: StoryHeadline
        var publishedMillis: Int64
        var articleId: String
        var terms: SparseTerms
    }

    /// Members considered for the headline: the story's first ones, so a long-running story costs no
    /// more memory per article than a short one.
    static let headlineCandidateLimit = 16

    init(millis: Int64) {
        newestMillis = millis
        oldestMillis = millis
    }

    /// The sub-vector norms under the current IDF. Worked out again only when the story changed or
    /// the article count grew by a tenth since (IDF drifts slowly), so a large story costs its size
    /// once per change, not once per comparison.
    mutating func currentNorms<Source: IDFSource>(documents: Int, idf: inout Source) -> (title: Double, body: Double, all: Double, entities: Double) {
        if normsAt.members != memberCount || documents * 10 > normsAt.documents * 11 {
            norms = (Similarity.norm(title, idf: &idf), Similarity.norm(body, idf: &idf),
                     Similarity.norm(all, idf: &idf), Similarity.norm(entities, idf: &idf))
            normsAt = (memberCount, documents)
        }
        return norms
    }

    /// How alike the members are: the centroid's title+body norm over the sum of the members'
    /// norms (at most 1). A cosine to the centroid times this approximates the mean cosine to the members.
    func coherence(allNorm: Double) -> Double {
        memberNormSum > 0 ? min(1, allNorm / memberNormSum) : 1
    }

    /// The IDF-weighted share of the story's headline words (as often as its members' headlines use them)
    /// that the article `lookup` holds (in its title+body) holds: whether an article mentions what the story is about.
    func headlineCover<Source: IDFSource>(_ lookup: ArticleLookup, idf: inout Source) -> Double {
        var held = 0.0, total = 0.0
        for i in title.ids.indices {
            let id = title.ids[i]
            let w = Double(title.counts[i] * idf.idf(id))
            total += w
            if lookup.index(of: id) != nil { held += w }
        }
        return total > 0 ? held / total : 0
    }

    /// Adds a member's vectors (`allNorm` its title+body norm under the current IDF); returns the
    /// headline and entity term ids the story had not held before.
    mutating func add(_ vectors: ArticleVectors, all articleAll: SparseTerms, allNorm: Double, headline: StoryHeadline, articleId: String, millis: Int64) -> [Int32] {
        // Entity ids are apart from term ids, so a fresh headline id is one the story's headlines lack.
        let fresh = (title.missing(from: vectors.title) + entities.missing(from: vectors.entities)).sorted()
        title = title.combined(with: vectors.title)
        entities = entities.combined(with: vectors.entities)
        body = body.combined(with: vectors.body)
        all = all.combined(with: articleAll)
        newestMillis = max(newestMillis, millis)
        oldestMillis = min(oldestMillis, millis)
        memberCount += 1
        memberNormSum += allNorm
        memberMillis.append(millis)
        if headlineCandidates.count < Self.headlineCandidateLimit {
            headlineCandidates.append(HeadlineCandidate(headline: headline, publishedMillis: millis, articleId: articleId, terms: articleAll))
        }
        return fresh
    }

    /// Takes out a member added before with the same vectors, norm and time.
    mutating func remove(_ vectors: ArticleVectors, all articleAll: SparseTerms, allNorm: Double, articleId: String, millis: Int64) {
        title = title.combined(with: vectors.title, sign: -1)
        entities = entities.combined(with: vectors.entities, sign: -1)
        body = body.combined(with: vectors.body, sign: -1)
        all = all.combined(with: articleAll, sign: -1)
        memberCount -= 1
        memberNormSum = max(0, memberNormSum - allNorm)
        if let at = memberMillis.firstIndex(of: millis) { memberMillis.remove(at: at) }
        newestMillis = memberMillis.max() ?? millis
        oldestMillis = memberMillis.min() ?? millis
        headlineCandidates.removeAll { $0.articleId == articleId }
        normsAt = (-1, 0)
    }

    /// The headline of the member closest to the centroid (IDF-weighted cosine of headline and
    /// body together); ties go to the earliest published, then the smaller article id. A member
    /// with a headline of its own wins over one whose headline was derived from its text.
    func representativeHeadline<Source: IDFSource>(idf: inout Source) -> StoryHeadline? {
        let norm = Similarity.norm(all, idf: &idf)
        var best: (score: Double, derived: Bool, millis: Int64, id: String, headline: StoryHeadline)?
        for member in headlineCandidates where !member.headline.text.isEmpty {
            var dot = 0.0, memberNorm = 0.0
            let terms = member.terms
            for i in terms.ids.indices {
                let w = Double(idf.idf(terms.ids[i]))
                memberNorm += Double(terms.counts[i] * terms.counts[i]) * w * w
            }
            Similarity.forEachShared(terms.ids, all.ids) { i, j in
                let w = Double(idf.idf(terms.ids[i]))
                dot += Double(terms.counts[i]) * Double(all.counts[j]) * w * w
            }
            let score = norm > 0 && memberNorm > 0 ? dot / (norm * memberNorm.squareRoot()) : 0
            let key = (score, member.headline.isDerived, member.publishedMillis, member.articleId)
            if let current = best {
                // Better: not derived, then higher score, then earlier, then smaller id.
                let better = !key.1 && current.derived ? true : key.1 && !current.derived ? false
                    : key.0 > current.score + 1e-9 ? true : key.0 < current.score - 1e-9 ? false
                    : (key.2, key.3) < (current.millis, current.id)
                if !better { continue }
            }
            best = (score, key.1, key.2, key.3, member.headline)
        }
        return best?.headline
    }
}
