import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import Testing

@Suite struct FeedServerTests {
    /// Manifest and segments: bytes, caching headers, validators and errors.
    @Suite struct Content {
        @Test func manifestDescribesTheLogAndRevalidates() async throws {
            let server = try await RunningServer.start(articles: (1...6).map { Fixture.article($0) })
            let response = try await server.get("/v1/manifest")
            #expect(response.status == 200)
            #expect(response.headers["Cache-Control"] == "public, max-age=2, stale-while-revalidate=5")
            let manifest = try NewsJSON.decode(Manifest.self, from: response.body)
            #expect(manifest.protocol == 1 && manifest.head == 6 && manifest.oldest == 0 && manifest.segmentSize == 4)
            #expect(manifest.snapshot == nil)
            let etag = try #require(response.headers["ETag"])
            let again = try await server.get("/v1/manifest", headers: ["If-None-Match": etag])
            #expect(again.status == 304 && again.body.isEmpty)
            _ = try server.storage.importArticles([Fixture.article(7)])
            let changed = try await server.get("/v1/manifest", headers: ["If-None-Match": etag])
            #expect(changed.status == 200)
            await server.stop()
        }

        @Test func sealedSegmentNeverChanges() async throws {
            let server = try await RunningServer.start(articles: (1...5).map { Fixture.article($0) })
            let first = try await server.get("/v1/segments/0")
            #expect(first.status == 200)
            #expect(first.headers["Cache-Control"] == "public, max-age=31536000, immutable")
            #expect(first.headers["Content-Type"] == "application/x-ndjson")
            #expect(first.headers["Vary"] == "Accept-Encoding")
            let changes = try NewsJSON.decodeLines(Change.self, from: first.body)
            #expect(changes.map(\.seq) == [1, 2, 3, 4])
            let etag = try #require(first.headers["ETag"])
            #expect(!etag.hasPrefix("W/"))

            // Later writes, including a revision of an article in segment 0, land in later segments.
            _ = try server.storage.importArticles([Fixture.article(2, title: "Ferry timetable change 2 (corrected)"), Fixture.article(9)])
            _ = try server.storage.deleteArticle(id: "tide-3", reason: .retracted)
            let later = try await server.get("/v1/segments/0")
            #expect(later.body == first.body)
            #expect(later.headers["ETag"] == etag)
            #expect(try await server.get("/v1/segments/0", headers: ["If-None-Match": etag]).status == 304)

            let next = try await server.get("/v1/segments/1")
            let tail = try NewsJSON.decodeLines(Change.self, from: next.body)
            #expect(tail.map(\.seq) == [5, 6, 7, 8])
            guard case .put(_, let revised) = tail[1] else { Issue.record("expected a put"); return }
            #expect(revised.rev == 2 && revised.changedFields == ["title"])
            guard case .del(_, "tide-3", .retracted) = tail[3] else { Issue.record("expected the tombstone"); return }
            await server.stop()
        }

        @Test func openSegmentIsShortLivedAndRevalidates() async throws {
            let server = try await RunningServer.start(articles: (1...5).map { Fixture.article($0) })
            let open = try await server.get("/v1/segments/1")
            #expect(open.headers["Cache-Control"] == "public, max-age=2, stale-while-revalidate=5")
            let etag = try #require(open.headers["ETag"])
            #expect(try await server.get("/v1/segments/1", headers: ["If-None-Match": etag]).status == 304)
            _ = try server.storage.importArticles([Fixture.article(6)])
            let grown = try await server.get("/v1/segments/1", headers: ["If-None-Match": etag])
            #expect(grown.status == 200)
            #expect(try NewsJSON.decodeLines(Change.self, from: grown.body).map(\.seq) == [5, 6])
            // Filled up, it becomes sealed: the open version cached earlier must not answer for it.
            _ = try server.storage.importArticles([Fixture.article(7), Fixture.article(8)])
            let sealed = try await server.get("/v1/segments/1")
            #expect(try NewsJSON.decodeLines(Change.self, from: sealed.body).map(\.seq) == [5, 6, 7, 8])
            #expect(sealed.headers["Cache-Control"] == "public, max-age=31536000, immutable")
            await server.stop()
        }

        @Test func badAndUnknownSegmentsAreProblems() async throws {
            let server = try await RunningServer.start(articles: [Fixture.article(1)])
            let bad = try await server.get("/v1/segments/-1")
            #expect(bad.status == 400)
            #expect(try Fixture.problem(bad).detail?.contains("segment number") == true)
            let beyond = try await server.get("/v1/segments/9")
            #expect(beyond.status == 404)
            #expect(try Fixture.problem(beyond).title == "Beyond head")
            let unknown = try await server.get("/v1/nothing-here")
            #expect(unknown.status == 404)
            #expect(try Fixture.problem(unknown).status == 404)
            let health = try await server.get("/healthz")
            #expect(String(decoding: health.body, as: UTF8.self) == #"{"head":1,"status":"ok"}"#)
            await server.stop()
        }

        @Test func importWritesRevisionsOnlyForChangedContent() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).sqlite").path
            let storage = try SQLiteFeedStorage(path: path)
            var first = try storage.importArticles([Fixture.article(1), Fixture.article(2)])
            #expect(first.added == 2 && first.head == 2)
            first = try storage.importArticles([Fixture.article(1), Fixture.article(2)])
            #expect(first.unchanged == 2 && first.head == 2)
            var edited = Fixture.article(1)
            edited.rev = 40  // a client's rev is ignored; the server counts
            edited.blocks.append(.paragraph(text: "Update: the first sailing is cancelled.", citations: []))
            let revised = try storage.importArticles([edited])
            #expect(revised.revised == 1 && revised.head == 3)
            let line = try #require(try storage.logLines(in: 3...3).first)
            guard case .put(3, let logged) = try NewsJSON.decode(Change.self, from: line) else { Issue.record("not a put"); return }
            #expect(logged.rev == 2)
            #expect(logged.changedFields == ["blocks"])
            #expect(logged.contentHash == edited.computeContentHash())
        }
    }
}
