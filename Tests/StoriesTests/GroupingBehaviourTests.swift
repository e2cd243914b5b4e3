import Foundation
import NewsModels
import Stories
import Testing

extension StoriesTests {
    /// Determinism, the time window, degenerate input, Japanese text and persistence.
    @Suite struct GroupingBehaviour {
        static func article(_ id: String, _ date: String, title: String, body: [String], source: String = "outlet.example") -> Article {
            Article(id: id, source: Source(id: source, name: source), title: title,
                    publishedAt: Timestamp(rfc3339: date)!, blocks: body.map { .paragraph(text: $0) })
        }

        @Test(.needsSeeds) func sameOrderGivesSameIdsAndStories() throws {
            let items = try StoryCorpus.all()
            var first = StoryGrouper(), second = StoryGrouper()
            let a = items.map { first.assign($0.article).storyId }
            let b = items.map { second.assign($0.article).storyId }
            #expect(a == b)
            #expect(first.stories == second.stories)
            #expect(Set(a).count == first.stories.count)
        }

        @Test(.needsSeeds) func shuffledOrdersKeepTheSummitWholeAndThePairsRight() throws {
            let items = try StoryCorpus.all()
            let events = items.map(\.event)
            let seedIds = Set(items.filter(\.isSeedMain).map(\.article.id))
            var worst = (precision: 1.0, recall: 1.0)
            // Order 0 is newest first, the order furthest from how a server receives articles.
            for seed in 0...40 {
                var random = SeededRandom(seed: UInt64(seed))
                var grouper = StoryGrouper()
                for item in seed == 0 ? items.reversed() : items.shuffled(using: &random) { _ = grouper.assign(item.article) }
                let stories = try items.map { try #require(grouper.story(containing: $0.article.id)).id }
                let summit = Set(zip(items, stories).filter { $0.0.isSeedMain }.map(\.1))
                #expect(summit.count == 1, "order \(seed): the summit split into \(summit.count) stories")
                if let id = summit.first { #expect(Set(grouper.story(id: id)?.articleIds ?? []) == seedIds, "order \(seed): others joined the summit") }
                let scores = StoryCorpus.pairwiseScores(events: events, stories: stories)
                worst = (min(worst.precision, scores.precision), min(worst.recall, scores.recall))
            }
            print(String(format: "reversed and 40 shuffled orders: worst pairwise precision %.3f, worst recall %.3f", worst.precision, worst.recall))
            #expect(worst.precision >= 0.95)
            #expect(worst.recall >= 0.9)
        }

        @Test func anArticleLinkingTwoStoriesMergesThem() throws {
            let (quay, council, bridge) = StoryCorpus.harbourStorm()
            var grouper = StoryGrouper()
            let first = grouper.assign(quay), second = grouper.assign(council)
            #expect(first.isNewStory && second.isNewStory, "the two reports alone are too far apart to join")
            let linking = grouper.assign(bridge)
            // The story opened first survives; the other's id now finds it.
            #expect(linking.storyId == first.storyId)
            #expect(linking.merged == [second.storyId])
            #expect(grouper.stories.count == 1)
            #expect(grouper.story(id: second.storyId)?.id == first.storyId)
            #expect(grouper.story(containing: "council")?.id == first.storyId)
            let story = try #require(grouper.story(id: first.storyId))
            #expect(Set(story.articleIds) == ["quay", "council", "bridge"])
            #expect(story.sourceIds == ["one.example", "three.example", "two.example"])
            #expect(story.headline == quay.title)
            // In the order where the link arrives second, all three join without a merge.
            var other = StoryGrouper()
            let results = [quay, bridge, council].map { other.assign($0) }
            #expect(results.allSatisfy { $0.merged.isEmpty })
            #expect(StoryCorpus.partition(other) == StoryCorpus.partition(grouper))
            // Merging is what closed the gap: without it the first order keeps two stories.
            var configuration = StoryGrouper.Configuration()
            configuration.mergeBridgedStories = false
            var unmerged = StoryGrouper(configuration: configuration)
            for article in [quay, council, bridge] { _ = unmerged.assign(article) }
            #expect(unmerged.stories.count == 2)
        }

        @Test(.needsSeeds) func sameTopicMonthsLaterOpensANewStory() throws {
            let summit = try #require(try StoryCorpus.seeds().first { $0.isSeedMain }).article
            var later = summit
            later.id = "same-text-four-months-later"
            later.publishedAt = Timestamp(epochMilliseconds: summit.publishedAt.epochMilliseconds + 120 * 86_400_000)
            var grouper = StoryGrouper()
            let original = grouper.assign(summit)
            let repeated = grouper.assign(later)
            #expect(repeated.isNewStory)
            #expect(repeated.storyId != original.storyId)
            // The identical text a day later does join: only time kept them apart.
            var nextDay = summit
            nextDay.id = "same-text-next-day"
            nextDay.publishedAt = Timestamp(epochMilliseconds: summit.publishedAt.epochMilliseconds + 86_400_000)
            #expect(grouper.assign(nextDay).storyId == original.storyId)
        }

        @Test func emptyArticlesStayAloneAndGlueNothing() {
            let fire = OtherEvents.all.filter { $0.event == "brackwater-fire-2025-02" }.map(\.article)
            let museum = OtherEvents.all.filter { $0.event == "museum-acquisition-2025-02" }.map(\.article)
            let empty = Self.article("empty", "2025-02-08T07:00:00Z", title: "", body: [])
            let titleOnly = Self.article("title-only", "2025-02-08T08:00:00Z", title: "Brackwater", body: [""])
            let blank = Self.article("blank", "2025-02-08T09:00:00Z", title: "   ", body: ["", " "])
            var grouper = StoryGrouper()
            let results = [fire[0], empty, titleOnly, blank, museum[0], fire[1]].map { grouper.assign($0) }
            #expect(results[1].isNewStory && results[2].isNewStory && results[3].isNewStory)
            #expect(results[5].storyId == results[0].storyId)
            #expect(results[4].storyId != results[0].storyId)
            #expect(grouper.story(containing: "empty")?.headline == "")
            #expect(grouper.story(containing: "empty")?.articleIds == ["empty"])
        }

        @Test func lookAlikeReportsOfDifferentMatchesStayApart() {
            // Match reports share nearly every word but the teams, scorers and grounds.
            func report(_ id: String, _ hour: Int, home: String, away: String, ground: String, scorer: String, source: String) -> Article {
                Self.article(id, "2025-03-08T\(String(format: "%02d", hour)):00:00Z",
                             title: "\(home) beat \(away) 2-1 after a late goal",
                             body: ["\(home) beat \(away) 2-1 at \(ground) on Saturday, a late goal from \(scorer) settling a tight league match in front of a full crowd.",
                                    "The win lifts \(home) into the top four with eight games of the league season left, while \(away) stay in the bottom half."],
                             source: source)
            }
            let a = report("match-a1", 17, home: "Ashford Rovers", away: "Calder Town", ground: "Mossley Park", scorer: "Tomas Varga", source: "one.example")
            let b = report("match-b1", 18, home: "Elbury City", away: "Fenwick Athletic", ground: "Garsby Road", scorer: "Idris Mensah", source: "one.example")
            let a2 = report("match-a2", 19, home: "Ashford Rovers", away: "Calder Town", ground: "Mossley Park", scorer: "Tomas Varga", source: "two.example")
            var grouper = StoryGrouper()
            let results = [a, b, a2].map { grouper.assign($0) }
            #expect(results[1].isNewStory, "a report of another match joined with score \(results[1].score)")
            #expect(results[2].storyId == results[0].storyId)
            // Without the entity requirement the two matches would merge: the test guards that rule.
            var loose = StoryGrouper.Configuration()
            loose.minimumEntityOverlap = 0
            var looseGrouper = StoryGrouper(configuration: loose)
            #expect(!looseGrouper.assign(a).isNewStory || !looseGrouper.assign(b).isNewStory)
        }

        @Test func japaneseOnlyTextGroupsByEvent() {
            let snow = OtherEvents.all.filter { $0.event == "hokkaido-snow-2025-02" }.map(\.article)
            let other = Self.article("ja-other", "2025-02-04T09:00:00+09:00", title: "新しい図書館が開館　屋上に読書庭園",
                                     body: ["市の新しい図書館が日曜日に開館し、屋上の読書庭園に多くの家族連れが訪れた。"])
            var grouper = StoryGrouper()
            let results = (snow + [other]).map { grouper.assign($0) }
            #expect(Set(results.prefix(3).map(\.storyId)).count == 1)
            #expect(results[3].isNewStory)
        }

        @Test(.needsSeeds) func revisionsKeepTheirStoryAndStateSurvivesPersistence() throws {
            let items = try StoryCorpus.all()
            let half = items.count / 2
            var grouper = StoryGrouper()
            for item in items.prefix(half) { _ = grouper.assign(item.article) }
            let data = try JSONEncoder().encode(grouper)
            var restored = try JSONDecoder().decode(StoryGrouper.self, from: data)
            let direct = items.dropFirst(half).map { grouper.assign($0.article) }
            let resumed = items.dropFirst(half).map { restored.assign($0.article) }
            #expect(direct == resumed)
            var revision = items[0].article
            revision.rev = 2
            revision.title += " (updated)"
            let again = grouper.assign(revision)
            #expect(!again.isNewStory)
            #expect(again.storyId == grouper.story(containing: revision.id)?.id)
        }
    }
}
