import Foundation
import NewsAccount
import NewsModels
import NewsStore
import PaperboyTesting
import Testing

extension NewsAccountTests {
    /// What a SwiftUI list sees: the store's async sequences send a new value when a sync, a poll or
    /// a mark lands.
    @Suite struct Observation {
        @Test func theTimelineAndUnreadCountChangeWhenASyncAndAMarkLand() async throws {
            let harness = try await AccountHarness.start()
            _ = try harness.storage.importArticles(SampleArticles.ferryTimetables(1...3))
            let account = try harness.accountWithHome("phone")
            let timeline = Latest(account.store.timelineUpdates(TimelineQuery()))
            let counts = Latest(account.store.countUpdates())
            try await eventually("the first timeline") { timeline.value?.isEmpty == true && counts.value?.unread == 0 }

            _ = try await account.sync()
            try await eventually("the synced timeline") { timeline.value?.count == 3 && counts.value?.unread == 3 }

            _ = try account.store.set(.read, to: true, articleIds: ["quay-2"])
            try await eventually("the unread count to drop") { counts.value?.unread == 2 }
            _ = try await eventually("the mark in the timeline", timeline) { $0.first { $0.id == "quay-2" }?.isRead == true }
            timeline.stop()
            counts.stop()
            await harness.stop()
        }

        @Test func aStorysCoverageGrowsWhenAnotherOutletsReportArrives() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsaccount-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let store = try NewsStore(path: folder + "/news.sqlite")
            let articles = SampleArticles.ferryTimetables(1...2).map { article in
                var article = article
                article.storyId = "story-ferry"
                return article
            }
            _ = try store.upsert([articles[0]])
            let coverage = Latest(store.coverageUpdates(storyId: "story-ferry"))
            try await eventually("the first coverage") { coverage.value?.map(\.id) == ["quay-1"] }
            _ = try store.upsert([articles[1]])
            try await eventually("the second report in the coverage") { coverage.value?.map(\.id) == ["quay-1", "quay-2"] }
            coverage.stop()
        }
    }
}
