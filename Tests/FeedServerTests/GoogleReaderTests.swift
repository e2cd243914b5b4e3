@testable import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import Testing

extension FeedServerTests {
    /// The Google Reader API: sign-in, lists, streams and paging, marks shared with the Paperboy protocol.
    @Suite struct GoogleReader {
        static let articles = (1...5).map { Fixture.article($0) } + [Fixture.article(9, source: Fixture.other, title: "Quay crane delivery")]
            .map { article in
                var article = article
                article.id = "quay-9"
                return article
            }

        static func items(_ response: HTTPResponse) throws -> [[String: Any]] {
            try #require(try AppForm.object(response)["items"] as? [[String: Any]])
        }

        @Test func signInRefusesWrongPasswordsAndUnknownTokensInPlainText() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            _ = try server.addAppUser("alice")
            let auth = try await server.readerLogin("alice")
            #expect(!auth.contains(where: { "&+%=# ".contains($0) }))
            let wrong = try await server.send(.post, "/accounts/ClientLogin", body: "Email=alice&Passwd=wrong+horse")
            #expect(wrong.status == 401)
            #expect(AppForm.text(wrong).hasPrefix("Error=BadAuthentication"))
            #expect(try await server.send(.post, "/accounts/ClientLogin", body: "Email=nobody&Passwd=correct+horse").status == 401)
            let none = try await server.get("/reader/api/0/user-info")
            #expect(none.status == 401)
            #expect(none.headers["Content-Type"]?.hasPrefix("text/plain") == true)
            #expect(try await server.reader(.get, "/reader/api/0/user-info", auth: auth + "0").status == 401)
            let info = try AppForm.object(try await server.reader(.get, "/reader/api/0/user-info", auth: auth))
            #expect(info["userName"] as? String == "alice")
            // Repeated slashes count as one, as clients joining "http://host/" and "/accounts/…" send them.
            let doubled = try await server.send(.post, "//accounts/ClientLogin", body: "Email=alice&Passwd=correct%20horse")
            #expect(doubled.status == 200)
            // A new password signs out every app.
            try server.storage.setPasswordHash(userName: "alice", hash: AppPassword.hash("battery staple"))
            #expect(try await server.reader(.get, "/reader/api/0/user-info", auth: auth).status == 401)
            await server.stop()
        }

        @Test func subscriptionsAreOutletsWithIdsFormsCanCarry() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            _ = try server.addAppUser("alice")
            let auth = try await server.readerLogin("alice")
            let list = try AppForm.object(try await server.reader(.get, "/reader/api/0/subscription/list?output=json", auth: auth))
            let subscriptions = try #require(list["subscriptions"] as? [[String: Any]])
            #expect(subscriptions.compactMap { $0["title"] as? String } == ["Quay Ledger", "Tide Gazette"])
            for id in subscriptions.compactMap({ $0["id"] as? String }) {
                #expect(id.hasPrefix("feed/") && !id.contains(where: { "&+%=#".contains($0) }))
            }
            let counts = try AppForm.object(try await server.reader(.get, "/reader/api/0/unread-count", auth: auth))
            let byId = Dictionary(uniqueKeysWithValues: try #require(counts["unreadcounts"] as? [[String: Any]]).map { ($0["id"] as? String ?? "", $0["count"] as? Int) })
            #expect(byId["user/-/state/com.google/reading-list"] == 6)
            #expect(byId["feed/1"] == 5 && byId["feed/2"] == 1)
            await server.stop()
        }

        @Test func streamsPageWithContinuationsInBothOrders() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            _ = try server.addAppUser("alice")
            let auth = try await server.readerLogin("alice")
            var seen: [String] = []
            var path = "/reader/api/0/stream/contents/feed/1?n=2"
            for expected in [2, 2, 1] {
                let page = try AppForm.object(try await server.reader(.get, path, auth: auth))
                let items = try #require(page["items"] as? [[String: Any]])
                #expect(items.count == expected)
                seen += items.compactMap { $0["title"] as? String }
                guard let continuation = page["continuation"] as? String else { break }
                path = "/reader/api/0/stream/contents/feed%2F1?n=2&c=\(continuation)"
            }
            #expect(seen == (1...5).reversed().map { "Ferry timetable change \($0)" })
            let oldest = try Self.items(try await server.reader(.get, "/reader/api/0/stream/contents/feed/1?r=o&n=1", auth: auth))
            #expect(oldest.first?["title"] as? String == "Ferry timetable change 1")
            for bad in ["n=0", "n=abc", "c=nonsense", "ot=-1"] {
                #expect(try await server.reader(.get, "/reader/api/0/stream/contents/feed/1?\(bad)", auth: auth).status == 400)
            }
            #expect(try await server.reader(.get, "/reader/api/0/stream/contents/bogus/stream", auth: auth).status == 400)
            await server.stop()
        }

        @Test func itemIdsAreStableAndAcceptedInBothForms() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            _ = try server.addAppUser("alice")
            let auth = try await server.readerLogin("alice")
            let refs = try #require(try AppForm.object(try await server.reader(.get, "/reader/api/0/stream/items/ids?s=feed/1&n=10", auth: auth))["itemRefs"] as? [[String: Any]])
            let ids = refs.compactMap { $0["id"] as? String }
            #expect(ids.count == 5 && ids.allSatisfy { Int64($0) != nil })
            let long = ReaderStream.longItemId(try #require(Int64(ids[0])))
            let contents = try await server.reader(.post, "/reader/api/0/stream/items/contents", auth: auth, form: "i=\(ids[1])&i=\(long)")
            let items = try Self.items(contents)
            #expect(Set(items.compactMap { $0["id"] as? String }) == [long, ReaderStream.longItemId(Int64(ids[1])!)])
            // The same article keeps its id when it is revised.
            var revised = Fixture.article(5)
            revised.title = "Ferry timetable change 5, corrected"
            _ = try server.storage.importArticles([revised])
            let again = try #require(try AppForm.object(try await server.reader(.get, "/reader/api/0/stream/items/ids?s=feed/1&n=10", auth: auth))["itemRefs"] as? [[String: Any]])
            #expect(Set(again.compactMap { $0["id"] as? String }) == Set(ids))
            #expect(try await server.reader(.post, "/reader/api/0/stream/items/contents", auth: auth, form: "i=tag:google.com,2005:reader/item/xyz").status == 400)
            let tooMany = (0...AppRequests.maxItemsPerRequest).map { "i=\($0)" }.joined(separator: "&")
            #expect(try await server.reader(.post, "/reader/api/0/stream/items/contents", auth: auth, form: tooMany).status == 413)
            await server.stop()
        }

        @Test func marksAreIdempotentAndSyncedThroughTheProtocol() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            let token = try server.addAppUser("alice")
            let auth = try await server.readerLogin("alice")
            let edit = AppForm.text(try await server.reader(.get, "/reader/api/0/token", auth: auth))
            let first = try #require(try Self.items(try await server.reader(.get, "/reader/api/0/stream/contents/feed/1?n=1", auth: auth)).first?["id"] as? String)
            let read = "i=\(first)&a=user/-/state/com.google/read&r=user/-/state/com.google/kept-unread&ac=edit&T=\(edit)"
            for _ in 0..<2 { #expect(AppForm.text(try await server.reader(.post, "/reader/api/0/edit-tag", auth: auth, form: read)) == "OK") }
            #expect(try await server.protocolState(token: token)["tide-5"]?.isRead == true)
            let unreadOnly = try Self.items(try await server.reader(.get, "/reader/api/0/stream/contents/feed/1?xt=user/-/state/com.google/read", auth: auth))
            #expect(unreadOnly.count == 4)
            let star = "i=\(first)&a=user/-/state/com.google/starred&T=\(edit)"
            _ = try await server.reader(.post, "/reader/api/0/edit-tag", auth: auth, form: star)
            #expect(try await server.protocolState(token: token)["tide-5"]?.isStarred == true)
            let unread = "i=\(first)&r=user/-/state/com.google/read&a=user/-/state/com.google/kept-unread&T=\(edit)"
            _ = try await server.reader(.post, "/reader/api/0/edit-tag", auth: auth, form: unread)
            let state = try #require(try await server.protocolState(token: token)["tide-5"])
            #expect(!state.isRead && state.isStarred)
            #expect(state.read?.hlc.node == "server")
            #expect(try await server.reader(.post, "/reader/api/0/edit-tag", auth: auth, form: read.replacingOccurrences(of: edit, with: "stale")).status == 401)
            await server.stop()
        }

        @Test func markAllAsReadCoversOneSubscriptionAndProtocolMarksShow() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            let token = try server.addAppUser("alice")
            let auth = try await server.readerLogin("alice")
            #expect(try await server.reader(.post, "/reader/api/0/mark-all-as-read", auth: auth, form: "s=feed/1").status == 200)
            let state = try await server.protocolState(token: token)
            #expect((1...5).allSatisfy { state["tide-\($0)"]?.isRead == true } && state["quay-9"] == nil)
            #expect(try await server.reader(.post, "/reader/api/0/mark-all-as-read", auth: auth, form: "s=nowhere").status == 400)
            // A mark made by a Paperboy client shows in the app's next look.
            let batch = FeedServerTests.State.batch("phone", [FeedServerTests.State.set(1, "quay-9", "read", true, FeedServerTests.State.hlc(Timestamp.now().epochMilliseconds, "phone"))])
            #expect(try await server.post("/v1/state/mutations", token: token, json: batch).status == 200)
            let items = try Self.items(try await server.reader(.get, "/reader/api/0/stream/contents/feed/2", auth: auth))
            #expect((items.first?["categories"] as? [String])?.contains("user/-/state/com.google/read") == true)
            await server.stop()
        }

        @Test func atomStreamRevalidatesUntilTheUsersStateChanges() async throws {
            let server = try await RunningServer.start(articles: Self.articles)
            _ = try server.addAppUser("alice")
            let auth = try await server.readerLogin("alice")
            let first = try await server.reader(.get, "/reader/atom/feed%2F2?n=20", auth: auth)
            #expect(first.status == 200)
            let xml = AppForm.text(first)
            #expect(xml.contains("label=\"fresh\"") && xml.contains("Quay crane delivery"))
            let etag = try #require(first.headers["ETag"])
            let again = try await server.send(.get, "/reader/atom/feed%2F2?n=20", headers: ["Authorization": "GoogleLogin auth=\(auth)", "If-None-Match": etag])
            #expect(again.status == 304)
            _ = try await server.reader(.post, "/reader/api/0/mark-all-as-read", auth: auth, form: "s=feed/2")
            let after = try await server.send(.get, "/reader/atom/feed%2F2?n=20", headers: ["Authorization": "GoogleLogin auth=\(auth)", "If-None-Match": etag])
            #expect(after.status == 200 && AppForm.text(after).contains("label=\"read\""))
            await server.stop()
        }

        @Test func storiesAreLabelsAndAnAtomFeed() async throws {
            let shared = "Harbour authority closes the north pier after storm damage to the ferry berth"
            var gazette = Fixture.article(20, title: shared)
            var ledger = Fixture.article(21, source: Fixture.other, title: shared)
            ledger.id = "quay-21"
            gazette.url = "https://tide-gazette.example/pier"
            ledger.url = "https://quay-ledger.example/pier"
            let server = try await RunningServer.start(articles: [gazette, ledger])
            _ = try server.addAppUser("alice")
            let auth = try await server.readerLogin("alice")
            let tags = try #require(try AppForm.object(try await server.reader(.get, "/reader/api/0/tag/list", auth: auth))["tags"] as? [[String: Any]])
            let label = "user/-/label/Story: \(shared)"
            #expect(tags.contains { $0["id"] as? String == label })
            let escaped = try #require(label.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let items = try Self.items(try await server.reader(.get, "/reader/api/0/stream/contents?s=\(escaped)", auth: auth))
            #expect(items.count == 2)
            let feed = AppForm.text(try await server.get("/stories.atom"))
            #expect(feed.contains("Story: \(shared)") && feed.contains("tide-gazette.example/pier") && feed.contains("quay-ledger.example/pier"))
            await server.stop()
        }

        @Test func requestsAndWrongPasswordsAreRateLimited() async throws {
            let server = try await RunningServer.start(articles: Self.articles) { configuration in
                configuration.stateRequestBurst = 3
                configuration.stateRequestsPerSecond = 0.001
                configuration.authFailureBurst = 2
                configuration.authFailuresPerSecond = 0.001
            }
            _ = try server.addAppUser("alice")
            let auth = try await server.readerLogin("alice")
            #expect(try await server.reader(.get, "/reader/api/0/user-info", auth: auth).status == 200)
            #expect(try await server.reader(.get, "/reader/api/0/user-info", auth: auth).status == 200)
            let limited = try await server.reader(.get, "/reader/api/0/user-info", auth: auth)
            #expect(limited.status == 429 && limited.headers["Retry-After"] != nil)
            for _ in 0..<2 { _ = try await server.send(.post, "/accounts/ClientLogin", body: "Email=alice&Passwd=guess") }
            #expect(try await server.send(.post, "/accounts/ClientLogin", body: "Email=alice&Passwd=correct+horse").status == 429)
            await server.stop()
        }
    }
}
