import CurlTransport
import Foundation
import HTTPTransport
import Testing
import PaperboyTesting

/// nginx on loopback serving static files over TLS with HTTP/2, logging each request's connection.
final class NginxHTTP2Server {
    let port: Int
    let certificate: String
    let accessLog: URL
    private let folder: URL
    private let process: Process

    /// Starts nginx serving `files`; returns once it accepts connections.
    /// The port is chosen free, but another socket of the busy test process (an outgoing connection's
    /// local port) can take it before nginx binds it; nginx then exits, and another port is tried.
    static func start(files: [String: Data]) async throws -> NginxHTTP2Server {
        for _ in 0..<5 {
            let server = try NginxHTTP2Server(files: files)
            let listening = await Polling.until({ !server.process.isRunning || Support.acceptsConnections(port: server.port) })
            if listening && server.process.isRunning { return server }
            server.stop()
        }
        throw TLSServer.TLSServerError.notListening
    }

    private init(files: [String: Data]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-nginx-\(UUID().uuidString)")
        let root = folder.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: root.appendingPathComponent(name)) }
        certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        try TestCertificate.make(subjectAltName: "IP:127.0.0.1", certificate: certificate, key: key)
        accessLog = folder.appendingPathComponent("access.log")
        port = try Support.closedPort()
        let path = folder.path
        let configuration = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(path)/nginx.pid;
            error_log \(path)/error.log warn;
            events { worker_connections 256; }
            http {
              log_format conn '$connection $server_protocol $status $request_uri';
              access_log \(accessLog.path) conn;
              client_body_temp_path \(path)/tmp-body;
              proxy_temp_path \(path)/tmp-proxy;
              fastcgi_temp_path \(path)/tmp-fastcgi;
              uwsgi_temp_path \(path)/tmp-uwsgi;
              scgi_temp_path \(path)/tmp-scgi;
              server {
                listen 127.0.0.1:\(port) ssl http2;
                ssl_certificate \(certificate);
                ssl_certificate_key \(key);
                root \(root.path);
              }
            }
            """
        let configurationFile = folder.appendingPathComponent("nginx.conf")
        try Data(configuration.utf8).write(to: configurationFile)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-c", configurationFile.path, "-p", path, "-e", "\(path)/error.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func url(_ path: String) -> URL { URL(string: "https://127.0.0.1:\(port)\(path)")! }

    /// `(connection, protocol)` for every logged request.
    func loggedRequests() throws -> [(connection: String, protocol: String)] {
        try String(contentsOf: accessLog, encoding: .utf8).split(separator: "\n").map {
            let fields = $0.split(separator: " ")
            return (String(fields[0]), String(fields[1]))
        }
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}

extension CurlTransportTests {
    @Suite(.serialized) struct HTTP2 {
        @Test func concurrentRequestsShareOneMultiplexedConnection() async throws {
            let story = Data(#"{"id":"story-1","headline":"Harbour fog delays ferries"}"#.utf8)
            let server = try await NginxHTTP2Server.start(files: ["story.json": story])
            defer { server.stop() }
            let transport = try Support.transport { $0.extraCAFile = server.certificate }
            let urls = (0..<24).map { server.url("/story.json?n=\($0)") }
            let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                for url in urls {
                    group.addTask { try await transport.send(HTTPRequest(url: url)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.count == 24)
            for response in responses {
                #expect(response.status == 200)
                #expect(response.head.version == .http2)
                #expect(response.body == story)
            }
            let logged = try server.loggedRequests()
            #expect(logged.count == 24)
            #expect(Set(logged.map(\.protocol)) == ["HTTP/2.0"])
            #expect(Set(logged.map(\.connection)).count == 1, "requests were spread over several connections")
        }
    }
}
