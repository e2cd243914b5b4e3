import Foundation
import NewsModels
@testable import Stories
import Testing

extension StoriesTests {
    /// Rebuilding the index from a host's stored articles, loading only the weeks a batch needs, and
    /// forgetting old articles to bound memory.
    @Suite struct StoryAssignerBehaviour {
        /// A host's storage in memory: grouped articles, and every range the assigner asked for.
        final class Archive: @unchecked Sendable {
            var stored: [GroupedArticle] = []
            var requests: [ClosedRange<Timestamp>] = []

            func load(_ range: ClosedRange<Timestamp>) -> [GroupedArticle] {
                requests.append(range)
                return stored.filter { range.contains($0.article.publishedAt) }
            }

            /// Stores a batch as a host does: merged stories' articles move, then the batch is added.
            func keep(_ articles: [Article], _ batch: StoryBatch) {
                for i in stored.indices { if let into = batch.merges[stored[i].storyId] { stored[i].storyId = into } }
                stored += zip(articles, batch.assignments).map { GroupedArticle(article: $0, storyId: $1.storyId) }
            }
        }

        static func days(_ n: Double) -> Int64 { Int64(n * 86_400_000) }

        @Test(.needsSeeds) func restartedAssignerKeepsStoryIdsAndJoinsTheSameStories() throws {
            let items = try StoryCorpus.all().map(\.article)
            let half = items.count / 2
            let archive = Archive()
            let first = StoryAssigner()
            let firstHalf = Array(items.prefix(half))
            archive.keep(firstHalf, try first.assign(firstHalf, load: archive.load))
            let rest = Array(items.dropFirst(half))
            // One process goes on; another starts empty and rebuilds from the archive.
            let continued = try first.assign(rest, load: archive.load).assignments
            let restarted = try StoryAssigner().assign(rest, load: archive.load).assignments
            #expect(continued.map(\.storyId) == restarted.map(\.storyId))
            // Re-assigning stored articles returns the story the host recorded.
            let again = try StoryAssigner().assign(firstHalf, load: archive.load).assignments
            #expect(again.map(\.storyId) == archive.stored.prefix(half).map(\.storyId))
            #expect(again.allSatisfy { !$0.isNewStory })
        }

        @Test(.needsSeeds) func loadsOnlyTheWeeksAroundABatchAndNeverTwice() throws {
            let summit = try #require(try StoryCorpus.seeds().first { $0.isSeedMain }).article
            let archive = Archive()
            let assigner = StoryAssigner()
            let assigned = try assigner.assign([summit], load: archive.load)
            #expect(archive.requests.count == 1)
            let window = try #require(archive.requests.first)
            let gap = Self.days(21)
            #expect(window.lowerBound.epochMilliseconds == summit.publishedAt.epochMilliseconds - gap)
            #expect(window.upperBound.epochMilliseconds == summit.publishedAt.epochMilliseconds + gap)
            archive.keep([summit], assigned)

            var nextDay = summit
            nextDay.id = "next-day"
            nextDay.publishedAt = Timestamp(epochMilliseconds: summit.publishedAt.epochMilliseconds + Self.days(1))
            #expect(try assigner.assign([nextDay], load: archive.load).assignments.first?.storyId == assigned.assignments.first?.storyId)
            // Only the one day beyond the first window was missing.
            #expect(archive.requests.count == 2)
            #expect(archive.requests[1].lowerBound.epochMilliseconds == summit.publishedAt.epochMilliseconds + gap + 1)

            var muchLater = summit
            muchLater.id = "much-later"
            muchLater.publishedAt = Timestamp(epochMilliseconds: summit.publishedAt.epochMilliseconds + Self.days(365))
            _ = try assigner.assign([muchLater], load: archive.load)
            // A year later loads that year's window, not the months in between.
            #expect(archive.requests[2].lowerBound.epochMilliseconds == muchLater.publishedAt.epochMilliseconds - gap)
        }

        @Test(.needsSeeds) func batchOrderDoesNotMatter() throws {
            let items = try StoryCorpus.all().map(\.article)
            let forward = try StoryAssigner().assign(items, load: { _ in [] }).assignments
            let backward = try StoryAssigner().assign(items.reversed(), load: { _ in [] }).assignments
            #expect(forward.map(\.storyId) == backward.reversed().map(\.storyId))
        }

        @Test(.needsSeeds) func forgettingDropsOldArticlesAndTheirStories() throws {
            let items = try StoryCorpus.all().map(\.article)
            var grouper = StoryGrouper()
            for article in items { _ = grouper.assign(article) }
            let cutoff = try #require(items.map(\.publishedAt).sorted().dropFirst(items.count / 2).first)
            let dropped = grouper.forget(publishedBefore: cutoff)
            #expect(dropped > 0)
            #expect(grouper.entryCount == items.count - dropped)
            #expect(grouper.oldestPublication.map { $0 >= cutoff } == true)
            for article in items {
                let story = grouper.story(containing: article.id)
                #expect((story != nil) == (article.publishedAt >= cutoff))
            }
            // A kept article's story still answers to its id, and a forgotten one's text opens a new story.
            let old = try #require(items.first { $0.publishedAt < cutoff })
            var copy = old
            copy.id = "copy-of-forgotten"
            let assignment = grouper.assign(copy)
            #expect(grouper.story(id: assignment.storyId)?.articleIds.contains(old.id) != true)
        }

        @Test(.needsSeeds) func capacityBoundsTheIndex() throws {
            let base = try StoryCorpus.all().map(\.article)
            var many: [Article] = []
            for copy in 0..<30 {
                for var article in base {
                    article.id += "-\(copy)"
                    article.publishedAt = Timestamp(epochMilliseconds: article.publishedAt.epochMilliseconds + Self.days(Double(copy * 40)))
                    many.append(article)
                }
            }
            let assigner = StoryAssigner(capacity: 1000)
            for start in stride(from: 0, to: many.count, by: 50) {
                _ = try assigner.assign(Array(many[start..<min(many.count, start + 50)]), load: { _ in [] })
                #expect(assigner.indexedArticles <= 1000)
            }
        }

        @Test func batchFollowsChainsOfMerges() {
            // b merged into a, then c into b: everything ends in a.
            let batch = StoryBatch(
                assignments: [StoryAssignment(storyId: "c", isNewStory: true, score: 0), StoryAssignment(storyId: "b", isNewStory: false, score: 0.3)],
                merges: ["b": "a", "c": "b"])
            #expect(batch.merges == ["b": "a", "c": "a"])
            #expect(batch.assignments.map(\.storyId) == ["a", "a"])
        }

        @Test func assignerReportsTheMergesAHostMustStore() throws {
            let (quay, council, bridge) = StoryCorpus.harbourStorm()
            let archive = Archive()
            let assigner = StoryAssigner()
            var batches: [StoryBatch] = []
            // One poll each: the link arrives last, after both reports were stored apart.
            for article in [quay, council, bridge] {
                let batch = try assigner.assign([article], load: archive.load)
                archive.keep([article], batch)
                batches.append(batch)
            }
            let quayStory = batches[0].assignments[0].storyId, councilStory = batches[1].assignments[0].storyId
            #expect(quayStory != councilStory)
            #expect(batches[2].merges == [councilStory: quayStory])
            #expect(archive.stored.map(\.storyId) == [quayStory, quayStory, quayStory])
            // A restarted assigner rebuilds from the stored (moved) ids and agrees.
            var late = bridge
            late.id = "bridge-follow-up"
            let restarted = try StoryAssigner().assign([late], load: archive.load)
            #expect(restarted.assignments.first?.storyId == quayStory)
            #expect(restarted.merges.isEmpty)
        }

        @Test func rangeArithmetic() {
            #expect(StoryAssigner.subtract([], from: 0...10) == [0...10])
            #expect(StoryAssigner.subtract([2...4, 6...7], from: 0...10) == [0...1, 5...5, 8...10])
            #expect(StoryAssigner.subtract([0...10], from: 3...4) == [])
            #expect(StoryAssigner.subtract([5...20], from: 0...10) == [0...4])
            #expect(StoryAssigner.union([5...6, 0...2, 3...4, 9...9]) == [0...6, 9...9])
        }
    }
}
