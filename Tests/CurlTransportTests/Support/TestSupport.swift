import CurlTransport
import Foundation
import HTTPTransport
import Testing

/// Shared helpers for the transport tests.
enum Support {
    /// The repository's `Fixtures/http` folder.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/http")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// A transport with short timeouts so failure tests finish quickly, allowed to reach the
    /// loopback servers the tests run.
    static func transport(_ adjust: (inout CurlTransport.Configuration) -> Void = { _ in }) throws -> CurlTransport {
        var configuration = CurlTransport.Configuration()
        configuration.addressPolicy = .anyAddress
        configuration.connectTimeout = .seconds(5)
        configuration.requestTimeout = .seconds(20)
        configuration.stallTimeout = .seconds(5)
        adjust(&configuration)
        return try CurlTransport(configuration: configuration)
    }

    /// Runs `body` and returns the `HTTPError` it throws, recording an issue if it succeeds.
    static func failure<T>(
        _ body: () async throws(HTTPError) -> T, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> HTTPError? {
        do {
            _ = try await body()
            Issue.record("expected an HTTPError, got success", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    /// A port on 127.0.0.1 with nothing listening (bound, then released).
    static func closedPort() throws -> Int {
        let server = try LoopbackServer { _ in .close }
        let port = server.port
        server.stop()
        return port
    }

    /// Whether a TCP connection to `port` on 127.0.0.1 succeeds now (a server process is listening).
    static func acceptsConnections(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// Finds an executable built next to the test bundle (a tool target of this package).
    static func builtExecutable(_ name: String) -> URL? {
        let folders = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        return folders.map { $0.appendingPathComponent(name) }.first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
    }

    /// Runs a process to completion and returns its exit status and output.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"] {
            env[key] = nil
        }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
