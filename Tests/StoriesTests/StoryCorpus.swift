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
    /// Whether the seed dumps are beside the repository (a clone on its own has none).
    static let seedsPresent = FileManager.default.fileExists(atPath: folder.path)
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
        try #require(seedsPresent, "the seed dumps are missing at \(folder.path); tests that read them carry .needsSeeds")
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

    /// Three reports of one storm: the first two share too little to join, the third links them.
    static func harbourStorm() -> (quay: Article, council: Article, bridge: Article) {
        func article(_ id: String, _ date: String, _ title: String, _ body: [String], _ source: String) -> Article {
            Article(id: id, source: Source(id: source, name: source), title: title,
                    publishedAt: Timestamp(rfc3339: date)!, blocks: body.map { .paragraph(text: $0) })
        }
        return (
            article("quay", "2025-05-06T08:00:00Z", "Storm floods Harwick quay, ferries halted",
                    ["A spring storm pushed seawater over the quay at Harwick on Tuesday morning, halting every ferry to the Corran islands.",
                     "Harbour master Ilse Brandt said the pontoons would stay shut until engineers had checked the moorings."], "one.example"),
            article("council", "2025-05-06T18:00:00Z", "Corran islanders stranded as council opens emergency shelter",
                    ["Islanders stranded on the mainland slept in a school hall that Harwick council opened as an emergency shelter on Tuesday night.",
                     "Council leader Omar Siddiqui promised hot meals and said buses would take residents home once crossings resume."], "two.example"),
            article("bridge", "2025-05-07T07:00:00Z", "Harwick ferries still halted after storm floods quay; islanders in council shelter",
                    ["Ferries to the Corran islands stayed halted on Wednesday after Tuesday's storm flooded the Harwick quay, harbour master Ilse Brandt said.",
                     "Stranded islanders spent the night in an emergency shelter the council opened, council leader Omar Siddiqui said."], "three.example"))
    }

    /// The partition as a set of sets of article ids: compares groupings regardless of story ids.
    static func partition(_ grouper: StoryGrouper) -> Set<Set<String>> {
        Set(grouper.stories.map { Set($0.articleIds) })
    }
}

extension Trait where Self == ConditionTrait {
    /// Skips a test, saying why, when `../shared/seeds` is not beside the repository.
    static var needsSeeds: Self {
        .enabled(if: StoryCorpus.seedsPresent, "needs the seed dumps in ../shared/seeds beside the repository; absent here")
    }
}

/// A fixed-seed generator (SplitMix64), so shuffled orders are the same on every run.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
