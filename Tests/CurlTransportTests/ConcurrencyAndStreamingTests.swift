import CurlTransport
import Foundation
import HTTPTransport
import Testing
import PaperboyTesting

extension CurlTransportTests {
    /// Many requests on one I/O thread, and a consumer slower than the server.
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

        @Test func aSlowConsumerIsNotMistakenForAStalledServer() async throws {
            // A small socket buffer, so the server feels the pause well before it has sent everything.
            let server = try LoopbackServer(sendBufferBytes: 64 << 10) { _ in .generate(total: 8 << 20) }
            defer { server.stop() }
            let transport = try Support.transport {
                $0.stallTimeout = .seconds(1)
                $0.streamBufferBytes = 64 << 10
            }
            let response = try await transport.stream(HTTPRequest(url: server.url("/segment")))
            var iterator = response.body.makeAsyncIterator()
            var received = Int64(try await iterator.next()?.count ?? 0)
            // The reader is busy until the transfer has sat paused (the server held back: no byte reaches
            // libcurl) for longer than the stall timeout; curl's speed check sees whole seconds.
            #expect(await Polling.until { (server.waitingOnClient ?? .zero) > .seconds(2) })
            while let chunk = try await iterator.next() { received += Int64(chunk.count) }
            #expect(received == 8 << 20)
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
