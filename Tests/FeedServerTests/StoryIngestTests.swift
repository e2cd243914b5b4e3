import FeedServer
import Foundation
import GRDB
import NewsModels
import Testing

extension FeedServerTests {
    /// The server assigns `storyId` at ingest, keeps it across restarts, and logs a move as a revision.
    @Suite struct StoryIngest {
        static let day: Int64 = 86_400_000
        static let start = Timestamp(rfc3339: "2025-05-12T08:00:00Z")!

        /// Invented coverage: two outlets on one flood, one on an unrelated concert.
        static func article(_ id: String, outlet: String, hours: Int64, title: String, lead: String) -> Article {
            Article(id: id, url: "https://\(outlet)/\(id)", source: Source(id: outlet, name: outlet), title: title,
                    publishedAt: Timestamp(epochMilliseconds: start.epochMilliseconds + hours * 3_600_000),
                    blocks: [.paragraph(text: lead)])
        }

        static let floodA = article(
            "flood-a", outlet: "tarn-gazette.example", hours: 0,
            title: "River Tarnell floods Millbrook after three days of rain",
            lead: "The River Tarnell burst its banks in Millbrook on Monday, forcing Mayor Edith Crane to open the Millbrook sports hall to 400 evacuated residents.")
        static let floodB = article(
            "flood-b", outlet: "valley-herald.example", hours: 5,
            title: "Millbrook evacuates riverside streets as Tarnell rises",
            lead: "Mayor Edith Crane said 400 Millbrook residents spent the night in the sports hall after the River Tarnell flooded riverside streets.")
        static let floodC = article(
            "flood-c", outlet: "county-wire.example", hours: 30,
            title: "Tarnell flood waters recede in Millbrook",
            lead: "Water left the Millbrook riverside streets on Wednesday as the River Tarnell fell, and Mayor Edith Crane said the sports hall would close.")
        static let concert = article(
            "concert", outlet: "tarn-gazette.example", hours: 2,
            title: "Orchestra opens summer season with a new symphony",
            lead: "The Harrowgate Chamber Orchestra opened its summer season at the Glasshouse Theatre with the premiere of a symphony by composer Ilse Marr.")

        static func storage() throws -> (SQLiteFeedStorage, String) {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("stories-\(UUID().uuidString).sqlite").path
            return (try SQLiteFeedStorage(path: path), path)
        }

        static func logged(_ storage: SQLiteFeedStorage) throws -> [Article] {
            let head = try storage.logBounds().head
            guard head > 0 else { return [] }
            return try storage.logLines(in: 1...head).compactMap {
                if case let .put(_, article) = try NewsJSON.decode(Change.self, from: $0) { return article }
                return nil
            }
        }

        @Test func coverageOfOneEventSharesAStoryInTheLog() throws {
            let (storage, _) = try Self.storage()
            let summary = try storage.importArticles([Self.floodA, Self.concert, Self.floodB])
            #expect(summary.added == 3 && summary.newStories == 2)
            let byId = Dictionary(uniqueKeysWithValues: try Self.logged(storage).map { ($0.id, $0) })
            let flood = try #require(byId["flood-a"]?.storyId)
            #expect(byId["flood-b"]?.storyId == flood)
            #expect(byId["concert"]?.storyId != nil && byId["concert"]?.storyId != flood)
            // Unchanged content writes nothing, and an edit keeps the story.
            #expect(try storage.importArticles([Self.floodA, Self.floodB]).unchanged == 2)
            var edited = Self.floodB
            edited.title += " overnight"
            let revised = try storage.importArticles([edited])
            #expect(revised.revised == 1)
            let last = try #require(try Self.logged(storage).last)
            #expect(last.rev == 2 && last.storyId == flood && last.changedFields == ["title"])
        }

        @Test func storiesSurviveARestartAndAnotherProcessesImports() throws {
            let (first, path) = try Self.storage()
            _ = try first.importArticles([Self.floodA, Self.concert])
            // A second process (say `paperboy-server import` while `serve` runs) adds to the same story.
            let other = try SQLiteFeedStorage(path: path)
            _ = try other.importArticles([Self.floodB])
            // The first process learns of it before grouping its next batch, and a restarted one reloads it.
            _ = try first.importArticles([Self.floodC])
            let restarted = try SQLiteFeedStorage(path: path)
            var late = Self.floodC
            late.id = "flood-d"
            _ = try restarted.importArticles([late])
            let stories = Dictionary(uniqueKeysWithValues: try Self.logged(restarted).map { ($0.id, $0.storyId) })
            #expect(Set(["flood-a", "flood-b", "flood-c", "flood-d"].map { stories[$0] }).count == 1)
            #expect(stories["concert"] != stories["flood-a"])
        }

        @Test func regroupLogsAMoveAsARevisionOnce() throws {
            let (storage, path) = try Self.storage()
            _ = try storage.importArticles([Self.floodA, Self.floodB, Self.concert])
            // As if imported before grouping existed: no story, or one the old rules chose.
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                for (id, story) in [("flood-a", nil), ("flood-b", "legacy-story")] as [(String, String?)] {
                    var article = try NewsJSON.decode(Article.self, from: try #require(
                        try Data.fetchOne(db, sql: "SELECT json FROM article WHERE id = ?", arguments: [id])))
                    article.storyId = story
                    try db.execute(sql: "UPDATE article SET storyId = ?, json = ? WHERE id = ?",
                                   arguments: [story, try NewsJSON.encode(article), id])
                }
            }
            let restarted = try SQLiteFeedStorage(path: path)
            let headBefore = try restarted.logBounds().head
            let summary = try restarted.regroupStories()
            #expect(summary.articles == 3 && summary.stories == 2 && summary.moved == 2)
            #expect(summary.head == headBefore + 2)
            let moves = try restarted.logLines(in: (headBefore + 1)...summary.head).map { try NewsJSON.decode(Change.self, from: $0) }
            for change in moves {
                guard case let .put(_, article) = change else { Issue.record("expected a put, got \(change)"); continue }
                #expect(article.rev == 2 && article.changedFields == ["storyId"])
            }
            let again = try restarted.regroupStories()
            #expect(again.moved == 0 && again.head == summary.head)
        }

        @Test func upgradeFillsPublicationTimesSoOldArticlesStillAttractNewOnes() throws {
            let (storage, path) = try Self.storage()
            _ = try storage.importArticles([Self.floodA])
            // Back to the v3 schema, as a database written before story grouping.
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: """
                    DROP INDEX article_published; ALTER TABLE article DROP COLUMN publishedAt;
                    DELETE FROM grdb_migrations WHERE identifier = 'v4-stories'
                    """)
            }
            let upgraded = try SQLiteFeedStorage(path: path)
            let filled = try queue.read { db in try Int64.fetchOne(db, sql: "SELECT publishedAt FROM article WHERE id = 'flood-a'") }
            #expect(filled == Self.floodA.publishedAt.epochMilliseconds)
            _ = try upgraded.importArticles([Self.floodB])
            let stories = try Self.logged(upgraded).map(\.storyId)
            #expect(stories.count == 2 && stories[0] == stories[1])
        }

        /// A storm in three reports: the first two share too little to join; the third links them.
        static let quay = article(
            "quay", outlet: "one.example", hours: 0, title: "Storm floods Harwick quay, ferries halted",
            lead: "A spring storm pushed seawater over the quay at Harwick on Tuesday morning, halting every ferry to the Corran islands. Harbour master Ilse Brandt said the pontoons would stay shut until engineers had checked the moorings.")
        static let shelter = article(
            "shelter", outlet: "two.example", hours: 10, title: "Corran islanders stranded as council opens emergency shelter",
            lead: "Islanders stranded on the mainland slept in a school hall that Harwick council opened as an emergency shelter on Tuesday night. Council leader Omar Siddiqui promised hot meals and said buses would take residents home once crossings resume.")
        static let link = article(
            "link", outlet: "three.example", hours: 23, title: "Harwick ferries still halted after storm floods quay; islanders in council shelter",
            lead: "Ferries to the Corran islands stayed halted on Wednesday after Tuesday's storm flooded the Harwick quay, harbour master Ilse Brandt said. Stranded islanders spent the night in an emergency shelter the council opened, council leader Omar Siddiqui said.")

        @Test func anArticleLinkingTwoStoriesMergesThemInTheLog() throws {
            let (storage, path) = try Self.storage()
            _ = try storage.importArticles([Self.quay])
            _ = try storage.importArticles([Self.shelter])
            let apart = try Self.logged(storage)
            let quayStory = try #require(apart[0].storyId), shelterStory = try #require(apart[1].storyId)
            #expect(quayStory != shelterStory)
            let summary = try storage.importArticles([Self.link])
            #expect(summary.added == 1 && summary.newStories == 0)
            #expect(summary.mergedStories == 1 && summary.moved == 1)
            // The link joins the older story, and the stored report of the other moves as a revision.
            let log = try Self.logged(storage)
            #expect(log.count == 4 && summary.head == 4)
            #expect(log[2].id == "link" && log[2].storyId == quayStory)
            #expect(log[3].id == "shelter" && log[3].rev == 2 && log[3].storyId == quayStory && log[3].changedFields == ["storyId"])
            // A restart reads the moved ids back: a follow-up joins the merged story, nothing moves again.
            let restarted = try SQLiteFeedStorage(path: path)
            var followUp = Self.shelter
            followUp.id = "shelter-follow-up"
            let again = try restarted.importArticles([followUp])
            #expect(again.mergedStories == 0 && again.moved == 0)
            #expect(try Self.logged(restarted).last?.storyId == quayStory)
        }

        @Test func articlesWeeksApartOpenSeparateStories() throws {
            let (storage, _) = try Self.storage()
            var nextYear = Self.floodB
            nextYear.id = "flood-next-year"
            nextYear.publishedAt = Timestamp(epochMilliseconds: Self.floodA.publishedAt.epochMilliseconds + 365 * Self.day)
            _ = try storage.importArticles([Self.floodA, nextYear])
            let stories = try Self.logged(storage).map(\.storyId)
            #expect(stories.count == 2 && stories[0] != stories[1])
        }
    }
}
