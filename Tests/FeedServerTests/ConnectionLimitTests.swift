import FeedServer
import Foundation
import PaperboyTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension FeedServerTests {
    /// Slow and stalled clients: connection deadlines and the connection cap.
    @Suite struct ConnectionLimits {
        static func shortTimeouts(_ configuration: inout FeedServerConfiguration) {
            configuration.timeouts.header = .milliseconds(200)
            configuration.timeouts.request = .milliseconds(200)
            configuration.timeouts.idle = .milliseconds(200)
        }

        @Test(arguments: [
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",  // a head never finished
            "POST /v1/state/mutations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"clientId\"",  // half a body
            "",  // connected, silent
        ])
        func stalledRequestsAreClosed(_ sent: String) async throws {
            let server = try await RunningServer.start(configure: Self.shortTimeouts)
            let connection = try RawConnection(port: server.port)
            try connection.send(sent)
            try await eventually("the server to close a stalled connection") { connection.isClosedByPeer() }
            await server.stop()
        }

        @Test func idleKeepAliveConnectionsCloseAfterAnAnswer() async throws {
            let server = try await RunningServer.start(configure: Self.shortTimeouts)
            let connection = try RawConnection(port: server.port)
            try connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try await eventually("an answer and then the idle close") { connection.isClosedByPeer() }
            #expect(connection.received.hasPrefix("HTTP/1.1 200"))
            await server.stop()
        }

        @Test func connectionsBeyondTheCapWaitUntilOneCloses() async throws {
            let server = try await RunningServer.start {
                Self.shortTimeouts(&$0)
                $0.timeouts.idle = .milliseconds(400)
                $0.maxConnections = 1
            }
            // The first connection is served, then sits idle, holding the only place.
            let first = try RawConnection(port: server.port)
            try first.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try await eventually("the first answer") { first.poll(); return first.received.contains("\"status\":\"ok\"") }
            let second = try RawConnection(port: server.port)
            try second.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try await eventually("the second answer") { second.poll(); return second.received.contains("\"status\":\"ok\"") }
            // Answered only once the first connection was gone (its idle deadline), not beside it.
            #expect(first.isClosedByPeer())
            await server.stop()
        }
    }
}

/// A plain TCP connection to the server on loopback, for sending exactly the bytes a test wants.
final class RawConnection: @unchecked Sendable {
    // @unchecked: used from one test task at a time.
    private let descriptor: Int32
    private var closedByPeer = false
    /// Everything read so far.
    private(set) var received = ""

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return }
        guard Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw POSIXError(.EPIPE) }
    }

    /// Reads whatever has arrived without waiting; notes an end of stream or a reset.
    func poll() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !closedByPeer {
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count > 0 {
                received += String(decoding: buffer[..<count], as: UTF8.self)
            } else if count == 0 || errno == ECONNRESET {
                closedByPeer = true
            } else {
                return
            }
        }
    }

    /// Whether the server has closed the connection (reading what it sent first).
    func isClosedByPeer() -> Bool {
        poll()
        return closedByPeer
    }
}
