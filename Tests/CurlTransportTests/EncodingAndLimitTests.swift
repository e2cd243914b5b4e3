import CurlTransport
import Foundation
import HTTPTransport
import Testing

extension CurlTransportTests {
    /// Compressed bodies are decoded; bodies over the limit are refused however they arrive.
    @Suite struct EncodingAndLimits {
        @Test(arguments: [("gzip", "dispatch.txt.gz"), ("br", "dispatch.txt.br"), ("zstd", "dispatch.txt.zst")])
        func decodesCompressedBodies(encoding: String, file: String) async throws {
            let compressed = try Support.fixture(file)
            let server = try LoopbackServer { _ in
                .respond(status: 200, headers: [("Content-Encoding", encoding), ("Vary", "Accept-Encoding")], body: compressed)
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let response = try await transport.send(HTTPRequest(url: server.url("/dispatch")))
            #expect(response.body == (try Support.fixture("dispatch.txt")))
            #expect(response.body.count > compressed.count * 3)
        }

        @Test func decodesCompressedStreams() async throws {
            let compressed = try Support.fixture("dispatch.txt.zst")
            let server = try LoopbackServer { _ in
                .chunked(headers: [("Content-Encoding", "zstd")], chunks: [compressed.prefix(100), compressed.dropFirst(100)])
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let response = try await transport.stream(HTTPRequest(url: server.url("/dispatch")))
            var body = Data()
            for try await chunk in response.body { body.append(chunk) }
            #expect(body == (try Support.fixture("dispatch.txt")))
        }

        @Test func corruptEncodingIsNamed() async throws {
            let server = try LoopbackServer { _ in
                .respond(status: 200, headers: [("Content-Encoding", "gzip")], body: Data("not gzip at all, just text".utf8))
            }
            defer { server.stop() }
            let transport = try Support.transport()
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/x"))) }
            guard case .badContentEncoding? = error else { Issue.record("got \(String(describing: error))"); return }
        }

        @Test func declaredLengthOverLimitIsRefusedEarly() async throws {
            let server = try LoopbackServer { _ in .generate(total: 50 << 20) }
            defer { server.stop() }
            let transport = try Support.transport { $0.maxResponseBytes = 1 << 20 }
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/big"))) }
            #expect(error == .bodyTooLarge(limit: 1 << 20))
            #expect(error?.description == "response body is larger than the 1 MiB limit; refused")
        }

        @Test func chunkedBodyOverLimitIsRefused() async throws {
            let block = Data(repeating: 0x61, count: 64 * 1024)
            let server = try LoopbackServer { _ in .chunked(chunks: Array(repeating: block, count: 40)) }
            defer { server.stop() }
            let transport = try Support.transport()
            let request = HTTPRequest(url: server.url("/big"), maxResponseBytes: 1 << 20)
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(request) }
            #expect(error == .bodyTooLarge(limit: 1 << 20))
            let streamed = try await transport.stream(request)
            let streamError = await Support.failure { () async throws(HTTPError) in
                for try await _ in streamed.body {}
            }
            #expect(streamError == .bodyTooLarge(limit: 1 << 20))
        }

        @Test func decompressionBombIsRefusedByDecodedSize() async throws {
            let bomb = try Support.fixture("zeros-16MiB.gz")
            let server = try LoopbackServer { _ in .respond(status: 200, headers: [("Content-Encoding", "gzip")], body: bomb) }
            defer { server.stop() }
            let transport = try Support.transport { $0.maxResponseBytes = 4 << 20 }
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/bomb"))) }
            #expect(error == .bodyTooLarge(limit: 4 << 20))
            let roomy = try await transport.send(HTTPRequest(url: server.url("/bomb"), maxResponseBytes: 16 << 20))
            #expect(roomy.body.count == 16 << 20)
        }

        @Test func headerInjectionIsRefusedBeforeSending() async throws {
            let server = try LoopbackServer { _ in .respond(status: 200) }
            defer { server.stop() }
            let transport = try Support.transport()
            let request = HTTPRequest(url: server.url("/x"), headers: ["X-Note": "a\r\nX-Evil: 1"])
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(request) }
            guard case .invalidRequest? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(server.requests.isEmpty)
        }

        @Test func invalidURLsAreRefused() async throws {
            let transport = try Support.transport()
            #expect(throws: HTTPError.invalidURL("ftp://example.org/x")) { try HTTPRequest(get: "ftp://example.org/x") }
            #expect(throws: HTTPError.invalidURL("not a url")) { try HTTPRequest(get: "not a url") }
            let error = await Support.failure { () async throws(HTTPError) in
                try await transport.send(HTTPRequest(url: URL(string: "file:///etc/hostname")!))
            }
            #expect(error == .invalidURL("file:///etc/hostname"))
        }
    }
}
