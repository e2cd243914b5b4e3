import Foundation
import HTTPTransport
import PaperboyTesting
import Testing
import URLSessionTransport

/// URLSessionTransport against the HTTPTransport contract, on the loopback server the libcurl
/// transport's suites use: what URLSession (FoundationNetworking on Linux) lets it honour, and what
/// it does where it cannot (see Modules/URLSessionTransport/README.md).
@Suite struct URLSessionTransportTests {
    static func transport(_ adjust: (inout URLSessionTransport.Configuration) -> Void = { _ in }) -> URLSessionTransport {
        var configuration = URLSessionTransport.Configuration.anyAddress  // the server listens on loopback
        adjust(&configuration)
        return URLSessionTransport(configuration: configuration)
    }

    @Test func streamsALargeBodyInOrderThroughASmallBuffer() async throws {
        let total: Int64 = 4 << 20
        let server = try LoopbackServer { _ in .generate(total: total) }
        defer { server.stop() }
        let transport = Self.transport { $0.streamBufferBytes = 64 * 1024 }
        let response = try await transport.stream(HTTPRequest(url: server.url("/large"), maxResponseBytes: total))
        #expect(response.head.status == 200)
        var offset: Int64 = 0
        var mismatches = 0
        for try await chunk in response.body {
            for (index, byte) in chunk.enumerated() where byte != LoopbackServer.patternByte(at: offset + Int64(index)) { mismatches += 1 }
            offset += Int64(chunk.count)
        }
        #expect(offset == total && mismatches == 0)
    }

    @Test func bodiesOverTheLimitAreRefused() async throws {
        let declared = try LoopbackServer { _ in .generate(total: 50 << 20) }
        defer { declared.stop() }
        let transport = Self.transport { $0.maxResponseBytes = 1 << 20 }
        let early = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: declared.url("/big"))) }
        #expect(early == .bodyTooLarge(limit: 1 << 20))

        let block = Data(repeating: 0x61, count: 64 * 1024)
        let chunked = try LoopbackServer { _ in .chunked(chunks: Array(repeating: block, count: 40)) }
        defer { chunked.stop() }
        let request = HTTPRequest(url: chunked.url("/big"), maxResponseBytes: 1 << 20)
        let streamed = try await transport.stream(request)
        let late = await Support.failure { () async throws(HTTPError) in for try await _ in streamed.body {} }
        #expect(late == .bodyTooLarge(limit: 1 << 20))
    }

    @Test func aRedirectLoopStopsAtTheLimit() async throws {
        let server = try LoopbackServer { _ in .respond(status: 302, headers: [("Location", "/again")]) }
        defer { server.stop() }
        let transport = Self.transport { $0.maxRedirects = 3 }
        let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/start"))) }
        #expect(error == .tooManyRedirects(limit: 3))
    }

    @Test func aSilentServerEndsInTheStallTimeout() async throws {
        let server = try LoopbackServer { _ in .stall(declaredLength: 10_000, body: Data(repeating: 0x2E, count: 1_000)) }
        defer { server.stop() }
        let transport = Self.transport { $0.stallTimeout = .seconds(1) }
        let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/slow"))) }
        #expect(error == .timedOut(.stalled, after: .seconds(1)))
    }

    @Test func aBodyCutShortIsAnErrorNeverASuccess() async throws {
        let server = try LoopbackServer { _ in .truncated(declaredLength: 5_000, body: Data(repeating: 0x41, count: 100)) }
        defer { server.stop() }
        let error = await Support.failure { () async throws(HTTPError) in try await Self.transport().send(HTTPRequest(url: server.url("/cut"))) }
        // URLSession reports the lost connection itself or completes short; both end as an error.
        #expect(error != nil)
    }

    @Test func privateAddressLiteralsAreRefusedByDefault() async throws {
        let server = try LoopbackServer { _ in .respond(status: 200, body: Data("ok".utf8)) }
        defer { server.stop() }
        let error = await Support.failure { () async throws(HTTPError) in
            try await URLSessionTransport().send(HTTPRequest(url: server.url("/x")))
        }
        guard case .refusedAddress(_, "127.0.0.1", .loopback)? = error else { Issue.record("got \(String(describing: error))"); return }
        let allowed = try await Self.transport().send(HTTPRequest(url: server.url("/x")))
        #expect(allowed.head.status == 200 && allowed.body == Data("ok".utf8))
    }

    @Test func validatorsReachTheServerAndA304ComesBack() async throws {
        let server = try LoopbackServer { request in
            request.header("If-None-Match") == "\"v1\"" ? .respond(status: 304) : .respond(status: 200, headers: [("ETag", "\"v1\"")], body: Data("body".utf8))
        }
        defer { server.stop() }
        let transport = Self.transport()
        let first = try await transport.send(HTTPRequest(url: server.url("/manifest")))
        #expect(first.head.status == 200 && first.head.headers["ETag"] == "\"v1\"")
        let second = try await transport.send(HTTPRequest(url: server.url("/manifest"), headers: ["If-None-Match": "\"v1\""]))
        #expect(second.head.isNotModified)
    }
}
