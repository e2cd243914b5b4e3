import Foundation
import NewsModels
import NIOCore

/// Builds the cacheable bodies of the content log from storage, for the routes and the cache warmer
/// alike, so a body warmed in the background is byte for byte the one a request would load.
enum ContentBodies {
    /// Segment `index` as of `head`: sealed, it gets a strong tag of its bytes; open, a tag naming its
    /// last seq (the bytes are fixed by it, so hashing them per request would be waste).
    static func segment(_ storage: any FeedStorage, index: Int64, size: Int64, head: Int64) throws -> CachedBody {
        let range = (index * size + 1)...((index + 1) * size)
        let sealed = head >= range.upperBound
        let lines = try storage.logLines(in: range.lowerBound...min(range.upperBound, head))
        var bytes = ByteBufferAllocator().buffer(capacity: lines.reduce(0) { $0 + $1.count + 1 })
        for line in lines {
            bytes.writeBytes(line)
            bytes.writeInteger(UInt8(ascii: "\n"))
        }
        return CachedBody(identity: bytes, etag: sealed ? strongTag(bytes) : openTag(index: index, head: head), immutable: sealed)
    }

    /// One snapshot chunk, or nil if that snapshot or chunk does not exist.
    static func snapshotChunk(_ storage: any FeedStorage, seq: Int64, chunk: Int) throws -> CachedBody? {
        guard let bytes = try storage.snapshotChunk(seq: seq, chunk: chunk) else { return nil }
        let buffer = ByteBuffer(bytes: bytes)
        return CachedBody(identity: buffer, etag: strongTag(buffer), immutable: true)
    }

    /// The validator of the open segment `index` while the log's head is `head`.
    static func openTag(index: Int64, head: Int64) -> String { "\"open-\(index)-\(head)\"" }

    /// The first 32 hex digits of the bytes' SHA-256, quoted (PROTOCOL.md §2).
    static func strongTag(_ bytes: ByteBuffer) -> String {
        "\"\(SHA256.hex(bytes.readableBytesView).prefix(32))\""
    }
}
