import Foundation
import NewsModels

/// A segment's bytes and validator.
struct SegmentBody: Sendable {
    let bytes: Data
    let etag: String
    let sealed: Bool
}

/// Builds segment bodies and keeps sealed ones: they never change, so each is read from the
/// database and hashed once. Bounded by total bytes; the least recently used are dropped first.
actor SegmentCache {
    private var sealed: [Int64: (body: SegmentBody, lastUse: UInt64)] = [:]
    private var cachedBytes = 0
    private var useCounter: UInt64 = 0
    private let byteLimit: Int

    init(byteLimit: Int = 256 << 20) {
        self.byteLimit = byteLimit
    }

    /// The body of segment `index`, reading the log through `lines` on a miss.
    func body(
        index: Int64, range: ClosedRange<Int64>, head: Int64, lines: @Sendable (ClosedRange<Int64>) throws -> [Data]
    ) throws -> SegmentBody {
        useCounter += 1
        if let hit = sealed[index] {
            sealed[index]?.lastUse = useCounter
            return hit.body
        }
        let isSealed = head >= range.upperBound
        let available = range.lowerBound...min(range.upperBound, head)
        var bytes = Data()
        for line in try lines(available) {
            bytes.append(line)
            bytes.append(0x0A)
        }
        guard isSealed else {
            // The open segment's bytes are fixed by its last seq, so that names this version.
            return SegmentBody(bytes: bytes, etag: "\"open-\(index)-\(available.upperBound)\"", sealed: false)
        }
        let body = SegmentBody(bytes: bytes, etag: "\"\(SHA256.hex(bytes).prefix(32))\"", sealed: true)
        sealed[index] = (body, useCounter)
        cachedBytes += bytes.count
        evictIfNeeded()
        return body
    }

    private func evictIfNeeded() {
        while cachedBytes > byteLimit, let oldest = sealed.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            cachedBytes -= oldest.value.body.bytes.count
            sealed[oldest.key] = nil
        }
    }
}
