import CurlTransport
import Foundation
import HTTPTransport
import Testing

/// A transport with default settings connects to public addresses only: loopback and private
/// destinations are refused, whether named literally, through a host name, or by a redirect.
@Suite struct PrivateAddressTests {
    /// A server that would hand out something private to whoever reaches it.
    static func secretServer() throws -> LoopbackServer {
        try LoopbackServer { _ in .respond(status: 200, body: Data("internal secret".utf8)) }
    }

    @Test func loopbackLiteralIsRefusedByDefault() async throws {
        let server = try Self.secretServer()
        defer { server.stop() }
        let transport = try CurlTransport()
        let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url("/admin"))) }
        #expect(
            error?.description
                == "refusing to fetch http://127.0.0.1:\(server.port)/admin: 127.0.0.1 is a loopback address; pass --allow-private-addresses to allow it")
        #expect(server.connectionCount == 0)
    }

    @Test func ipv6LoopbackAndOtherSpellingsAreRefused() async throws {
        let server = try Self.secretServer()
        defer { server.stop() }
        let transport = try CurlTransport()
        // The same machine written as IPv6, IPv4-mapped IPv6, a short or numeric IPv4 form, and the
        // cloud metadata address.
        for host in ["[::1]", "[::ffff:127.0.0.1]", "127.1", "2130706433", "0x7f.0.0.1", "169.254.169.254", "[fe80::1]", "10.1.2.3", "0.0.0.0"] {
            let url = try #require(URL(string: "http://\(host):\(server.port)/admin"))
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: url)) }
            #expect(error?.description.hasPrefix("refusing to fetch http://\(host):\(server.port)/admin: ") == true, "\(host): \(String(describing: error))")
        }
        #expect(server.connectionCount == 0)
    }

    @Test(arguments: [false, true]) func hostNameResolvingToLoopbackIsRefusedAtConnect(streamed: Bool) async throws {
        let server = try Self.secretServer()
        defer { server.stop() }
        let transport = try CurlTransport()
        let request = HTTPRequest(url: try #require(URL(string: "http://localhost:\(server.port)/admin")))
        let error = await Support.failure { () async throws(HTTPError) in
            if streamed { _ = try await transport.stream(request) } else { _ = try await transport.send(request) }
        }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("refusing to fetch http://localhost:\(server.port)/admin: "), "\(message)")
        #expect(message.contains("127.0.0.1 is a loopback address") || message.contains("::1 is a loopback address"), "\(message)")
        #expect(server.connectionCount == 0)
    }
}
