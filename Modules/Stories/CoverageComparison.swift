import Foundation
import NewsModels

/// How several outlets covered one story: the quotes they share, the figures they disagree on, the
/// facts only one of them reports, and who published first.
///
/// Everything is derived from the articles alone and sorted, so the same articles in any order give
/// the same comparison.
public struct CoverageComparison: Sendable, Hashable {
    /// A quotation carried by two or more outlets.
    public struct SharedQuote: Sendable, Hashable {
        /// The longest wording found, as printed.
        public var text: String
        /// The outlets that carry it, sorted.
        public var sourceIds: [String]
        /// Each outlet's own wording (one per outlet, the longest), sorted by source id.
        public var variants: [Variant]
    }

    /// One outlet's wording of a shared quote.
    public struct Variant: Sendable, Hashable {
        /// The outlet.
        public var sourceId: String
        /// The quote as that outlet printed it.
        public var text: String
    }

    /// One outlet's report of a figure.
    public struct FigureReport: Sendable, Hashable {
        /// The outlet.
        public var sourceId: String
        /// The article the figure is in.
        public var articleId: String
        /// The figure as printed, e.g. `$14.1 billion`.
        public var text: String
        /// The value with its scale applied, in `unit`.
        public var value: Double
        /// The sentence around the figure.
        public var sentence: String
    }

    /// The same thing reported with different values by different outlets.
    public struct FigureDisagreement: Sendable, Hashable {
        /// Context words the outlets share around the figure, e.g. `["nippon", "steel"]`.
        public var topic: [String]
        /// `USD`, `JPY`, `EUR`, `GBP`, `%`, or `count:` plus the counted noun.
        public var unit: String
        /// Every outlet's report, sorted by source id, then by value.
        public var reports: [FigureReport]
    }

    /// A sentence whose names and figures no other outlet mentions.
    public struct ExclusiveFact: Sendable, Hashable {
        /// The only outlet reporting it.
        public var sourceId: String
        /// The article it is in.
        public var articleId: String
        /// The sentence.
        public var sentence: String
        /// The names and figures in it that no other outlet mentions.
        public var exclusiveTerms: [String]
    }

    /// An outlet's earliest article in the story.
    public struct FirstPublication: Sendable, Hashable {
        /// The outlet.
        public var sourceId: String
        /// The outlet's display name.
        public var sourceName: String
        /// Its earliest article.
        public var articleId: String
        /// When that article was first published.
        public var publishedAt: Timestamp
    }

    /// Tuning knobs for matching.
    public struct Configuration: Sendable, Hashable {
        /// Fewest words a quotation needs to be compared (shorter ones are scare quotes, not statements).
        public var minimumQuoteWords = 4
        /// Share of the shorter quote's words that must recur, in order, in the longer one.
        public var quoteOverlap = 0.85
        /// Minimum weighted overlap of two figures' context words to call them the same thing.
        public var figureContextOverlap = 0.3
        /// Values further apart than this ratio are taken as different things, not a disagreement.
        public var maximumDisagreementRatio = 2.0
        /// Most exclusive facts reported per outlet.
        public var exclusiveFactsPerSource = 3

        /// Creates the default configuration.
        public init() {}
    }

    /// Quotations carried by two or more outlets, the most widely carried first.
    public var sharedQuotes: [SharedQuote]
    /// Figures the outlets report with different values.
    public var figureDisagreements: [FigureDisagreement]
    /// Up to a few facts per outlet that no other outlet reports, by source id.
    public var exclusiveFacts: [ExclusiveFact]
    /// Each outlet's earliest publication, earliest first.
    public var firstPublications: [FirstPublication]

    /// Compares `articles`, which should all cover one story.
    public init(articles: [Article], configuration: Configuration = Configuration()) {
        // A fixed internal order makes every later tie-break independent of the caller's order.
        let sorted = articles.sorted { ($0.source.id, $0.publishedAt, $0.id) < ($1.source.id, $1.publishedAt, $1.id) }
        let analysed = sorted.map(AnalysedArticle.init)
        sharedQuotes = Self.sharedQuotes(analysed, configuration)
        figureDisagreements = Self.figureDisagreements(analysed, configuration)
        exclusiveFacts = Self.exclusiveFacts(analysed, configuration)
        var earliest: [String: Article] = [:]
        for article in sorted where earliest[article.source.id] == nil { earliest[article.source.id] = article }
        firstPublications = earliest.values
            .map { FirstPublication(sourceId: $0.source.id, sourceName: $0.source.name, articleId: $0.id, publishedAt: $0.publishedAt) }
            .sorted { ($0.publishedAt, $0.sourceId) < ($1.publishedAt, $1.sourceId) }
    }

    /// A plain-text summary, one finding per line, for logs and command-line tools.
    public var report: String {
        var lines = ["First published:"]
        lines += firstPublications.map { "  \($0.publishedAt)  \($0.sourceId) (\($0.sourceName))" }
        lines.append("Shared quotes:")
        lines += sharedQuotes.map { "  [\($0.sourceIds.joined(separator: ", "))] “\($0.text)”" }
        lines.append("Figures that disagree:")
        for disagreement in figureDisagreements {
            let values = disagreement.reports.map { "\($0.sourceId): \($0.text)" }.joined(separator: "; ")
            lines.append("  \(disagreement.topic.joined(separator: " ")) (\(disagreement.unit)): \(values)")
        }
        lines.append("Reported by one outlet only:")
        lines += exclusiveFacts.map { "  \($0.sourceId): \($0.sentence)" }
        return lines.joined(separator: "\n")
    }
}

/// What the comparison keeps of one article: its sentences, quotations and figures.
struct AnalysedArticle {
    struct Figure {
        var found: FigureExtractor.Found
        var sentence: String
    }

    var article: Article
    var sentences: [ComparisonText.Sentence]
    var quotations: [String]
    var figures: [Figure]
    /// Content terms of everything the outlet printed, headline included.
    var terms: Set<String>

    init(_ article: Article) {
        self.article = article
        sentences = ComparisonText.sentences(of: article)
        var quotations: [String] = []
        for block in article.blocks {
            switch block {
            case let .paragraph(text, _): quotations += ComparisonText.quotations(in: text)
            case let .list(_, items): quotations += items.flatMap(ComparisonText.quotations)
            case let .quote(text, _): quotations.append(text)
            default: break
            }
        }
        self.quotations = quotations
        figures = sentences.flatMap { sentence in
            FigureExtractor.figures(in: sentence.text).map { Figure(found: $0, sentence: sentence.text) }
        }
        terms = Set(([article.title, article.dek ?? ""] + article.blocks.map(\.plainText)).flatMap(Tokenizer.terms))
    }
}
