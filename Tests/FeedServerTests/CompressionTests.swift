@testable import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import NIOCore
import Testing
import PaperboyTesting

extension FeedServerTests {
    /// Content codings: negotiation, variants with their own validators, and bodies that decode back.
    @Suite struct Compression {
        @Test func negotiationPrefersZstdThenBrotliThenGzip() {
            #expect(ContentCoding.negotiate("zstd, br, gzip") == .zstd)
            #expect(ContentCoding.negotiate("gzip, br") == .br)
            #expect(ContentCoding.negotiate("gzip;q=0.5, deflate") == .gzip)
            #expect(ContentCoding.negotiate("zstd;q=0, gzip") == .gzip)
            #expect(ContentCoding.negotiate("*") == .zstd)
            #expect(ContentCoding.negotiate("*, zstd;q=0") == .br)
            #expect(ContentCoding.negotiate("identity") == .identity)
            #expect(ContentCoding.negotiate("") == .identity)
            #expect(ContentCoding.negotiate(nil) == .identity)
        }

        @Test func validatorsNameTheCodingButMatchAcrossCodings() {
            #expect(ContentCoding.zstd.tag("\"abc\"") == "\"abc-zstd\"")
            #expect(ContentCoding.identity.tag("\"abc\"") == "\"abc\"")
            #expect(ContentCoding.baseTag("\"abc-gzip\"") == "\"abc\"")
            #expect(ContentCoding.baseTag("W/\"abc-br\"") == "\"abc\"")
        }

        @Test(arguments: ["zstd", "br", "gzip"])
        func sealedSegmentIsServedCompressedInEachCoding(_ coding: String) async throws {
            let server = try await RunningServer.start(articles: (1...6).map { Fixture.article($0) })
            let plain = try await server.get("/v1/segments/0", headers: ["Accept-Encoding": "identity"])
            #expect(plain.headers["Content-Encoding"] == nil)
            let plainTag = try #require(plain.headers["ETag"])

            // libcurl decodes, so the body compares with the plain one; Content-Length is the wire size.
            for _ in 0..<2 {
                let coded = try await server.get("/v1/segments/0", headers: ["Accept-Encoding": coding])
                #expect(coded.status == 200)
                #expect(coded.headers["Content-Encoding"] == coding)
                #expect(coded.headers["Vary"] == "Accept-Encoding")
                #expect(coded.body == plain.body)
                let wire = try #require(coded.headers["Content-Length"].flatMap { Int($0) })
                #expect(wire < plain.body.count / 2)
                let tag = try #require(coded.headers["ETag"])
                #expect(tag == String(plainTag.dropLast()) + "-\(coding)\"")
                // A validator from either representation revalidates.
                let revalidated = try await server.get("/v1/segments/0", headers: ["Accept-Encoding": coding, "If-None-Match": plainTag])
                #expect(revalidated.status == 304 && revalidated.headers["ETag"] == tag)
            }
            await server.stop()
        }

        @Test func cacheUnderPressureKeepsCompressedVariantsAndReloadsPlainBytes() async throws {
            // Room for about one segment's plain bytes: the others keep only their zstd variants.
            let server = try await RunningServer.start(segmentSize: 6, articles: (1...24).map { Fixture.article($0) }) {
                $0.bodyCacheBytes = 3000
            }
            var zstdTags: [String] = []
            for segment in 0..<3 {
                let coded = try await server.get("/v1/segments/\(segment)", headers: ["Accept-Encoding": "zstd"])
                zstdTags.append(try #require(coded.headers["ETag"]))
            }
            for segment in 0..<3 {
                let plain = try await server.get("/v1/segments/\(segment)", headers: ["Accept-Encoding": "identity"])
                let coded = try await server.get("/v1/segments/\(segment)", headers: ["Accept-Encoding": "zstd"])
                #expect(plain.status == 200 && plain.body == coded.body)
                #expect(plain.body.split(separator: UInt8(ascii: "\n")).count == 6)
                #expect(coded.headers["ETag"] == zstdTags[segment])
                #expect(plain.headers["ETag"] == String(zstdTags[segment].dropLast(6)) + "\"")
            }
            await server.stop()
        }

        @Test func bodyCacheDropsPlainBytesBeforeWholeEntries() async {
            let cache = BodyCache(byteLimit: 2500)
            func body(_ byte: UInt8) -> CachedBody {
                CachedBody(identity: ByteBuffer(bytes: [UInt8](repeating: byte, count: 1000)), etag: "\"\(byte)\"", immutable: true)
            }
            for index in 0..<2 {
                await cache.store(body(UInt8(index)), for: .segment(Int64(index)))
                await cache.store(ByteBuffer(bytes: [1, 2, 3]), coding: .zstd, for: .segment(Int64(index)), etag: "\"\(index)\"")
            }
            await cache.store(body(9), for: .segment(9))
            // Segment 0 (least recent) gave up its plain bytes, not its variant; nothing was dropped whole.
            #expect(await cache.body(.segment(0))?.identity == nil)
            #expect(await cache.body(.segment(0))?.encoded[.zstd] != nil)
            #expect(await cache.body(.segment(1))?.identity != nil)
            // Restoring the bytes keeps the variant computed before.
            await cache.store(body(0), for: .segment(0))
            #expect(await cache.body(.segment(0))?.encoded[.zstd] != nil)
        }

        @Test func concurrentMissesCompressOnce() async throws {
            let cache = BodyCache()
            let body = CachedBody(identity: ByteBuffer(bytes: [UInt8](repeating: 7, count: 2000)), etag: "\"b\"", immutable: true)
            await cache.store(body, for: .segment(0))
            let calls = CallCounter()
            let (gate, opener) = AsyncStream<Void>.makeStream()
            let requests = (0..<5).map { _ in
                Task {
                    await cache.variant(.zstd, of: body, for: .segment(0)) {
                        await calls.increment()
                        for await _ in gate { break }
                        return ByteBuffer(bytes: [1, 2, 3])
                    }
                }
            }
            // Whether the others joined the compression in flight or found its result, none starts another.
            try await eventually("the first compression to start") { await calls.count == 1 }
            opener.yield()
            for request in requests { #expect(await request.value == ByteBuffer(bytes: [1, 2, 3])) }
            #expect(await calls.count == 1)
        }

        @Test func openSegmentAndStatePagesAreCompressedPerRequest() async throws {
            let server = try await RunningServer.start(articles: (1...6).map { Fixture.article($0) })
            let open = try await server.get("/v1/segments/1", headers: ["Accept-Encoding": "gzip"])
            #expect(open.headers["Content-Encoding"] == "gzip")
            #expect(try NewsJSON.decodeLines(Change.self, from: open.body).map(\.seq) == [5, 6])

            let token = try server.addUser("ada")
            let marks = (1...6).map {
                #"{"mid":\#($0),"articleId":"tide-\#($0)","field":"read","value":true,"hlc":"\#(HLC(wallMillis: 1_000, counter: 0, node: "phone").description)"}"#
            }
            let batch = #"{"clientId":"phone","mutations":[\#(marks.joined(separator: ","))]}"#
            #expect(try await server.post("/v1/state/mutations", token: token, json: batch).status == 200)
            let state = try await server.get("/v1/state?after=0", token: token, headers: ["Accept-Encoding": "br"])
            #expect(state.headers["Content-Encoding"] == "br")
            #expect(try NewsJSON.decode(StatePage.self, from: state.body).changes.count == 6)

            // Small bodies are not worth a coding.
            let manifest = try await server.get("/v1/manifest", headers: ["Accept-Encoding": "gzip"])
            #expect(manifest.headers["Content-Encoding"] == nil)
            #expect(manifest.headers["Vary"] == "Accept-Encoding")
            await server.stop()
        }
    }

    /// Per-token request budget on the state endpoints.
    @Suite struct RateLimit {
        @Test func tokenOverItsBudgetGets429WithRetryAfter() async throws {
            let server = try await RunningServer.start(articles: [Fixture.article(1)]) {
                $0.stateRequestsPerSecond = 0.5
                $0.stateRequestBurst = 3
                $0.clock = TestClock()  // no refill between requests, however slow the machine
            }
            let ada = try server.addUser("ada")
            let bob = try server.addUser("bob")
            for _ in 0..<3 { #expect(try await server.get("/v1/state", token: ada).status == 200) }
            let limited = try await server.get("/v1/state", token: ada)
            #expect(limited.status == 429)
            #expect(limited.headers["Retry-After"] == "2")
            #expect(try Fixture.problem(limited).detail?.contains("retry in 2 s") == true)
            // Another token has its own budget, and content stays unlimited.
            #expect(try await server.get("/v1/state", token: bob).status == 200)
            for _ in 0..<10 { #expect(try await server.get("/v1/manifest").status == 200) }
            await server.stop()
        }

        @Test func budgetRefillsOverTime() async throws {
            let clock = TestClock()
            let limiter = TokenRateLimiter(perSecond: 50, burst: 1, clock: clock)
            #expect(await limiter.admit("k") == nil)
            let wait = try #require(await limiter.admit("k"))
            #expect(abs(wait - 0.02) < 1e-9)
            clock.advance(by: .milliseconds(19))
            #expect(await limiter.admit("k") != nil)
            clock.advance(by: .milliseconds(21))
            #expect(await limiter.admit("k") == nil)
        }
    }
}

/// Counts calls from concurrent tasks.
actor CallCounter {
    private(set) var count = 0
    func increment() { count += 1 }
}
