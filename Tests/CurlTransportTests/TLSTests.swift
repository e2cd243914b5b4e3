import CurlTransport
import Foundation
import HTTPTransport
import Testing
import PaperboyTesting

/// A self-signed certificate made with the `openssl` command for one test.
enum TestCertificate {
    struct Failure: Error { let message: String }

    /// Writes a P-256 certificate naming `subjectAltName` (for example `IP:127.0.0.1`) and its key.
    static func make(subjectAltName: String, certificate: String, key: String) throws {
        let made = try Support.run(URL(fileURLWithPath: "/usr/bin/openssl"), [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=paperboy test", "-addext", "subjectAltName=\(subjectAltName)",
            "-keyout", key, "-out", certificate,
        ])
        guard made.status == 0 else { throw Failure(message: made.stderr) }
    }
}

/// An `openssl s_server` on loopback with a certificate made for the test.
final class TLSServer {
    let port: Int
    let certificate: String
    private let process: Process
    private let folder: URL

    /// Starts a server whose certificate names `subjectAltName` (for example `IP:127.0.0.1`); returns
    /// once it accepts connections.
    static func start(subjectAltName: String) async throws -> TLSServer {
        let server = try TLSServer(subjectAltName: subjectAltName)
        guard await Polling.until({ Support.acceptsConnections(port: server.port) }) else {
            server.stop()
            throw TLSServerError.notListening
        }
        return server
    }

    private init(subjectAltName: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let openssl = URL(fileURLWithPath: "/usr/bin/openssl")
        try TestCertificate.make(subjectAltName: subjectAltName, certificate: certificate, key: key)
        port = try Support.closedPort()
        process = Process()
        process.executableURL = openssl
        process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate, "-key", key, "-www", "-quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    enum TLSServerError: Error { case notListening }

    var url: URL { URL(string: "https://127.0.0.1:\(port)/")! }

    func stop() {
        // SIGKILL, not terminate(): a child started from a test thread can inherit a signal mask
        // that blocks SIGTERM, and then it would never exit.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

}

extension CurlTransportTests {
    /// Certificates are always verified; an extra CA file adds trust without disabling checks.
    @Suite(.serialized) struct TLS {
        @Test func untrustedCertificateIsRefused() async throws {
            let server = try await TLSServer.start(subjectAltName: "IP:127.0.0.1")
            defer { server.stop() }
            let transport = try Support.transport()
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url)) }
            guard case .tlsFailure(let host, let detail)? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(host == "127.0.0.1")
            #expect(detail.contains("certificate"))
            #expect(error?.isRetryable == false)
        }

        @Test func extraCAFileIsTrusted() async throws {
            let server = try await TLSServer.start(subjectAltName: "IP:127.0.0.1")
            defer { server.stop() }
            let transport = try Support.transport { $0.extraCAFile = server.certificate }
            let response = try await transport.send(HTTPRequest(url: server.url))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self).contains("<HTML>"))
        }

        @Test func hostNameMismatchIsRefusedEvenWhenTrusted() async throws {
            let server = try await TLSServer.start(subjectAltName: "DNS:elsewhere.example")
            defer { server.stop() }
            let transport = try Support.transport { $0.extraCAFile = server.certificate }
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: server.url)) }
            guard case .tlsFailure(_, let detail)? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(detail.contains("127.0.0.1"))
        }

        @Test func plainHTTPServerOnAnHTTPSURLIsATLSFailure() async throws {
            let server = try LoopbackServer { _ in .respond(status: 200) }
            defer { server.stop() }
            let transport = try Support.transport()
            let url = URL(string: "https://127.0.0.1:\(server.port)/")!
            let error = await Support.failure { () async throws(HTTPError) in try await transport.send(HTTPRequest(url: url)) }
            guard case .tlsFailure? = error else { Issue.record("got \(String(describing: error))"); return }
        }
    }
}
