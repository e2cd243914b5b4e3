import NewsModels
import Stories

/// The `--json` shape of a story's cross-source comparison, every outlet named as well as identified.
struct ComparisonJSON: Encodable {
    struct FirstPublished: Encodable {
        let sourceId: String, sourceName: String, articleId: String, publishedAt: Timestamp
    }

    struct Report: Encodable {
        let sourceId: String, sourceName: String, articleId: String, figure: String, value: Double, sentence: String
    }

    struct Disagreement: Encodable {
        let topic: [String], unit: String, reports: [Report]
    }

    struct Quote: Encodable {
        let text: String, sourceIds: [String], sourceNames: [String]
    }

    struct Exclusive: Encodable {
        let sourceId: String, sourceName: String, articleId: String, sentence: String
    }

    let firstPublished: [FirstPublished], figureDisagreements: [Disagreement], sharedQuotes: [Quote], exclusiveFacts: [Exclusive]

    /// `names` maps every source id to the name to print (see `ComparisonFormatter.outletNames`).
    init(_ comparison: CoverageComparison, names: [String: String]) {
        let name = { (id: String) in names[id] ?? id }
        firstPublished = comparison.firstPublications.map {
            FirstPublished(sourceId: $0.sourceId, sourceName: name($0.sourceId), articleId: $0.articleId, publishedAt: $0.publishedAt)
        }
        figureDisagreements = comparison.figureDisagreements.map { disagreement in
            Disagreement(topic: disagreement.topic, unit: disagreement.unit, reports: disagreement.reports.map {
                Report(sourceId: $0.sourceId, sourceName: name($0.sourceId), articleId: $0.articleId, figure: $0.text,
                       value: $0.value, sentence: $0.sentence)
            })
        }
        sharedQuotes = comparison.sharedQuotes.map { Quote(text: $0.text, sourceIds: $0.sourceIds, sourceNames: $0.sourceIds.map(name)) }
        exclusiveFacts = comparison.exclusiveFacts.map {
            Exclusive(sourceId: $0.sourceId, sourceName: name($0.sourceId), articleId: $0.articleId, sentence: $0.sentence)
        }
    }
}
