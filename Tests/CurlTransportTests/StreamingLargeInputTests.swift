import CurlTransport
import Foundation
import HTTPTransport
import Testing
import PaperboyTesting

extension CurlTransportTests {
    /// 100 MB bodies streamed with flat memory, by the transport and by the download tool. Heavy on
    /// memory and CPU: the suite's name ends in `LargeInputTests` so the test script runs it in its own process.
    @Suite(.serialized) struct StreamingLargeInputTests {
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
                // Spot-check the content at each chunk's edges, and now and then stop reading until the
                // server is held back, so the transfer has to pause for the consumer.
                if let first = chunk.first, first != LoopbackServer.patternByte(at: received) { mismatches += 1 }
                if let last = chunk.last, last != LoopbackServer.patternByte(at: received + Int64(chunk.count) - 1) { mismatches += 1 }
                received += Int64(chunk.count)
                chunks += 1
                if chunks % 200 == 0 {
                    #expect(await Polling.until { server.waitingOnClient != nil || server.bytesSent >= total })
                }
            }
            #expect(received == total)
            #expect(mismatches == 0)
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
    }
}
