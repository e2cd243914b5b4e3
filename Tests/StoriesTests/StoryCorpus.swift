import FeedFormats
import Foundation
import NewsModels
import Stories
import Testing

/// Groups the tests of the Stories module.
@Suite struct StoriesTests {}

/// The labelled evaluation set: the five seed dumps (read from `../shared/seeds` at test time, never
/// copied) and the project's own fixtures about other events.
enum StoryCorpus {
    static let summit = "ishiba-trump-summit-2025-02"
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/seeds")
    static let fallback = Timestamp(rfc3339: "2025-02-10T00:00:00Z")!

    /// One article with the event it truly belongs to.
    struct Item {
        let event: String
        let article: Article
        let isSeedMain: Bool
    }

    /// Every seed's articles: the first of each dump is the summit coverage, the rest (003's side
    /// stories) are their own events. Each dump gets its own outlet id.
    static func seeds() throws -> [Item] {
        try #require(FileManager.default.fileExists(atPath: folder.path),
                     "the seed dumps are missing at \(folder.path): they are part of the environment (see the task)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        try #require(names.count == 5, "expected five seeds in \(folder.path), found \(names)")
        var items: [Item] = []
        for name in names {
            let key = String(name.dropLast(4))
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let source = Source(id: "seed-" + key.prefix(3), name: "Seed \(key.prefix(3))")
            let result = try TextDumpParser(source: source, publishedFallback: fallback).parse(data, key: key)
            try #require(!result.articles.isEmpty, "\(key): \(result.problems)")
            for (index, article) in result.articles.enumerated() {
                items.append(Item(event: index == 0 ? summit : "side-\(article.id)", article: article, isSeedMain: index == 0))
            }
        }
        return items
    }

    /// Seeds and fixtures in publication order (ties by id), the order a poller would see them.
    static func all() throws -> [Item] {
        let fixtures = OtherEvents.all.map { Item(event: $0.event, article: $0.article, isSeedMain: false) }
        return try (seeds() + fixtures).sorted {
            ($0.article.publishedAt, $0.article.id) < ($1.article.publishedAt, $1.article.id)
        }
    }

    /// Pairwise precision and recall of `assigned` story ids against the true events.
    static func pairwiseScores(events: [String], stories: [String]) -> (precision: Double, recall: Double) {
        var truePairs = 0, predictedPairs = 0, both = 0
        for i in events.indices {
            for j in events.indices where j > i {
                let sameEvent = events[i] == events[j], sameStory = stories[i] == stories[j]
                if sameEvent { truePairs += 1 }
                if sameStory { predictedPairs += 1 }
                if sameEvent && sameStory { both += 1 }
            }
        }
        return (predictedPairs == 0 ? 1 : Double(both) / Double(predictedPairs), truePairs == 0 ? 1 : Double(both) / Double(truePairs))
    }

    /// The partition as a set of sets of article ids: compares groupings regardless of story ids.
    static func partition(_ grouper: StoryGrouper) -> Set<Set<String>> {
        Set(grouper.stories.map { Set($0.articleIds) })
    }
}
