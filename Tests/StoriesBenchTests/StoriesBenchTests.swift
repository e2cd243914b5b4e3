import Foundation
import NewsModels
@testable import stories_bench
import Testing

/// Groups the tests of the story-grouping benchmark's own logic (the timing itself is not tested).
@Suite struct StoriesBenchTests {
    @Suite struct PairwiseScoring {
        @Test func countsPairsFromCellSizes() {
            // Predicted {0,1,2} {3,4}; true {0,1} {2,3,4}: 4 predicted pairs, 4 true, 2 shared (0-1 and 3-4).
            let score = PairwiseScore(predicted: ["a", "a", "a", "b", "b"], truth: ["x", "x", "y", "y", "y"])
            #expect(score.predictedPairs == 4)
            #expect(score.truePairs == 4)
            #expect(score.sharedPairs == 2)
            #expect(score.precision == 0.5 && score.recall == 0.5)
            #expect(score.predictedGroups == 2 && score.trueGroups == 2)
        }

        @Test func agreesWithCountingEveryPair() {
            var state: UInt64 = 42
            func next(_ bound: UInt64) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % bound)
            }
            let truth = (0..<400).map { _ in next(60) }
            let predicted = truth.map { next(5) == 0 ? next(60) : $0 / 2 }
            var predictedPairs = 0, truePairs = 0, shared = 0
            for i in truth.indices {
                for j in truth.indices where j > i {
                    let sameTruth = truth[i] == truth[j], samePrediction = predicted[i] == predicted[j]
                    if sameTruth { truePairs += 1 }
                    if samePrediction { predictedPairs += 1 }
                    if sameTruth && samePrediction { shared += 1 }
                }
            }
            let score = PairwiseScore(predicted: predicted, truth: truth)
            #expect(shared > 0 && shared < predictedPairs, "the labels must disagree somewhere, or the test shows little")
            #expect(score.predictedPairs == predictedPairs)
            #expect(score.truePairs == truePairs)
            #expect(score.sharedPairs == shared)
        }

        @Test func singletonsHaveNoPairs() {
            let score = PairwiseScore(predicted: [1, 2, 3], truth: ["p", "q", "r"])
            #expect(score.predictedPairs == 0 && score.truePairs == 0)
            #expect(score.precision == 1 && score.recall == 1)
        }
    }

    @Suite struct AllPairsPeer {
        static let day: Int64 = 86_400_000

        static func article(_ id: String, _ title: String, _ lead: String, day: Int64) -> Article {
            Article(id: id, source: Source(id: "outlet-\(id)", name: "Outlet"), title: title,
                    publishedAt: Timestamp(epochMilliseconds: 1_760_000_000_000 + day * AllPairsPeer.day),
                    blocks: [.paragraph(text: lead)])
        }

        static let ferryA = article("f1", "Harbourtown ferry grounded on sandbar near Pellow Point",
                                    "The ferry Marigold ran aground on a sandbar off Pellow Point with ninety passengers aboard.", day: 0)
        static let ferryB = article("f2", "Marigold ferry refloated at Pellow Point after grounding",
                                    "Tugs refloated the ferry Marigold from the Pellow Point sandbar; the ninety passengers were ferried ashore.", day: 0)
        static let orchard = article("o1", "Quince orchard in Tallowmere wins regional cider medal",
                                     "Growers at the Tallowmere quince orchard collected the regional cider medal for a dry perry blend.", day: 1)
        static let ferryC = article("f3", "Inquiry opens into grounding of Marigold ferry on Pellow Point sandbar",
                                    "Harbourtown officials opened an inquiry into why the ferry Marigold ran aground on the Pellow Point sandbar.", day: 2)

        @Test func groupsTheSameEventAndSeparatesOthers() {
            var peer = AllPairsGrouper()
            let stories = [Self.ferryA, Self.ferryB, Self.orchard, Self.ferryC].map { peer.assign($0) }
            #expect(stories == [0, 0, 1, 0])
            #expect(peer.storyCount == 2)
            #expect(peer.storyOfArticle == stories)
        }

        @Test func scansEveryEarlierArticleButScoresOnlyThoseInTheWindow() {
            var peer = AllPairsGrouper()
            _ = peer.assign(Self.ferryA)
            _ = peer.assign(Self.orchard)
            var late = Self.ferryB
            late.publishedAt = Timestamp(epochMilliseconds: Self.ferryA.publishedAt.epochMilliseconds + 30 * Self.day)
            #expect(peer.assign(late) == 2, "30 days apart is past the 21-day gap: a new story however similar")
            #expect(peer.lastScanCount == 2)
            #expect(peer.lastComparisonCount == 0)
        }

        @Test func timeFactorFallsFromTenToTwentyOneDays() {
            let peer = AllPairsGrouper()
            #expect(peer.timeFactor(gap: 10 * Self.day) == 1)
            #expect(abs(peer.timeFactor(gap: 15 * Self.day + Self.day / 2) - 0.5) < 1e-9)
            #expect(peer.timeFactor(gap: 21 * Self.day) == 0)
        }

        @Test func wordsSkipShortAndFunctionWords() {
            let words = AllPairsGrouper.words(of: Self.ferryA, leadWords: 120)
            #expect(words.contains("marigold") && words.contains("sandbar"))
            #expect(!words.contains("the") && !words.contains("on") && !words.contains("with"))
        }
    }

    @Suite struct Blocks {
        @Test func closesFullBlocksAndALastPartialOne() {
            var recorder = BlockRecorder(blockSize: 10)
            for i in 0..<25 { recorder.record(nanoseconds: UInt64(1000 * (i + 1)), comparisons: i % 10) }
            let blocks = recorder.finish()
            #expect(blocks.map(\.articles) == [10, 10, 5])
            #expect(blocks.map(\.firstArticle) == [0, 10, 20])
            #expect(blocks[0].microsecondsPerArticle == 5.5)
            #expect(blocks[0].maxMicroseconds == 10 && blocks[2].maxMicroseconds == 25)
            #expect(blocks[0].meanComparisons == 4.5 && blocks[0].maxComparisons == 9)
            #expect(abs(blocks[0].articlesPerSecond - 10 / 55e-6) < 1e-6 * 10 / 55e-6)
        }

        @Test func runTotalsComeFromTheBlocks() {
            var recorder = BlockRecorder(blockSize: 2)
            for nanos: UInt64 in [1000, 1000, 3000, 3000] { recorder.record(nanoseconds: nanos, comparisons: 1) }
            let run = GroupingRun(name: "test", blocks: recorder.finish(), pairs: PairwiseScore(predicted: [0, 0, 1, 1], truth: [0, 0, 1, 1]))
            #expect(run.articles == 4)
            #expect(abs(run.seconds - 8e-6) < 1e-12)
            #expect(abs(run.lastToFirstBlockRatio - 3) < 1e-9)
            #expect(run.storiesFormed == 2 && run.precision == 1 && run.recall == 1)
        }
    }

    @Test func groupsThousands() {
        #expect(grouped(0) == "0")
        #expect(grouped(999) == "999")
        #expect(grouped(1_000) == "1,000")
        #expect(grouped(1_234_567) == "1,234,567")
        #expect(grouped(-45_000) == "-45,000")
    }
}

extension StoriesBenchTests {
    @Suite struct Joins {
        @Test func sortsJoinsByWhetherTheStoryHeldATrueMate() {
            var audit = JoinAudit()
            audit.record(storyId: "s1", isNewStory: true, score: 0, truth: "A")
            audit.record(storyId: "s1", isNewStory: false, score: 0.5, truth: "A")
            audit.record(storyId: "s1", isNewStory: false, score: 0.2, truth: "B")
            audit.record(storyId: "s2", isNewStory: true, score: 0, truth: "B")
            audit.record(storyId: "s2", isNewStory: false, score: 0.3, truth: "C")
            audit.finish()
            #expect(audit.joins == 3)
            #expect(audit.wrongJoins == 2)
            #expect(audit.missedJoins == 1, "B had an article in s1 when s2 opened for B")
            #expect(audit.medianRightScore == 0.5)
            #expect(abs(audit.medianWrongScore - 0.25) < 1e-12)
        }
    }
}
