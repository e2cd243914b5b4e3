import Foundation
import NewsModels
import Stories
import Testing

extension StoriesTests {
    /// The five seeds' summit coverage must form one story that nothing else joins, and the whole
    /// labelled set must be grouped with high pairwise precision and recall.
    @Suite struct SeedGrouping {
        @Test(.needsSeeds) func summitSeedsFormExactlyOneStory() throws {
            let items = try StoryCorpus.all()
            #expect(items.filter(\.isSeedMain).count == 5)
            #expect(items.count >= 5 + 2 + 30)
            var grouper = StoryGrouper()
            var assigned: [String] = []
            for item in items {
                let result = grouper.assign(item.article)
                assigned.append(result.storyId)
                print("\(result.isNewStory ? "new " : "join") \(String(format: "%.3f", result.score)) \(item.event) \(item.article.title.prefix(60))")
            }
            let summitStories = Set(zip(items, assigned).filter { $0.0.isSeedMain }.map(\.1))
            #expect(summitStories.count == 1, "the summit coverage split into \(summitStories.count) stories")
            let summitId = try #require(summitStories.first)
            let story = try #require(grouper.story(id: summitId))
            let seedIds = Set(items.filter(\.isSeedMain).map(\.article.id))
            #expect(Set(story.articleIds) == seedIds, "articles other than the seeds joined the summit story")
            #expect(story.sourceIds.count == 5)
            #expect(!story.headline.isEmpty)
            // The preview (dated a week ahead) is the earliest, so it opens the span and names the story.
            let earliest = try #require(items.filter(\.isSeedMain).min { $0.article.publishedAt < $1.article.publishedAt })
            #expect(story.firstSeen == earliest.article.publishedAt)
            #expect(story.headline == earliest.article.title)
            #expect(story.id == StoryRecord.storyId(firstArticleId: earliest.article.id))

            let (precision, recall) = StoryCorpus.pairwiseScores(events: items.map(\.event), stories: assigned)
            print(String(format: "pairwise precision %.3f recall %.3f over %d articles, %d events, %d stories",
                         precision, recall, items.count, Set(items.map(\.event)).count, grouper.stories.count))
            #expect(precision >= 0.9)
            #expect(recall >= 0.9)
        }

        @Test(.needsSeeds) func sideStoriesOfTheSummitDumpStayApart() throws {
            let items = try StoryCorpus.all()
            var grouper = StoryGrouper()
            for item in items { _ = grouper.assign(item.article) }
            let firstSeed = try #require(items.first { $0.isSeedMain })
            let summitId = try #require(grouper.story(containing: firstSeed.article.id)?.id)
            let sides = items.filter { $0.event.hasPrefix("side-") }
            #expect(sides.count == 2)
            for side in sides { #expect(grouper.story(containing: side.article.id)?.id != summitId, "\(side.article.title)") }
        }
    }
}
