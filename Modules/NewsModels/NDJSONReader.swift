import Foundation

/// Reads newline-delimited JSON from a file in bounded memory, a batch of lines at a time, so a
/// 100,000-article file never has to fit in memory at once.
public struct NDJSONReader {
    private let handle: FileHandle
    private var buffer = Data()
    /// Where the unread part of `buffer` starts; lines are sliced off without copying the rest.
    private var position = 0
    private var atEnd = false
    /// Number of the last line handed out (1-based), for error messages.
    public private(set) var lineNumber = 0
    /// The longest line accepted; a longer one is reported instead of exhausting memory.
    public let maxLineBytes: Int

    /// Opens `path` for reading.
    public init(path: String, maxLineBytes: Int = 64 << 20) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw NewsJSONError(field: nil, problem: "cannot open \(path) for reading")
        }
        self.handle = handle
        self.maxLineBytes = maxLineBytes
    }

    /// The next up to `count` values, decoded; empty at end of file. Blank lines are skipped.
    public mutating func next<T: Decodable>(_ type: T.Type, count: Int) throws(NewsJSONError) -> [T] {
        var values: [T] = []
        while values.count < count, let line = try nextLine() {
            if NewsJSON.isBlank(line) { continue }
            do {
                values.append(try NewsJSON.decode(type, from: line))
            } catch {
                throw error.onLine(lineNumber)
            }
        }
        return values
    }

    /// The index of the first `\n` at or after `start`, found with `memchr`: a byte-by-byte Swift
    /// loop over the buffer costs a fifth of an import in exclusivity checks alone.
    private static func newline(in buffer: Data, from start: Int) -> Int? {
        let offset = start - buffer.startIndex
        let found: Int? = buffer.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            guard let base = bytes.baseAddress, offset < bytes.count else { return nil }
            guard let hit = memchr(base + offset, 0x0A, bytes.count - offset) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        return found.map { buffer.startIndex + $0 }
    }

    private mutating func nextLine() throws(NewsJSONError) -> Data? {
        while true {
            if let newline = Self.newline(in: buffer, from: position) {
                let line = buffer[position..<newline]
                position = newline + 1
                lineNumber += 1
                return Data(line)
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                lineNumber += 1
                defer { position = buffer.count }
                return Data(buffer[position...])
            }
            guard buffer.count - position <= maxLineBytes else {
                throw NewsJSONError(field: nil, problem: "line longer than \(maxLineBytes) bytes", line: lineNumber + 1)
            }
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw NewsJSONError(field: nil, problem: "read failed: \(error.localizedDescription)", line: lineNumber + 1)
            }
            if chunk.isEmpty {
                atEnd = true
            } else {
                // Drop what was consumed once per chunk, not once per line.
                buffer = Data(buffer[position...]) + chunk
                position = 0
            }
        }
    }
}
