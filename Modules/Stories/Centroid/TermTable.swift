import Foundation
import NewsModels

/// One article as the centroid grouper sees it: term counts of its headline, of its body, and of
/// the names it mentions, each keyed by vocabulary id.
struct ArticleVectors: Sendable {
    /// Headline terms (a headline-less readout uses its first sentence).
    var title: SparseTerms
    /// Terms of the dek and the lead paragraphs.
    var body: SparseTerms
    /// Entity words of headline, dek and lead.
    var entities: SparseTerms
}

/// Every word the centroid grouper has seen, with how many articles held it: the document
/// frequencies behind IDF come only from what was grouped so far, never from a whole collection.
struct TermTable: Sendable, IDFSource {
    /// Ids of content terms and, apart, of entity words (one id space, so a word that is both has two ids).
    private var termIds: [String: Int32] = [:]
    private var entityIds: [String: Int32] = [:]
    /// The term id of each word as written (-1: not a content term), so a word seen before is
    /// neither normalised nor checked against the stopwords again.
    private var wordIds: [String: Int32] = [:]
    /// Articles holding each id.
    private(set) var frequency: [Int32] = []
    /// Articles counted.
    private(set) var documents = 0
    /// Each id's IDF as last worked out, and the article count it was worked out at (-1: never):
    /// scoring one article asks for the same ids many times, and IDF only moves when an article is counted.
    private var idfValues: [Float] = []
    private var idfDocuments: [Int] = []

    /// Lead words read from the body: enough to name the event, bounded so a long report costs no more.
    static let leadWords = 160

    /// The vectors of `article` whose headline (or derived headline) is `headline`, adding unseen
    /// words; counts the article into the frequencies.
    mutating func vectors(of article: Article, headline: String) -> ArticleVectors {
        let lead = Tokenizer.leadParagraphs(of: article, words: Self.leadWords)
        let bodyText = ([article.dek ?? ""] + lead).joined(separator: "\n")
        // Each text is split into runs once, for its terms and its names alike.
        let headlineRuns = Tokenizer.runs(headline), bodyRuns = Tokenizer.runs(bodyText)
        let headlineEntities = Tokenizer.isTitleCased(runs: headlineRuns) ? [] : EntityExtractor.entityWords(runs: headlineRuns)
        let vectors = ArticleVectors(
            title: SparseTerms(counting: termIds(headlineRuns)),
            body: SparseTerms(counting: termIds(bodyRuns)),
            entities: SparseTerms(counting: (headlineEntities + EntityExtractor.entityWords(runs: bodyRuns)).map { id($0, entity: true) }))
        documents += 1
        // Title and body may share ids; entity ids are apart from both.
        for id in vectors.title.ids { frequency[Int(id)] += 1 }
        for id in vectors.title.missing(from: vectors.body) { frequency[Int(id)] += 1 }
        for id in vectors.entities.ids { frequency[Int(id)] += 1 }
        return vectors
    }

    /// Inverse document frequency over the articles seen; a word in every article weighs 1.
    func idfNow(_ id: Int32) -> Float {
        Self.idf(frequency: frequency[Int(id)], documents: documents)
    }

    /// `idfNow(id)`, worked out once per article counted.
    mutating func idf(_ id: Int32) -> Float {
        let i = Int(id)
        if idfDocuments[i] == documents { return idfValues[i] }
        let value = Self.idf(frequency: frequency[i], documents: documents)
        idfValues[i] = value
        idfDocuments[i] = documents
        return value
    }

    /// The table's IDF as it stands, for reading without a grouper to update.
    var frozen: FrozenIDF { FrozenIDF(table: self) }

    private static func idf(frequency: Int32, documents: Int) -> Float {
        log(Float(documents + 1) / Float(frequency + 1)) + 1
    }

    /// The term ids of `runs`, as `Tokenizer.terms(runs:)` would give them.
    private mutating func termIds(_ runs: [Tokenizer.Run]) -> [Int32] {
        Tokenizer.terms(runs: runs, word: { word -> Int32? in
            if let known = wordIds[word] { return known >= 0 ? known : nil }
            let known = Tokenizer.term(ofWord: word).map { id($0, entity: false) }
            wordIds[word] = known ?? -1
            return known
        }, bigram: { id($0, entity: false) })
    }

    private mutating func id(_ word: String, entity: Bool) -> Int32 {
        if let known = entity ? entityIds[word] : termIds[word] { return known }
        let new = Int32(frequency.count)
        if entity { entityIds[word] = new } else { termIds[word] = new }
        frequency.append(0)
        idfValues.append(0)
        idfDocuments.append(-1)
        return new
    }
}

/// The IDF of a table as it stood, worked out on every request.
struct FrozenIDF: IDFSource {
    let table: TermTable

    /// The table's IDF of `id`.
    func idf(_ id: Int32) -> Float { table.idfNow(id) }
}
