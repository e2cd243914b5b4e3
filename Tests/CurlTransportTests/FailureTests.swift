import CurlTransport
import Foundation
import HTTPTransport
import Testing
import PaperboyTesting

extension CurlTransportTests {
    /// Network failures become the `HTTPError` case that names them, never a success.
    @Suite struct Failures {
        @Test func connectionRefused() async throws {
            let port = try Support.closedPort()
            let transport = try Support.transport()
            let url = URL(string: "http://127.0.0.1:\(port)/v1/manifest")!
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: url)) }
            #expect(error == .connectionRefused(host: "127.0.0.1", port: port))
            #expect(error?.isRetryable == true)
        }

        @Test func unresolvableHost() async throws {
            let transport = try Support.transport()
            let error = await Support.failure { () async throws(HTTPError) in
                try await transport.send(try HTTPRequest(get: "http://paperboy-test.invalid/v1/manifest"))
            }
            #expect(error == .dnsFailure(host: "paperboy-test.invalid"))
        }

        @Test func stalledServerTimesOut() async throws {
            let server = try LoopbackServer { _ in .stall(declaredLength: 10_000, body: Data(repeating: 0x2E, count: 1_000)) }
            defer { server.stop() }
            let transport = try Support.transport { $0.stallTimeout = .seconds(1) }
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/slow"))) }
            // The server stays silent until the client leaves, so this ends in the stall check however
            // slow the machine; the kind (not `.total`) shows which limit fired.
            #expect(error == .timedOut(.stalled, after: .seconds(1)))
            #expect(await Polling.until { server.clientDisconnectsDuringStall == 1 })
        }

        @Test func silentServerTimesOutWhenStreaming() async throws {
            let server = try LoopbackServer { _ in .stall(declaredLength: 10, body: Data()) }
            defer { server.stop() }
            let transport = try Support.transport { $0.stallTimeout = .seconds(1) }
            let response = try await transport.stream(HTTPRequest(url: server.url("/silent")))
            let error = await Support.failure { () async throws(HTTPError) in for try await _ in response.body {} }
            #expect(error == .timedOut(.stalled, after: .seconds(1)))
        }

        @Test func slowButSteadyTransferHitsTheTotalLimit() async throws {
            let server = try LoopbackServer { _ in .drip(total: 100, interval: .milliseconds(50)) }
            defer { server.stop() }
            let transport = try Support.transport { $0.stallTimeout = .seconds(3) }
            let request = HTTPRequest(url: server.url("/drip"), timeout: .milliseconds(700))
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(request) }
            #expect(error == .timedOut(.total, after: .milliseconds(700)))
            #expect(error?.description == "the request did not finish within 0.7 s")
        }

        @Test func bodyShorterThanContentLengthIsTruncation() async throws {
            let server = try LoopbackServer { _ in .truncated(declaredLength: 5_000, body: Data(repeating: 0x41, count: 1_200)) }
            defer { server.stop() }
            let transport = try Support.transport()
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/cut"))) }
            #expect(error == .truncatedBody(received: 1_200, expected: 5_000))
            #expect(error?.description == "response cut short: received 1200 of 5000 bytes")

            let streamed = try await transport.stream(HTTPRequest(url: server.url("/cut")))
            var received = 0
            let streamError = await Support.failure { () async throws(HTTPError) in
                for try await chunk in streamed.body { received += chunk.count }
            }
            #expect(streamError == .truncatedBody(received: 1_200, expected: 5_000))
            #expect(received == 1_200)
        }

        @Test func chunkedBodyWithoutItsLastChunkIsTruncation() async throws {
            let server = try LoopbackServer { _ in
                .chunked(chunks: [Data("{\"seq\":1}\n".utf8), Data("{\"seq\":2}\n".utf8)], cutShort: true)
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/seg"))) }
            guard case .truncatedBody(let received, nil)? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(received == 20)
        }

        @Test func serverClosingWithoutAnswerIsANetworkError() async throws {
            let server = try LoopbackServer { _ in .close }
            defer { server.stop() }
            let transport = try Support.transport()
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/x"))) }
            guard case .network(let detail)? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(detail.contains("Empty reply"))
            #expect(error?.isRetryable == true)
        }

        @Test func cancellingTheTaskAbortsABufferedTransfer() async throws {
            let server = try LoopbackServer { _ in .stall(declaredLength: 1 << 20, body: Data(repeating: 0x42, count: 4096)) }
            defer { server.stop() }
            let transport = try Support.transport()
            let task = Task { () async throws(HTTPError) -> HTTPResponse in
                try await transport.send(HTTPRequest(url: server.url("/stuck")))
            }
            #expect(await Polling.until { server.requests.count == 1 })
            task.cancel()
            let result = await task.result
            #expect(throws: HTTPError.cancelled) { try result.get() }
            #expect(await Polling.until { server.clientDisconnectsDuringStall == 1 })
        }

        @Test func cancellingBeforeStartNeverSends() async throws {
            let server = try LoopbackServer { _ in .respond(status: 200) }
            defer { server.stop() }
            let transport = try Support.transport()
            let task = Task { () async throws(HTTPError) -> HTTPResponse in
                withUnsafeCurrentTask { $0?.cancel() }
                return try await transport.send(HTTPRequest(url: server.url("/never")))
            }
            await #expect(throws: HTTPError.cancelled) { try await task.value }
            // A request sent after it has been answered. Had the cancelled one gone out, it would have
            // connected first (the server accepts in order) or come first on the same connection.
            #expect(try await transport.send(HTTPRequest(url: server.url("/after"))).status == 200)
            #expect(server.requests.map(\.path) == ["/after"])
            #expect(server.requests.first?.connectionNumber == 1)
        }

        @Test func cancellingMidStreamAbortsTheTransfer() async throws {
            let server = try LoopbackServer { _ in .stall(declaredLength: 1 << 20, body: Data(repeating: 0x43, count: 8192)) }
            defer { server.stop() }
            let transport = try Support.transport()
            let (firstChunk, received) = AsyncStream<Void>.makeStream()
            let task = Task { () async throws(HTTPError) -> Int in
                let response = try await transport.stream(HTTPRequest(url: server.url("/stuck")))
                var count = 0
                for try await chunk in response.body {
                    count += chunk.count
                    received.yield()
                }
                return count
            }
            // Cancelled once body bytes have arrived: mid-stream, not while waiting for the head.
            for await _ in firstChunk { break }
            task.cancel()
            await #expect(throws: HTTPError.cancelled) { try await task.value }
            #expect(await Polling.until { server.clientDisconnectsDuringStall == 1 })
        }

        @Test func droppingAnUnreadBodyAbortsTheTransfer() async throws {
            let server = try LoopbackServer { request in
                request.path == "/big" ? .generate(total: 200 << 20) : .respond(status: 200, body: Data("small".utf8))
            }
            defer { server.stop() }
            let transport = try Support.transport { $0.maxConnectionsPerHost = 1 }
            do {
                let response = try await transport.stream(HTTPRequest(url: server.url("/big"), maxResponseBytes: 1 << 30))
                #expect(response.status == 200)
                var iterator = response.body.makeAsyncIterator()
                _ = try await iterator.next()
            }
            // The connection must be released, so a new request on a one-connection transport works.
            let next = try await transport.send(HTTPRequest(url: server.url("/again"), timeout: .seconds(5)))
            #expect(next.body == Data("small".utf8))
        }
    }
}
