import CurlTransport
import Foundation
import HTTPTransport
import NewsModels
import Testing

@Suite struct CurlTransportTests {
    /// Plain successful exchanges: status, body, headers, methods, validators, redirects.
    @Suite struct Responses {
        @Test func getReturnsStatusBodyAndHeaders() async throws {
            let server = try LoopbackServer { _ in
                .respond(status: 200, headers: [("Content-Type", "text/plain"), ("X-Edition", "morning")], body: Data("hello harbour".utf8))
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let response = try await transport.send(HTTPRequest(url: server.url("/greeting")))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "hello harbour")
            #expect(response.headers["x-edition"] == "morning")
            #expect(response.head.version == .http1_1)
            let seen = try #require(server.requests.first)
            #expect(seen.header("User-Agent") == "paperboy/\(PaperboyVersion.current)")
            let accepted = seen.header("Accept-Encoding") ?? ""
            #expect(accepted.contains("zstd") && accepted.contains("br") && accepted.contains("gzip"))
        }

        @Test func postSendsBodyAndHeaders() async throws {
            let server = try LoopbackServer { request in
                .respond(status: 201, body: Data("\(request.method) \(request.header("X-Client") ?? "") ".utf8) + request.body)
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let payload = Data(#"{"clientId":"c1","mutations":[]}"#.utf8)
            let request = HTTPRequest(method: .post, url: server.url("/v1/state/mutations"), headers: ["X-Client": "c1"], body: payload)
            let response = try await transport.send(request)
            #expect(response.status == 201)
            #expect(response.body == Data("POST c1 ".utf8) + payload)
            #expect(server.requests.first?.header("Expect") == nil)
        }

        @Test func headAndCustomMethods() async throws {
            let server = try LoopbackServer { request in
                request.method == "HEAD"
                    ? .respond(status: 200, headers: [("Content-Length", "5")])
                    : .respond(status: 200, body: Data(request.method.utf8))
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let head = try await transport.send(HTTPRequest(method: .head, url: server.url("/x")))
            #expect(head.status == 200 && head.body.isEmpty)
            let delete = try await transport.send(HTTPRequest(method: .delete, url: server.url("/x")))
            #expect(delete.body == Data("DELETE".utf8))
        }

        @Test func notModifiedWithValidators() async throws {
            let etag = "\"seg-7-v3\""
            let lastModified = "Sat, 21 Nov 2026 06:00:00 GMT"
            let server = try LoopbackServer { request in
                if request.header("If-None-Match") == etag && request.header("If-Modified-Since") == lastModified {
                    return .respond(status: 304, headers: [("ETag", etag)])
                }
                return .respond(status: 200, headers: [("ETag", etag), ("Last-Modified", lastModified)], body: Data("segment".utf8))
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let request = HTTPRequest(url: server.url("/v1/segments/7"))
            let first = try await transport.send(request)
            let validators = try #require(first.validators(replacing: nil))
            #expect(validators == HTTPValidators(etag: etag, lastModified: lastModified))

            let second = try await transport.send(request.conditional(on: validators))
            #expect(second.status == 304)
            #expect(second.head.isNotModified && second.body.isEmpty)
            #expect(try second.requireSuccess().status == 304)
            // The 304 repeated only the ETag; the stored Last-Modified must survive.
            #expect(second.validators(replacing: validators)?.etag == etag)
            #expect(second.validators(replacing: validators)?.lastModified == nil)
            #expect(HTTPResponse(head: second.head, body: Data()).validators(replacing: validators) != nil)
        }

        @Test func followsRedirectsToTheFinalURL() async throws {
            let server = try LoopbackServer { request in
                if let hops = Int(request.path.dropFirst("/hop/".count)), request.path.hasPrefix("/hop/") {
                    return .respond(status: 302, headers: [("Location", hops > 1 ? "/hop/\(hops - 1)" : "/final")])
                }
                return .respond(status: 200, body: Data("arrived".utf8))
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let response = try await transport.send(HTTPRequest(url: server.url("/hop/3")))
            #expect(response.status == 200)
            #expect(response.body == Data("arrived".utf8))
            #expect(response.head.url.path == "/final")
        }

        @Test func redirectLimit() async throws {
            let server = try LoopbackServer { request in
                .respond(status: 301, headers: [("Location", request.path == "/a" ? "/b" : "/a")])
            }
            defer { server.stop() }
            let transport = try Support.transport { $0.maxRedirects = 4 }
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/a"))) }
            #expect(error == .tooManyRedirects(limit: 4))
            #expect(server.requests.count == 5)
            #expect(error?.description.contains("too many redirects") == true)
        }

        @Test func redirectToAnotherProtocolIsRefused() async throws {
            let server = try LoopbackServer { _ in .respond(status: 302, headers: [("Location", "file:///etc/passwd")]) }
            defer { server.stop() }
            let transport = try Support.transport()
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/x"))) }
            guard case .network(let detail)? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(detail.contains("only http and https"))
        }

        @Test func errorStatusCarriesExcerptAndRetryAfter() async throws {
            let problem = #"{"type":"about:blank","title":"Busy","status":503,"detail":"try again \u001b[31mlater"}"#
            let server = try LoopbackServer { _ in
                .respond(status: 503, headers: [("Retry-After", "7"), ("Content-Type", "application/problem+json")], body: Data(problem.utf8))
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let response = try await transport.send(HTTPRequest(url: server.url("/v1/manifest")))
            #expect(response.status == 503)
            let error = await Support.failure { () async throws(HTTPError) in try response.requireSuccess() }
            guard case .status(let failure)? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(failure.excerpt == "Busy: try again [31mlater")
            #expect(failure.retryAfter == .seconds(7))
            #expect(error?.isRetryable == true)
            #expect(error?.description == "server answered 503 for /v1/manifest: Busy: try again [31mlater (retry after 7 s)")
        }

        @Test func reusesOneConnectionForSequentialRequests() async throws {
            let server = try LoopbackServer { _ in .respond(status: 200, body: Data("ok".utf8)) }
            defer { server.stop() }
            let transport = try Support.transport()
            for index in 0..<25 {
                let response = try await transport.send(HTTPRequest(url: server.url("/n/\(index)")))
                #expect(response.body == Data("ok".utf8))
            }
            #expect(server.connectionCount == 1)
        }
    }
}
