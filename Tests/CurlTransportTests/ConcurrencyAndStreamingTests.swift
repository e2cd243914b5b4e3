import CurlTransport
import Foundation
import HTTPTransport
import Testing

extension CurlTransportTests {
    /// Many requests on one I/O thread, and large bodies with flat memory.
    @Suite struct ConcurrencyAndStreaming {
        @Test func twoHundredConcurrentRequestsAllCorrect() async throws {
            let server = try LoopbackServer { request in
                .respond(status: 200, headers: [("Content-Type", "text/plain")], body: Data("echo:\(request.path)".utf8))
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let results = try await withThrowingTaskGroup(of: (Int, HTTPResponse).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        (index, try await transport.send(HTTPRequest(url: server.url("/item/\(index)"))))
                    }
                }
                return try await group.reduce(into: [Int: HTTPResponse]()) { $0[$1.0] = $1.1 }
            }
            #expect(results.count == 200)
            for (index, response) in results {
                #expect(response.status == 200)
                #expect(String(decoding: response.body, as: UTF8.self) == "echo:/item/\(index)")
            }
            #expect(server.requests.count == 200)
            #expect(server.connectionCount <= transport.configuration.maxConnectionsPerHost)
        }

        @Test func streamsOneHundredMegabytesWithBoundedBuffering() async throws {
            let total: Int64 = 100 << 20
            let server = try LoopbackServer { _ in .generate(total: total) }
            defer { server.stop() }
            let transport = try Support.transport { $0.streamBufferBytes = 512 << 10 }
            let response = try await transport.stream(HTTPRequest(url: server.url("/snapshot"), maxResponseBytes: 1 << 30))
            #expect(response.status == 200)
            #expect(response.headers["Content-Length"] == "\(total)")
            var received: Int64 = 0
            var mismatches = 0
            var chunks = 0
            for try await chunk in response.body {
                // Spot-check the content at each chunk's edges, and slow down now and then so the
                // transfer has to pause for the consumer.
                if let first = chunk.first, first != LoopbackServer.patternByte(at: received) { mismatches += 1 }
                if let last = chunk.last, last != LoopbackServer.patternByte(at: received + Int64(chunk.count) - 1) { mismatches += 1 }
                received += Int64(chunk.count)
                chunks += 1
                if chunks % 200 == 0 { try await Task.sleep(for: .milliseconds(5)) }
            }
            #expect(received == total)
            #expect(mismatches == 0)
        }

        @Test func aSlowConsumerIsNotMistakenForAStalledServer() async throws {
            let server = try LoopbackServer { _ in .generate(total: 8 << 20) }
            defer { server.stop() }
            let transport = try Support.transport {
                $0.stallTimeout = .seconds(1)
                $0.streamBufferBytes = 64 << 10
            }
            let response = try await transport.stream(HTTPRequest(url: server.url("/segment")))
            var iterator = response.body.makeAsyncIterator()
            var received = Int64(try await iterator.next()?.count ?? 0)
            // The transfer sits paused for longer than the stall timeout while the reader is busy.
            try await Task.sleep(for: .milliseconds(2500))
            while let chunk = try await iterator.next() { received += Int64(chunk.count) }
            #expect(received == 8 << 20)
        }

        @Test func downloadToolKeepsMemoryFlatForOneHundredMegabytes() async throws {
            let tool = try #require(Support.builtExecutable("http-bench"), "http-bench is built with the tests")
            let server = try LoopbackServer { request in .generate(total: request.path == "/small" ? 1 << 20 : 100 << 20) }
            defer { server.stop() }
            func download(_ path: String) throws -> (bytes: Int, peak: Int) {
                let result = try Support.run(
                    tool, ["download", server.url(path).absoluteString, "--verify-pattern", "--pause-ms-per-mib", "3"])
                #expect(result.status == 0, "\(result.stderr)")
                let report = try #require(
                    try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
                return (try #require(report["bytes"] as? Int), try #require(report["peakRSSBytes"] as? Int))
            }
            // Compare with the same tool fetching 1 MiB, so the runtime's own footprint (larger under
            // a sanitizer) cancels out; buffering the body would add about 100 MiB.
            let baseline = try download("/small")
            let large = try download("/large")
            #expect(baseline.bytes == 1 << 20)
            #expect(large.bytes == 100 << 20)
            #expect(large.peak - baseline.peak < 16 << 20, "peak RSS grew by \((large.peak - baseline.peak) >> 20) MiB")
        }

        @Test func proxyFromTheEnvironmentIsUsed() async throws {
            let tool = try #require(Support.builtExecutable("http-bench"), "http-bench is built with the tests")
            let proxy = try LoopbackServer { request in
                .respond(status: 200, body: Data("via proxy for \(request.target)".utf8))
            }
            defer { proxy.stop() }
            let result = try Support.run(
                tool, ["get", "http://feeds.paperboy-proxy-test.invalid/v1/manifest"],
                environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "200\nvia proxy for http://feeds.paperboy-proxy-test.invalid/v1/manifest")
            #expect(proxy.requests.first?.header("Host") == "feeds.paperboy-proxy-test.invalid")
        }

        @Test func transportsCanComeAndGo() async throws {
            let server = try LoopbackServer { _ in .respond(status: 200, body: Data("ok".utf8)) }
            defer { server.stop() }
            for _ in 0..<20 {
                let transport = try Support.transport()
                let response = try await transport.send(HTTPRequest(url: server.url("/")))
                #expect(response.body == Data("ok".utf8))
            }
        }
    }
}
