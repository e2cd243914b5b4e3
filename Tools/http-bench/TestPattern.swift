import Foundation

/// The loopback test server's body, byte i being i mod 251, checked a run at a time: each chunk is
/// compared with `memcmp` against a copy of the pattern starting at the right phase, and only a run
/// that differs is scanned for the first wrong byte. A byte-by-byte check cost more than the transfer.
struct TestPattern {
    static let period = 251
    /// Whole periods, so a run starting at any phase fits after `phase` bytes.
    private let bytes: [UInt8] = (0..<(period * 2_048)).map { UInt8($0 % period) }

    /// The offset of the first byte of `chunk` (which starts at `offset` in the body) that is not the
    /// pattern's, with that byte, or nil when the whole chunk matches.
    func firstMismatch(in chunk: Data, at offset: Int64) -> (offset: Int64, byte: UInt8)? {
        let runLength = bytes.count - Self.period
        return chunk.withUnsafeBytes { (body: UnsafeRawBufferPointer) -> (Int64, UInt8)? in
            bytes.withUnsafeBytes { (pattern: UnsafeRawBufferPointer) -> (Int64, UInt8)? in
                var start = 0
                while start < body.count {
                    let length = min(runLength, body.count - start)
                    let phase = Int((offset + Int64(start)) % Int64(Self.period))
                    if memcmp(body.baseAddress! + start, pattern.baseAddress! + phase, length) != 0 {
                        for index in start..<(start + length) where body[index] != pattern[phase + index - start] {
                            return (offset + Int64(index), body[index])
                        }
                    }
                    start += length
                }
                return nil
            }
        }
    }

    /// What byte `offset` of the body should be.
    static func expected(at offset: Int64) -> UInt8 { UInt8(offset % Int64(period)) }
}
