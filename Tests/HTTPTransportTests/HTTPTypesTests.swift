import Foundation
import HTTPTransport
import Testing

@Suite struct HTTPTypesTests {
    @Suite struct Headers {
        @Test func lookupIgnoresCaseAndKeepsOrder() {
            var headers: HTTPHeaders = ["Content-Type": "text/plain"]
            headers.add(name: "Link", value: "<a>")
            headers.add(name: "link", value: "<b>")
            #expect(headers["content-type"] == "text/plain")
            #expect(headers.values(for: "LINK") == ["<a>", "<b>"])
            headers["Link"] = "<c>"
            #expect(headers.values(for: "link") == ["<c>"])
            headers.remove(name: "CONTENT-TYPE")
            #expect(headers.count == 1 && !headers.contains("content-type"))
        }
    }

    @Suite struct Conditional {
        let url = URL(string: "https://news.example/v1/manifest")!

        @Test func conditionalRequestCarriesBothValidators() {
            let validators = HTTPValidators(etag: "W/\"m-9\"", lastModified: "Sat, 21 Nov 2026 06:00:00 GMT")
            let request = HTTPRequest(url: url).conditional(on: validators)
            #expect(request.headers["If-None-Match"] == "W/\"m-9\"")
            #expect(request.headers["If-Modified-Since"] == "Sat, 21 Nov 2026 06:00:00 GMT")
            #expect(HTTPRequest(url: url).conditional(on: nil) == HTTPRequest(url: url))
        }

        @Test func validatorsComeFromTheResponseOrArePreserved() {
            let head = HTTPResponseHead(status: 200, headers: ["ETag": "\"x\""], url: url, version: .http2)
            #expect(HTTPValidators(head) == HTTPValidators(etag: "\"x\""))
            let bare = HTTPResponse(head: HTTPResponseHead(status: 304, headers: [:], url: url, version: .http2), body: Data())
            #expect(bare.validators(replacing: HTTPValidators(etag: "\"old\"")) == HTTPValidators(etag: "\"old\""))
        }
    }

    @Suite struct Errors {
        let url = URL(string: "https://news.example/v1/segments/3")!

        @Test func retryAfterAcceptsSecondsAndDates() throws {
            let now = try #require(ISO8601DateFormatter().date(from: "2026-11-21T06:00:00Z"))
            #expect(RetryAfter.parse(" 120 ", now: now) == .seconds(120))
            #expect(RetryAfter.parse("Sat, 21 Nov 2026 06:00:30 GMT", now: now) == .seconds(30))
            #expect(RetryAfter.parse("Fri, 20 Nov 2026 06:00:30 GMT", now: now) == .seconds(0))
            #expect(RetryAfter.parse("soon", now: now) == nil)
            #expect(RetryAfter.parse("-5", now: now) == nil)
        }

        @Test func excerptIsCleanedAndBounded() {
            let body = Data(("\u{1B}]0;pwned\u{07}Gateway \u{202E}timeout\r\n" + String(repeating: "x", count: 500)).utf8)
            let head = HTTPResponseHead(status: 502, headers: [:], url: url, version: .http1_1)
            let failure = HTTPStatusFailure(head: head, body: body)
            #expect(failure.excerpt.hasPrefix("]0;pwned Gateway timeout xxx"))
            #expect(failure.excerpt.count == 201)
            #expect(!failure.excerpt.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{202E}" })
        }

        @Test func problemJSONUsesTitleAndDetail() {
            let body = Data(#"{"type":"about:blank","title":"Gone","status":410,"detail":"segment 3 was compacted"}"#.utf8)
            let head = HTTPResponseHead(status: 410, headers: [:], url: url, version: .http2)
            let error = HTTPError.status(HTTPStatusFailure(head: head, body: body))
            #expect(error.description == "server answered 410 for /v1/segments/3: Gone: segment 3 was compacted")
            #expect(!error.isRetryable)
        }

        @Test func requireSuccessAcceptsSuccessAndNotModifiedOnly() {
            for status in [200, 204, 304] {
                let response = HTTPResponse(head: HTTPResponseHead(status: status, headers: [:], url: url, version: .http2), body: Data())
                #expect(throws: Never.self) { try response.requireSuccess() }
            }
            for status in [301, 404, 429, 500] {
                let response = HTTPResponse(head: HTTPResponseHead(status: status, headers: [:], url: url, version: .http2), body: Data())
                #expect(throws: HTTPError.self) { try response.requireSuccess() }
            }
        }

        @Test func retryableFollowsTheProtocol() {
            func status(_ code: Int) -> HTTPError { .status(HTTPStatusFailure(status: code, url: url, excerpt: "")) }
            #expect(status(408).isRetryable && status(429).isRetryable && status(503).isRetryable)
            #expect(!status(400).isRetryable && !status(401).isRetryable && !status(413).isRetryable)
            #expect(HTTPError.timedOut(.stalled, after: .seconds(30)).isRetryable)
            #expect(HTTPError.badContentEncoding(detail: "invalid code lengths set").isRetryable)
            #expect(!HTTPError.tlsFailure(host: "a", detail: "b").isRetryable)
        }

        @Test func descriptionsAreOneLine() {
            let errors: [HTTPError] = [
                .invalidURL("x"), .invalidRequest(detail: "y"), .dnsFailure(host: "h"), .connectionRefused(host: "h", port: 1),
                .timedOut(.connect, after: .seconds(10)), .timedOut(.stalled, after: .milliseconds(1500)),
                .timedOut(.total, after: .seconds(60)), .tlsFailure(host: "h", detail: "d"), .tooManyRedirects(limit: 5),
                .bodyTooLarge(limit: 64 << 20), .bodyTooLarge(limit: 1000), .truncatedBody(received: 1, expected: 2),
                .truncatedBody(received: 1, expected: nil), .badContentEncoding(detail: "d"), .proxyFailure(detail: "d"),
                .cancelled, .network(detail: "d"),
            ]
            for error in errors {
                #expect(!error.description.contains("\n") && !error.description.isEmpty)
            }
            #expect(HTTPError.timedOut(.stalled, after: .milliseconds(1500)).description.contains("1.5 s"))
            #expect(HTTPError.bodyTooLarge(limit: 1000).description.contains("1000-byte"))
        }
    }
}
