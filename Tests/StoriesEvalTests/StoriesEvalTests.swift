import Foundation
import NewsModels
@testable import stories_eval
import Stories
import Testing

/// The labelled AllSides set beside the repository, when present.
enum DevSet {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/eval/stories/allsides-2021-dev.ndjson").path
    static let present = FileManager.default.fileExists(atPath: path)
}

extension Trait where Self == ConditionTrait {
    /// Skips a test, saying why, when the labelled set is not beside the repository.
    static var needsDevSet: Self {
        .enabled(if: DevSet.present, "needs ../shared/eval/stories/allsides-2021-dev.ndjson beside the repository; absent here")
    }
}

/// Groups the tests of the labelled-set evaluation and of the fitted model's quality on real news.
@Suite struct StoriesEvalTests {
    @Suite struct Scoring {
        @Test func pairwiseAndBCubedFromAHandWorkedExample() {
            // Predicted {0,1} {2,3}; gold {0,1,2} {3}: 2 predicted pairs, 3 gold, 1 shared.
            // B-cubed precision (1 + 1 + 1/2 + 1/2) / 4, recall (2/3 + 2/3 + 1/3 + 1) / 4.
            let s = ClusterScores(predicted: ["a", "a", "b", "b"], gold: ["x", "x", "x", "y"])
            #expect(s.pairPrecision == 0.5)
            #expect(abs(s.pairRecall - 1.0 / 3) < 1e-12)
            #expect(abs(s.cubePrecision - 0.75) < 1e-12)
            #expect(abs(s.cubeRecall - 2.0 / 3) < 1e-12)
            #expect(s.clusters == 2 && s.goldClusters == 2)
        }

        @Test func allSingletonsHaveFullBCubedPrecisionAndNoPairs() {
            let s = ClusterScores(predicted: ["1", "2", "3", "4"], gold: ["x", "x", "y", "y"])
            #expect(s.pairPrecision == 1 && s.pairRecall == 0 && s.pairF1 == 0)
            #expect(s.cubePrecision == 1 && s.cubeRecall == 0.5)
        }
    }

    @Suite struct Reading {
        @Test func aBadLineIsRefusedWithItsNumber() throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("stories-eval-\(UUID().uuidString).ndjson")
            defer { try? FileManager.default.removeItem(at: url) }
            let good = #"{"id":"a","title":"T","text":"x","publishedAt":"2021-05-01T00:00:00Z","source":"s.example","event":"e"}"#
            try Data((good + "\n{\"id\":\"b\"}\n").utf8).write(to: url)
            #expect {
                try LabelledSet(path: url.path)
            } throws: { error in
                "\(error)".contains(":2: not a labelled article")
            }
        }

        @Test func shufflingWithinDaysKeepsEveryDayTogether() {
            let items = (0..<30).map { i in
                LabelledSet.Item(article: Article(id: "a\(i)", source: Source(id: "s", name: "s"), title: "t",
                                                  publishedAt: Timestamp(epochMilliseconds: Int64(i / 10) * 86_400_000)),
                                 event: "e", month: "2021-05", day: Int64(i / 10))
            }
            let shuffled = LabelledSet(items: items).shuffledWithinDays(seed: 3)
            #expect(shuffled.items.map(\.day) == items.map(\.day))
            #expect(shuffled.items.map(\.article.id) != items.map(\.article.id))
            #expect(Set(shuffled.items.map(\.article.id)) == Set(items.map(\.article.id)))
        }
    }

    /// Quality floors on real news; the figures printed by `stories-eval --baseline --validate` are above them.
    @Suite(.needsDevSet) struct DevSetQuality {
        @Test func fittedModelThroughTheAssignerClearsTheFloorsAndTheBaseline() throws {
            let set = try LabelledSet(path: DevSet.path)
            let gold = set.items.map(\.event)
            let model = ClusterScores(predicted: Groupings.assigner(set, model: .fitted), gold: gold)
            let baseline = ClusterScores(predicted: Groupings.baseline(set), gold: gold)
            #expect(model.pairF1 >= 0.85, "pairwise F1 \(model.pairF1)")
            #expect(model.cubeF1 >= 0.93, "B-cubed F1 \(model.cubeF1)")
            #expect(model.pairF1 >= baseline.pairF1 + 0.1 && model.cubeF1 >= baseline.cubeF1 + 0.05)
        }

        @Test func theOrderWithinADayDoesNotMoveTheScore() throws {
            let set = try LabelledSet(path: DevSet.path)
            let reference = ClusterScores(predicted: Groupings.assigner(set, model: .fitted), gold: set.items.map(\.event))
            for seed in [UInt64(11), 12] {
                let shuffled = set.shuffledWithinDays(seed: seed)
                let s = ClusterScores(predicted: Groupings.assigner(shuffled, model: .fitted), gold: shuffled.items.map(\.event))
                #expect(abs(s.pairF1 - reference.pairF1) <= 0.01 && abs(s.cubeF1 - reference.cubeF1) <= 0.01)
            }
        }

        @Test func aModelFittedWithoutJuneGroupsJuneWell() throws {
            let set = try LabelledSet(path: DevSet.path)
            let training = set.only(months: Set(set.months).subtracting(["2021-06"]))
            let june = set.only(months: ["2021-06"])
            let model = ModelFitting.fit(training)
            let s = ClusterScores(predicted: Groupings.assigner(june, model: model), gold: june.items.map(\.event))
            #expect(s.pairF1 >= 0.80, "held-out pairwise F1 \(s.pairF1)")
            #expect(s.cubeF1 >= 0.90, "held-out B-cubed F1 \(s.cubeF1)")
        }
    }
}
