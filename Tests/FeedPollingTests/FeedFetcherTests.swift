import FeedFormats
import FeedPolling
import Foundation
import HTTPTransport
import NewsModels
import Testing

/// Shorthand for a canned reply.
func reply(_ status: Int, _ headers: HTTPHeaders = HTTPHeaders(), _ body: Data = Data()) -> CannedTransport.CannedResponse {
    .reply(status: status, headers: headers, body: body)
}

@Suite struct FeedFetcherTests {
    static let url = "https://lantern.example/feed.json"
    static let now = Timestamp(epochMilliseconds: 1_763_700_000_000)

    static func feed(_ titles: [String], dated: Bool = true) -> Data {
        let items = titles.enumerated().map { index, title in
            let date = dated ? #", "date_published": "2026-11-20T08:00:00+01:00""# : ""
            return #"{"id": "lantern-\#(index)", "title": "\#(title)", "content_text": "Lamp news number \#(index)."\#(date)}"#
        }
        return Data(#"{"version": "https://jsonfeed.org/version/1.1", "title": "Lantern", "home_page_url": "https://lantern.example/", "items": [\#(items.joined(separator: ","))]}"#.utf8)
    }

    @Test func firstPollParsesAndRemembersValidators() async throws {
        let transport = CannedTransport([reply(200, ["ETag": "\"a1\"", "Last-Modified": "Thu, 20 Nov 2026 07:00:00 GMT"], Self.feed(["Wick prices fall"]))])
        let outcome = try await FeedFetcher(transport: transport).poll(Self.url, memory: FeedPollMemory(), now: Self.now)
        guard case let .parsed(result, undated, memory) = outcome else { Issue.record("expected a parse, got \(outcome)"); return }
        #expect(result.articles.map(\.title) == ["Wick prices fall"])
        #expect(undated.isEmpty)
        #expect(memory.validators == HTTPValidators(etag: "\"a1\"", lastModified: "Thu, 20 Nov 2026 07:00:00 GMT"))
        #expect(memory.validatorsAt == Self.now)
        #expect(memory.bodyHash == SHA256.hex(Self.feed(["Wick prices fall"])))
        #expect(transport.requests.first?.headers["If-None-Match"] == nil)
    }

    @Test func freshValidatorsMakeTheRequestConditional() async throws {
        let transport = CannedTransport([reply(304, [:], Data())])
        let memory = FeedPollMemory(validators: HTTPValidators(etag: "\"a1\""), validatorsAt: Self.now, bodyHash: "x")
        let outcome = try await FeedFetcher(transport: transport).poll(Self.url, memory: memory, now: Self.now)
        guard case let .notModified(kept) = outcome else { Issue.record("expected 304, got \(outcome)"); return }
        #expect(kept == memory)
        #expect(transport.requests.first?.headers["If-None-Match"] == "\"a1\"")
    }

    @Test func validatorsOlderThanAWeekAreDropped() async throws {
        let body = Self.feed(["Wick prices fall"])
        let transport = CannedTransport([reply(200, [:], body)])
        let eightDaysAgo = Timestamp(epochMilliseconds: Self.now.epochMilliseconds - 8 * 86_400_000)
        let memory = FeedPollMemory(validators: HTTPValidators(etag: "\"old\""), validatorsAt: eightDaysAgo, bodyHash: SHA256.hex(body))
        let outcome = try await FeedFetcher(transport: transport).poll(Self.url, memory: memory, now: Self.now)
        #expect(transport.requests.first?.headers["If-None-Match"] == nil)
        guard case let .unchanged(next) = outcome else { Issue.record("expected an unchanged body, got \(outcome)"); return }
        #expect(next.validators == nil && next.validatorsAt == nil)
    }

    @Test func undatedItemsAreMarked() async throws {
        let transport = CannedTransport([reply(200, [:], Self.feed(["Undated lamp"], dated: false))])
        let outcome = try await FeedFetcher(transport: transport).poll(Self.url, memory: FeedPollMemory(), now: Self.now)
        guard case let .parsed(result, undated, _) = outcome else { Issue.record("expected a parse, got \(outcome)"); return }
        #expect(result.articles.first?.publishedAt == Self.now)
        #expect(undated == Set(result.articles.map(\.id)))
    }

    @Test func errorsNameTheProblem() async throws {
        let fetcher = FeedFetcher(transport: CannedTransport([
            reply(503, ["Retry-After": "120"], Data("busy".utf8)),
            reply(200, [:], Data("<html><body>Not a feed</body></html>".utf8)),
        ]))
        await #expect {
            _ = try await fetcher.poll(Self.url, memory: FeedPollMemory(), now: Self.now)
        } throws: { error in
            (error as? FeedPollError)?.retryAfter == .seconds(120)
        }
        await #expect {
            _ = try await fetcher.poll(Self.url, memory: FeedPollMemory(), now: Self.now)
        } throws: { error in
            "\(error)" == "not a feed: this is an HTML page, not RSS, Atom or JSON Feed"
        }
        await #expect(throws: FeedPollError.self) {
            _ = try await fetcher.poll("ftp://lantern.example/feed", memory: FeedPollMemory(), now: Self.now)
        }
    }

    @Test func backoffDoublesUpToADayAndHonoursRetryAfter() {
        let policy = PollBackoff(interval: .seconds(900))
        #expect(policy.delay(failures: 0) == .seconds(900))
        #expect(policy.delay(failures: 2) == .seconds(3600))
        #expect(policy.delay(failures: 30) == .seconds(86_400))
        #expect(policy.delay(failures: 0, retryAfter: .seconds(5000)) == .seconds(5000))
    }
}
