import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for transport tests, able to misbehave on purpose: stall,
/// cut a body short, drip bytes, redirect forever, or stream a large generated body.
///
/// Each connection runs on its own thread with blocking sockets, so TCP back-pressure is real: a
/// client that stops reading makes the server's `send` block, as a real server's would.
final class LoopbackServer: Sendable {
    /// A parsed request as the server saw it.
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
        var body: Data
        var connectionNumber: Int

        func header(_ name: String) -> String? { headers[name.lowercased()] }
        var path: String { target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target }
    }

    /// What the server does with a request.
    enum Action: Sendable {
        /// A complete response with `Content-Length`.
        case respond(status: Int, headers: [(String, String)] = [], body: Data = Data())
        /// A chunked response; with `cutShort` the connection closes before the final chunk.
        case chunked(status: Int = 200, headers: [(String, String)] = [], chunks: [Data], cutShort: Bool = false)
        /// Declares `declaredLength` bytes, sends `body`, then closes.
        case truncated(declaredLength: Int, body: Data)
        /// Sends the head and `body`, then holds the connection open without sending more.
        case stall(declaredLength: Int, body: Data)
        /// Sends `total` bytes of the repeating pattern `0, 1, … 250`, with `Content-Length`.
        case generate(total: Int64)
        /// Sends `total` bytes one at a time, `interval` apart.
        case drip(total: Int, interval: Duration)
        /// Closes the connection without answering.
        case close
    }

    private struct State {
        var stopped = false
        var connections = 0
        var requests: [Request] = []
        var openSockets: Set<Int32> = []
        var disconnectsDuringStall = 0
        var bytesSent: Int64 = 0
        var waitingOnClientSince: ContinuousClock.Instant?
    }

    let port: Int
    private let listenFD: Int32
    private let state = Guarded(State())
    private let handler: @Sendable (Request) -> Action
    private let sendBufferBytes: Int32?

    /// Starts listening on an ephemeral port. `sendBufferBytes` fixes each connection's socket send
    /// buffer, so a client that stops reading holds the server back after that much.
    init(sendBufferBytes: Int32? = nil, handler: @escaping @Sendable (Request) -> Action) throws {
        self.handler = handler
        self.sendBufferBytes = sendBufferBytes
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError.socket("socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 512) == 0 else { close(fd); throw ServerError.socket("bind/listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listenFD = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    enum ServerError: Error { case socket(String) }

    /// An absolute URL on this server.
    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    /// Connections accepted so far.
    var connectionCount: Int { state.withLock { $0.connections } }
    /// Requests received so far, in arrival order.
    var requests: [Request] { state.withLock { $0.requests } }
    /// How many stalled responses ended because the client hung up.
    var clientDisconnectsDuringStall: Int { state.withLock { $0.disconnectsDuringStall } }
    /// Bytes written so far (heads and bodies), over every connection.
    var bytesSent: Int64 { state.withLock { $0.bytesSent } }
    /// How long the server has been unable to send because its client stopped reading (a transfer
    /// paused for its consumer, once every buffer between them is full); nil while it can send. For
    /// tests with one connection.
    var waitingOnClient: Duration? { state.withLock { $0.waitingOnClientSince.map { ContinuousClock.now - $0 } } }

    /// Stops accepting and closes every connection.
    func stop() {
        let sockets = state.withLock { state -> Set<Int32> in
            state.stopped = true
            return state.openSockets
        }
        shutdown(listenFD, Int32(SHUT_RDWR))
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    deinit { close(listenFD) }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func acceptLoop() {
        while true {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let number = state.withLock { state -> Int? in
                if state.stopped { return nil }
                state.connections += 1
                state.openSockets.insert(client)
                return state.connections
            }
            guard let number else { close(client); return }
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            if var bytes = sendBufferBytes { setsockopt(client, SOL_SOCKET, SO_SNDBUF, &bytes, socklen_t(MemoryLayout<Int32>.size)) }
            let thread = Thread { [self] in
                serve(client, connectionNumber: number)
                _ = state.withLock { $0.openSockets.remove(client) }
                close(client)
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
    }

    private func serve(_ fd: Int32, connectionNumber: Int) {
        var reader = SocketReader(fd: fd)
        if reader.startsWithNonHTTP() {
            // What nginx does with a TLS hello on a plain port: a plaintext 400, then close.
            _ = send(fd, Self.head(400, [("Content-Length", "0"), ("Connection", "close")]))
            return
        }
        while !isStopped, let request = reader.readRequest(connectionNumber: connectionNumber) {
            state.withLock { $0.requests.append(request) }
            guard perform(handler(request), on: fd) else { return }
        }
    }

    /// Writes the action's bytes; returns whether the connection may serve another request.
    private func perform(_ action: Action, on fd: Int32) -> Bool {
        switch action {
        case .respond(let status, let headers, let body):
            var head = headers
            if !headers.contains(where: { $0.0.lowercased() == "content-length" }) {
                head.append(("Content-Length", "\(body.count)"))
            }
            return send(fd, Self.head(status, head)) && send(fd, body)
        case .chunked(let status, let headers, let chunks, let cutShort):
            guard send(fd, Self.head(status, headers + [("Transfer-Encoding", "chunked")])) else { return false }
            for chunk in chunks {
                guard send(fd, Data(String(chunk.count, radix: 16).utf8) + Data("\r\n".utf8) + chunk + Data("\r\n".utf8))
                else { return false }
            }
            if cutShort { return false }
            return send(fd, Data("0\r\n\r\n".utf8))
        case .truncated(let declared, let body):
            _ = send(fd, Self.head(200, [("Content-Length", "\(declared)")])) && send(fd, body)
            return false
        case .stall(let declared, let body):
            guard send(fd, Self.head(200, [("Content-Length", "\(declared)")])) && send(fd, body) else { return false }
            holdUntilClientLeaves(fd)
            return false
        case .generate(let total):
            guard send(fd, Self.head(200, [("Content-Length", "\(total)"), ("Content-Type", "application/octet-stream")]))
            else { return false }
            let block = Self.patternBlock
            var remaining = total
            while remaining > 0 {
                let count = Int(min(Int64(block.count), remaining))
                guard send(fd, count == block.count ? block : block.prefix(count)) else { return false }
                remaining -= Int64(count)
            }
            return true
        case .drip(let total, let interval):
            guard send(fd, Self.head(200, [("Content-Length", "\(total)")])) else { return false }
            for _ in 0..<total {
                // Paced by waiting for the client to hang up, for at most `interval`: a client that
                // gives up ends the drip at once.
                guard !clientHangsUp(fd, within: interval), !isStopped, send(fd, Data("x".utf8)) else { return false }
            }
            return true
        case .close:
            return false
        }
    }

    /// The byte at offset `i` of a generated body, for checking streamed content.
    static func patternByte(at offset: Int64) -> UInt8 { UInt8(offset % 251) }

    private static let patternBlock: Data = {
        // 251 is prime, so 64 KiB blocks continue the pattern only if the block length is a multiple of it.
        let length = 251 * 261
        return Data((0..<length).map { UInt8($0 % 251) })
    }()

    /// Stalls until the client hangs up (counted) or the server stops.
    private func holdUntilClientLeaves(_ fd: Int32) {
        while !isStopped {
            if clientHangsUp(fd, within: .milliseconds(50)) {
                state.withLock { $0.disconnectsDuringStall += 1 }
                return
            }
        }
    }

    /// Whether the client closes its side (or sends anything) within `interval`.
    private func clientHangsUp(_ fd: Int32, within interval: Duration) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 512)
        return recv(fd, &buffer, buffer.count, 0) <= 0
    }

    /// Writes all of `data`; when the socket is full, waits (noting since when) until the client reads
    /// again, hangs up, or the server stops.
    private func send(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                if poll(&poller, 1, 0) == 0 {
                    state.withLock { $0.waitingOnClientSince = .now }
                    _ = poll(&poller, 1, -1)
                    state.withLock { $0.waitingOnClientSince = nil }
                }
                let written = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                if written <= 0 {
                    if written < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) { continue }
                    return false
                }
                offset += written
                state.withLock { $0.bytesSent += Int64(written) }
            }
            return true
        }
    }

    private static func head(_ status: Int, _ headers: [(String, String)]) -> Data {
        var text = "HTTP/1.1 \(status) \(reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 404: "Not Found"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
