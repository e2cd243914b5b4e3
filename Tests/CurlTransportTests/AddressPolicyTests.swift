@testable import CurlTransport
import Foundation
import HTTPTransport
import Testing

/// `CurlTransport.AddressPolicy`: the opt-in, single allowed endpoints, redirects, and which
/// addresses count as private.
@Suite struct AddressPolicyTests {
    /// A transport that may reach `endpoints` (and nothing else private).
    static func transport(allowing endpoints: Set<CurlTransport.Endpoint>) throws -> CurlTransport {
        try Support.transport { $0.addressPolicy = CurlTransport.AddressPolicy(allowsPrivateAddresses: false, allowedEndpoints: endpoints) }
    }

    @Test func optInReachesLoopbackByNameAndLiteral() async throws {
        let server = try LoopbackServer { _ in .respond(status: 200, body: Data("home".utf8)) }
        defer { server.stop() }
        let transport = try Support.transport { $0.addressPolicy = .anyAddress }
        #expect(try await transport.send(HTTPRequest(url: server.url("/"))).body == Data("home".utf8))
        let named = try #require(URL(string: "http://localhost:\(server.port)/"))
        #expect(try await transport.send(HTTPRequest(url: named)).body == Data("home".utf8))
    }

    @Test func anAllowedEndpointIsReachableAndOnlyOnItsPort() async throws {
        let allowed = try LoopbackServer { _ in .respond(status: 200, body: Data("allowed".utf8)) }
        let other = try LoopbackServer { _ in .respond(status: 200, body: Data("other".utf8)) }
        defer { allowed.stop(); other.stop() }
        let transport = try Self.transport(allowing: [try #require(CurlTransport.Endpoint(address: "127.0.0.1", port: allowed.port))])
        #expect(try await transport.send(HTTPRequest(url: allowed.url("/"))).body == Data("allowed".utf8))
        let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: other.url("/"))) }
        #expect(error == .refusedAddress(url: other.url("/").absoluteString, address: "127.0.0.1", kind: .loopback))
        #expect(other.connectionCount == 0)
    }

    @Test(arguments: ["http://127.0.0.1:{other}/inside", "http://localhost:{other}/inside", "http://[::1]:{other}/inside"])
    func aRedirectToARefusedAddressIsRefused(_ target: String) async throws {
        let inside = try LoopbackServer { _ in .respond(status: 200, body: Data("internal secret".utf8)) }
        let location = target.replacingOccurrences(of: "{other}", with: "\(inside.port)")
        let outside = try LoopbackServer { _ in .respond(status: 302, headers: [("Location", location)]) }
        defer { inside.stop(); outside.stop() }
        let transport = try Self.transport(allowing: [try #require(CurlTransport.Endpoint(address: "127.0.0.1", port: outside.port))])
        let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: outside.url("/feed"))) }
        guard case let .refusedAddress(url, address, kind)? = error else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(url == location)
        #expect(["127.0.0.1", "::1"].contains(address) && kind == .loopback)
        #expect(outside.requests.count == 1)
        #expect(inside.connectionCount == 0)
    }

    @Test func endpointsNormaliseTheirAddress() {
        #expect(CurlTransport.Endpoint(address: "[0:0::1]", port: 80)?.address == "::1")
        #expect(CurlTransport.Endpoint(address: "127.1", port: 80)?.address == "127.0.0.1")
        #expect(CurlTransport.Endpoint(address: "localhost", port: 80) == nil)
        #expect(CurlTransport.Endpoint(address: "127.0.0.1", port: 0) == nil)
    }

    @Test func addressKinds() throws {
        let refused: [(String, SpecialAddressKind)] = [
            ("127.0.0.1", .loopback), ("127.255.255.254", .loopback), ("10.0.0.5", .privateNetwork),
            ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork), ("192.168.1.1", .privateNetwork),
            ("169.254.169.254", .linkLocal), ("100.64.0.1", .sharedNAT), ("100.127.255.255", .sharedNAT),
            ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified), ("224.0.0.1", .multicast), ("239.255.255.250", .multicast),
            ("240.0.0.1", .reserved), ("255.255.255.255", .broadcast), ("192.0.2.10", .reserved), ("198.18.0.1", .reserved),
            ("0177.0.0.1", .loopback), ("0x7f000001", .loopback), ("2130706433", .loopback), ("10.1", .privateNetwork),
            ("::1", .loopback), ("::", .unspecified), ("fc00::1", .privateNetwork), ("fd12:3456::1", .privateNetwork),
            ("fe80::1", .linkLocal), ("febf::1", .linkLocal), ("fec0::1", .privateNetwork), ("ff02::1", .multicast),
            ("::ffff:127.0.0.1", .loopback), ("::ffff:10.0.0.1", .privateNetwork), ("::ffff:169.254.169.254", .linkLocal),
            ("::ffff:0:192.168.0.1", .privateNetwork), ("::127.0.0.1", .reserved), ("::8.8.8.8", .reserved),
            ("64:ff9b::127.0.0.1", .loopback), ("64:ff9b::a9fe:a9fe", .linkLocal), ("64:ff9b:1::1", .privateNetwork),
            ("2002:7f00:1::1", .loopback), ("2002:c0a8:101::1", .privateNetwork), ("2001:db8::1", .reserved),
            ("2001::1", .reserved), ("100::1", .reserved), ("3fff::1", .reserved), ("4000::1", .reserved), ("fe80::1%eth0", .linkLocal),
        ]
        for (text, kind) in refused {
            let address = try #require(IPAddress(literal: text), "\(text) parses")
            #expect(address.kind == kind, "\(text)")
        }
        let allowed = ["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.1.1",
                       "192.167.1.1", "223.255.255.255", "2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8",
                       "64:ff9b::808:808", "2002:808:808::1"]
        for text in allowed {
            let address = try #require(IPAddress(literal: text), "\(text) parses")
            #expect(address.kind == nil, "\(text)")
        }
        for name in ["localhost", "feeds.example", "cafe", "1.2.3.4.example", ""] {
            #expect(IPAddress(literal: name) == nil, "\(name)")
        }
    }
}
