import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads HTTP/1.1 requests from a blocking socket.
struct SocketReader {
    let fd: Int32
    private var buffer = Data()

    init(fd: Int32) { self.fd = fd }

    /// Whether the first byte the client sent cannot start an HTTP request line.
    mutating func startsWithNonHTTP() -> Bool {
        guard buffer.isEmpty, fill(), let first = buffer.first else { return false }
        return !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first)
    }

    mutating func readRequest(connectionNumber: Int) -> LoopbackServer.Request? {
        let separator = Data("\r\n\r\n".utf8)
        var headEnd = buffer.range(of: separator)
        while headEnd == nil {
            guard fill() else { return nil }
            headEnd = buffer.range(of: separator)
        }
        let headData = buffer[buffer.startIndex..<headEnd!.lowerBound]
        buffer = Data(buffer[headEnd!.upperBound...])
        let lines = String(decoding: headData, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            guard fill() else { return nil }
        }
        let body = Data(buffer.prefix(length))
        buffer = Data(buffer.dropFirst(length))
        return .init(
            method: String(parts[0]), target: String(parts[1]), headers: headers, body: body,
            connectionNumber: connectionNumber)
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }
}

/// A value behind an `NSLock`, which ThreadSanitizer understands (unlike `Synchronization.Mutex` on
/// Linux). Every access goes through `withLock`.
final class Guarded<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
