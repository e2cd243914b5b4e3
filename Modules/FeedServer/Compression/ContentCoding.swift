import CCompression
import Foundation
import NIOCore

/// A response content coding the server can produce (RFC 9110 §8.4), best first.
enum ContentCoding: String, Sendable, CaseIterable {
    case zstd, br, gzip, identity

    /// How hard to work: immutable bodies are compressed once and served many times, so they get a
    /// slower, smaller encoding than bodies built per request.
    enum Effort: Sendable { case once, perRequest }

    /// The codings the server answers in, best first (the cache warmer makes each of them).
    static let offered: [ContentCoding] = [.zstd, .br, .gzip]

    /// Bodies smaller than this go out as they are: the coding's framing would eat the gain.
    static let minimumBytes = 512

    /// The coding to answer with for an `Accept-Encoding` header: the server's preference (zstd, br,
    /// gzip) among those the client accepts with q > 0, else identity.
    static func negotiate(_ acceptEncoding: String?) -> ContentCoding {
        guard let acceptEncoding else { return .identity }
        var accepted: [String: Bool] = [:]
        for item in acceptEncoding.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let name = parts.first?.trimmingCharacters(in: .whitespaces).lowercased(), !name.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "q", let q = Double(pair[1]) { quality = q }
            }
            accepted[name] = quality > 0
        }
        for coding in offered {
            if let ok = accepted[coding.rawValue] ?? accepted["*"], ok { return coding }
        }
        return .identity
    }

    /// `input` in this coding; identity and failures return `nil` so the caller sends the bytes as they are.
    func encode(_ input: ByteBuffer, effort: Effort) -> ByteBuffer? {
        guard input.readableBytes >= Self.minimumBytes, self != .identity else { return nil }
        return input.withUnsafeReadableBytes { source in
            switch self {
            case .identity: nil
            case .zstd: Self.zstd(source, level: effort == .once ? 12 : 3)
            case .br: Self.brotli(source, quality: effort == .once ? 9 : 4)
            case .gzip: Self.gzip(source, level: effort == .once ? 9 : 6)
            }
        }
    }

    /// Runs `encoder` into a fresh buffer of `capacity` bytes; the encoder returns the bytes written,
    /// or nil on failure.
    private static func output(capacity: Int, _ encoder: (UnsafeMutableRawBufferPointer) -> Int?) -> ByteBuffer? {
        var buffer = ByteBufferAllocator().buffer(capacity: capacity)
        var failed = false
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: capacity) { out in
            guard let written = encoder(out) else {
                failed = true
                return 0
            }
            return written
        }
        return failed ? nil : buffer
    }

    private static func zstd(_ input: UnsafeRawBufferPointer, level: Int32) -> ByteBuffer? {
        output(capacity: ZSTD_compressBound(input.count)) { out in
            let written = ZSTD_compress(out.baseAddress, out.count, input.baseAddress, input.count, level)
            return ZSTD_isError(written) == 0 ? written : nil
        }
    }

    private static func brotli(_ input: UnsafeRawBufferPointer, quality: Int32) -> ByteBuffer? {
        let bound = BrotliEncoderMaxCompressedSize(input.count)
        guard bound > 0 else { return nil }
        return output(capacity: bound) { out in
            var size = out.count
            let ok = BrotliEncoderCompress(
                quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, input.count,
                input.bindMemory(to: UInt8.self).baseAddress, &size, out.bindMemory(to: UInt8.self).baseAddress)
            return ok == BROTLI_TRUE ? size : nil
        }
    }

    private static func gzip(_ input: UnsafeRawBufferPointer, level: Int32) -> ByteBuffer? {
        var stream = z_stream()
        guard pb_deflate_init_gzip(&stream, level) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let capacity = Int(deflateBound(&stream, uLong(input.count))) + 32
        return output(capacity: capacity) { out in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
            stream.avail_out = uInt(out.count)
            return deflate(&stream, Z_FINISH) == Z_STREAM_END ? Int(stream.total_out) : nil
        }
    }
}
