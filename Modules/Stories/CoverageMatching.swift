import Foundation
import NewsModels

/// The matching behind `CoverageComparison`: quotes by ordered word overlap, figures by the words
/// around them, exclusive facts by names and figures absent from every other outlet.
extension CoverageComparison {
    /// Groups quotations whose words recur in order in another (tolerating case, punctuation, quote
    /// style, apostrophes and small elisions; a quote inside a longer one counts) and keeps groups
    /// that span two or more outlets.
    static func sharedQuotes(_ articles: [AnalysedArticle], _ configuration: Configuration) -> [SharedQuote] {
        var quotes: [(sourceId: String, text: String, tokens: [String])] = []
        for analysed in articles {
            for text in analysed.quotations {
                let tokens = ComparisonText.quoteTokens(text)
                if tokens.count >= configuration.minimumQuoteWords { quotes.append((analysed.article.source.id, text, tokens)) }
            }
        }
        var groups = DisjointSets(count: quotes.count)
        for i in quotes.indices {
            for j in quotes.indices where j > i && groups.root(i) != groups.root(j) {
                let (short, long) = quotes[i].tokens.count <= quotes[j].tokens.count ? (quotes[i].tokens, quotes[j].tokens) : (quotes[j].tokens, quotes[i].tokens)
                let common = ComparisonText.commonSubsequenceLength(short, long)
                if Double(common) >= configuration.quoteOverlap * Double(short.count) { groups.union(i, j) }
            }
        }
        return groups.components().compactMap { members -> SharedQuote? in
            var longestBySource: [String: (text: String, words: Int)] = [:]
            for index in members {
                let quote = quotes[index]
                if let kept = longestBySource[quote.sourceId], kept.words >= quote.tokens.count { continue }
                longestBySource[quote.sourceId] = (quote.text.trimmingCharacters(in: .whitespacesAndNewlines), quote.tokens.count)
            }
            guard longestBySource.count >= 2 else { return nil }
            let variants = longestBySource.keys.sorted().map { Variant(sourceId: $0, text: longestBySource[$0]!.text) }
            let longest = variants.max { ($0.text.count, $1.sourceId) < ($1.text.count, $0.sourceId) }!
            return SharedQuote(text: longest.text, sourceIds: variants.map(\.sourceId), variants: variants)
        }
        .sorted { ($1.sourceIds.count, $0.text) < ($0.sourceIds.count, $1.text) }
    }

    /// Pairs each figure with its best match (same unit, similar surrounding words) in every other
    /// outlet, keeps mutual best pairs, and reports the groups whose values differ.
    static func figureDisagreements(_ articles: [AnalysedArticle], _ configuration: Configuration) -> [FigureDisagreement] {
        let weights = TermWeights(articles)
        var figures: [(sourceId: String, articleId: String, figure: AnalysedArticle.Figure)] = []
        for analysed in articles {
            figures += analysed.figures.map { (analysed.article.source.id, analysed.article.id, $0) }
        }
        let sources = Array(Set(figures.map(\.sourceId))).sorted()
        var groups = DisjointSets(count: figures.count)
        func best(for i: Int, in source: String) -> Int? {
            var found: (index: Int, score: Double)?
            for j in figures.indices where figures[j].sourceId == source && figures[j].figure.found.unit == figures[i].figure.found.unit {
                let score = weights.overlap(figures[i].figure.found.context, figures[j].figure.found.context)
                if score >= configuration.figureContextOverlap, score > (found?.score ?? 0) { found = (j, score) }
            }
            return found?.index
        }
        for i in figures.indices {
            for source in sources where source != figures[i].sourceId {
                if let j = best(for: i, in: source), best(for: j, in: figures[i].sourceId) == i { groups.union(i, j) }
            }
        }
        return groups.components().compactMap { members -> FigureDisagreement? in
            let values = Set(members.map { rounded(figures[$0].figure.found.value) })
            guard values.count > 1, let low = values.min(), let high = values.max(), low > 0,
                  high / low <= configuration.maximumDisagreementRatio else { return nil }
            let reports = members.map {
                FigureReport(sourceId: figures[$0].sourceId, articleId: figures[$0].articleId, text: figures[$0].figure.found.text,
                             value: figures[$0].figure.found.value, sentence: figures[$0].figure.sentence)
            }.sorted { ($0.sourceId, $0.value, $0.text) < ($1.sourceId, $1.value, $1.text) }
            // The topic is the context words at least two of the grouped figures share, in the first one's order.
            let contexts = members.map { Set(figures[$0].figure.found.context) }
            var topic: [String] = []
            for term in figures[members[0]].figure.found.context where !topic.contains(term) && contexts.filter({ $0.contains(term) }).count >= 2 {
                topic.append(term)
            }
            return FigureDisagreement(topic: topic, unit: figures[members[0]].figure.found.unit, reports: reports)
        }
        .sorted { ($0.unit, $0.topic.joined(separator: " ")) < ($1.unit, $1.topic.joined(separator: " ")) }
    }

    /// Sentences carrying names or figures that no other outlet prints, the most exclusive first,
    /// at most `exclusiveFactsPerSource` per outlet. With a single outlet nothing is exclusive.
    static func exclusiveFacts(_ articles: [AnalysedArticle], _ configuration: Configuration) -> [ExclusiveFact] {
        let sources = Array(Set(articles.map(\.article.source.id))).sorted()
        guard sources.count >= 2 else { return [] }
        var out: [ExclusiveFact] = []
        for source in sources {
            let others = articles.filter { $0.article.source.id != source }
            let otherTerms = others.reduce(into: Set<String>()) { $0.formUnion($1.terms) }
            let otherFigures = Set(others.flatMap { $0.figures.map { figureKey($0.found) } })
            var candidates: [(fact: ExclusiveFact, position: Int)] = []
            for analysed in articles where analysed.article.source.id == source {
                for sentence in analysed.sentences where sentence.text.split(separator: " ").count >= 6 {
                    let names = Array(Set(EntityExtractor.entityWords(sentence.text))).sorted()
                    let figures = FigureExtractor.figures(in: sentence.text)
                    let newNames = names.filter { !otherTerms.contains($0) }
                    let newFigures = figures.filter { !otherFigures.contains(figureKey($0)) }.map(\.text)
                    let salient = names.count + figures.count
                    let exclusive = newNames + newFigures
                    guard !exclusive.isEmpty, exclusive.count * 2 >= salient else { continue }
                    let fact = ExclusiveFact(sourceId: source, articleId: analysed.article.id, sentence: sentence.text, exclusiveTerms: exclusive)
                    candidates.append((fact, candidates.count))
                }
            }
            out += candidates
                .sorted { ($1.fact.exclusiveTerms.count, $0.position) < ($0.fact.exclusiveTerms.count, $1.position) }
                .prefix(configuration.exclusiveFactsPerSource).map(\.fact)
        }
        return out
    }

    /// Rounds to six significant digits so `2.3 billion` and `2,300,000,000` compare equal.
    static func rounded(_ value: Double) -> Double {
        guard value != 0 else { return 0 }
        let magnitude = pow(10, floor(log10(abs(value))) - 5)
        return (value / magnitude).rounded() * magnitude
    }

    static func figureKey(_ figure: FigureExtractor.Found) -> String { "\(figure.unit)=\(rounded(figure.value))" }
}

/// Inverse document frequency over the compared articles: words every outlet uses (the country,
/// the leaders) say little about which figure is which, rarer ones (`nippon`) say much.
struct TermWeights {
    private var weights: [String: Double] = [:]

    init(_ articles: [AnalysedArticle]) {
        var frequency: [String: Int] = [:]
        for analysed in articles { for term in analysed.terms { frequency[term, default: 0] += 1 } }
        let count = Double(articles.count)
        for (term, df) in frequency { weights[term] = log(1 + count / Double(df)) }
    }

    func weight(_ term: String) -> Double { weights[term] ?? log(2) }

    /// Weight of the shared terms over the lighter side's total: a short context inside a long one still matches.
    func overlap(_ a: [String], _ b: [String]) -> Double {
        let left = Set(a), right = Set(b)
        let shared = left.intersection(right)
        guard shared.count >= 2 else { return 0 }
        let total = min(left.reduce(0) { $0 + weight($1) }, right.reduce(0) { $0 + weight($1) })
        return total > 0 ? shared.reduce(0) { $0 + weight($1) } / total : 0
    }
}

/// Union–find over indices, for grouping matched quotes and figures.
struct DisjointSets {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func root(_ i: Int) -> Int {
        var i = i
        while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
        return i
    }

    mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (root(a), root(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    /// Groups of indices, each sorted, ordered by their first index.
    mutating func components() -> [[Int]] {
        var byRoot: [Int: [Int]] = [:]
        for i in parent.indices { byRoot[root(i), default: []].append(i) }
        return byRoot.values.sorted { $0[0] < $1[0] }
    }
}
