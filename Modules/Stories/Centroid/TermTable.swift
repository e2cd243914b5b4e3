import Foundation
import NewsModels

/// Sparse term counts keyed by vocabulary id.
typealias TermCounts = [Int32: Float]

/// One article as the centroid grouper sees it: term counts of its headline, of its body, and of
/// the names it mentions, each keyed by vocabulary id.
struct ArticleVectors: Sendable {
    /// Headline terms (a headline-less readout uses its first sentence).
    var title: TermCounts
    /// Terms of the dek and the lead paragraphs.
    var body: TermCounts
    /// Entity words of headline, dek and lead.
    var entities: TermCounts
}

/// Every word the centroid grouper has seen, with how many articles held it: the document
/// frequencies behind IDF come only from what was grouped so far, never from a whole collection.
struct TermTable: Sendable {
    private var ids: [String: Int32] = [:]
    /// Articles holding each id.
    private(set) var frequency: [Int32] = []
    /// Articles counted.
    private(set) var documents = 0

    /// Lead words read from the body: enough to name the event, bounded so a long report costs no more.
    static let leadWords = 160

    /// The vectors of `article`, adding unseen words; counts the article into the frequencies.
    mutating func vectors(of article: Article) -> ArticleVectors {
        let lead = Tokenizer.leadParagraphs(of: article, words: Self.leadWords)
        let headline = StoryHeadline.text(of: article)
        let bodyText = ([article.dek ?? ""] + lead).joined(separator: "\n")
        let entitySources = (Tokenizer.isTitleCased(headline) ? [] : [headline]) + [bodyText]
        let vectors = ArticleVectors(
            title: counts(Tokenizer.terms(headline), prefix: ""),
            body: counts(Tokenizer.terms(bodyText), prefix: ""),
            entities: counts(entitySources.flatMap(EntityExtractor.entityWords), prefix: "e:"))
        documents += 1
        var seen = Set<Int32>()
        for id in vectors.title.keys { seen.insert(id) }
        for id in vectors.body.keys { seen.insert(id) }
        for id in vectors.entities.keys { seen.insert(id) }
        for id in seen { frequency[Int(id)] += 1 }
        return vectors
    }

    /// Inverse document frequency over the articles seen; a word in every article weighs 1.
    func idf(_ id: Int32) -> Float {
        log(Float(documents + 1) / Float(frequency[Int(id)] + 1)) + 1
    }

    private mutating func counts(_ words: [String], prefix: String) -> TermCounts {
        var result: TermCounts = [:]
        for word in words { result[id(prefix + word), default: 0] += 1 }
        return result
    }

    private mutating func id(_ word: String) -> Int32 {
        if let known = ids[word] { return known }
        let new = Int32(frequency.count)
        ids[word] = new
        frequency.append(0)
        return new
    }
}
