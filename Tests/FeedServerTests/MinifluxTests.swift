@testable import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import Testing

extension FeedServerTests {
    /// Miniflux's v1 API under /miniflux/: authentication, feeds, entry filters and paging, marks.
    @Suite struct Miniflux {
        static let articles = GoogleReader.articles

        static func entries(_ response: HTTPResponse) throws -> (total: Int, entries: [[String: Any]]) {
            let object = try AppForm.object(response)
            return (try #require(object["total"] as? Int), try #require(object["entries"] as? [[String: Any]]))
        }

        @Test func basicAuthAndDeviceTokensSignInAndFailuresAreJSON() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            let token = try server.addAppUser("alice")
            let me = try AppForm.object(try await server.miniflux(.get, "me", user: "alice"))
            #expect(me["username"] as? String == "alice")
            let wrong = try await server.miniflux(.get, "me", user: "alice", password: "wrong horse")
            #expect(wrong.status == 401)
            #expect((try AppForm.object(wrong))["error_message"] as? String != nil)
            #expect(try await server.send(.get, "/miniflux/v1/me").status == 401)
            #expect(try await server.send(.get, "/miniflux/v1/me", headers: ["X-Auth-Token": token]).status == 200)
            #expect(try await server.send(.get, "/miniflux/v1/me", headers: ["X-Auth-Token": "pb_unknown"]).status == 401)
            await server.stop()
        }

        @Test func feedsAndCategoriesCarryWhatClientsRequire() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            _ = try server.addAppUser("alice")
            let feeds = try AppForm.array(try await server.miniflux(.get, "feeds", user: "alice"))
            #expect(feeds.count == 2)
            for feed in feeds {
                #expect(feed["id"] as? Int != nil && feed["title"] as? String != nil && feed["feed_url"] as? String != nil)
                #expect((feed["category"] as? [String: Any])?["id"] as? Int == 1)
            }
            // Repeated slashes count as one ("…/miniflux/" joined with "/v1/categories").
            let categories = try AppForm.array(try await server.send(
                .get, "/miniflux//v1/categories", headers: ["Authorization": "Basic " + Data("alice:correct horse".utf8).base64EncodedString()]))
            #expect(categories.map { $0["id"] as? Int } == [1])
            #expect(try await server.miniflux(.get, "feeds/99/entries", user: "alice").status == 404)
            #expect(try await server.miniflux(.get, "feeds/x/entries", user: "alice").status == 400)
            await server.stop()
        }

        @Test func entriesFilterAndPage() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            _ = try server.addAppUser("alice")
            let all = try Self.entries(try await server.miniflux(.get, "feeds/1/entries?order=published_at&direction=desc", user: "alice"))
            #expect(all.total == 5 && all.entries.count == 5)
            #expect(all.entries.first?["title"] as? String == "Ferry timetable change 5")
            #expect(all.entries.allSatisfy { ($0["id"] as? Int).map { $0 > 0 && $0 <= Int(Int32.max) } == true })
            #expect(all.entries.allSatisfy { $0["published_at"] is String })
            let page = try Self.entries(try await server.miniflux(.get, "entries?limit=2&offset=2&order=id&direction=asc", user: "alice"))
            #expect(page.total == 6 && page.entries.count == 2)
            let ids = all.entries.compactMap { $0["id"] as? Int }.sorted()
            let after = try Self.entries(try await server.miniflux(.get, "entries?after_entry_id=\(ids[2])&feed_id=1", user: "alice"))
            #expect(after.entries.allSatisfy { ($0["id"] as? Int ?? 0) > ids[2] })
            for bad in ["limit=-1", "status=gone", "direction=up", "order=mood", "starred=maybe"] {
                #expect(try await server.miniflux(.get, "entries?\(bad)", user: "alice").status == 400)
            }
            let unread = try Self.entries(try await server.miniflux(.get, "entries?status=unread&starred=false", user: "alice"))
            #expect(unread.total == 6)
            await server.stop()
        }

        @Test func statusAndBookmarksAreTheProtocolsState() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            let token = try server.addAppUser("alice")
            let all = try Self.entries(try await server.miniflux(.get, "feeds/1/entries", user: "alice"))
            let ids = all.entries.compactMap { $0["id"] as? Int }
            // newsboat sends JSON labelled as a form; the body is read as JSON whatever its type says.
            let body = #"{"entry_ids":[\#(ids[0]),\#(ids[1])],"status":"read"}"#
            for _ in 0..<2 {
                let response = try await server.send(.put, "/miniflux/v1/entries", headers: [
                    "Authorization": "Basic " + Data("alice:correct horse".utf8).base64EncodedString(),
                    "Content-Type": "application/x-www-form-urlencoded",
                ], body: body)
                #expect(response.status == 204)
            }
            let state = try await server.protocolState(token: token)
            #expect(state.values.filter(\.isRead).count == 2)
            let read = try Self.entries(try await server.miniflux(.get, "entries?status=read", user: "alice"))
            #expect(Set(read.entries.compactMap { $0["id"] as? Int }) == Set(ids.prefix(2)))
            #expect(try await server.miniflux(.put, "entries", user: "alice", json: #"{"entry_ids":[1],"status":"gone"}"#).status == 400)
            #expect(try await server.miniflux(.put, "entries", user: "alice", json: "not json").status == 400)
            #expect(try await server.miniflux(.put, "entries/\(ids[0])/bookmark", user: "alice").status == 204)
            let starred = try Self.entries(try await server.miniflux(.get, "entries?starred=true", user: "alice"))
            #expect(starred.entries.compactMap { $0["id"] as? Int } == [ids[0]])
            #expect(try await server.protocolState(token: token).values.filter(\.isStarred).count == 1)
            #expect(try await server.miniflux(.put, "entries/999999/bookmark", user: "alice").status == 404)
            await server.stop()
        }
    }
}
