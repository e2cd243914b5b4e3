#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Text in a named character encoding converted to UTF-8 with the system's iconv, so every parser
/// scans and reads UTF-8 only and never lets libxml2 switch encodings on its own.
enum CharacterTranscoding {
    /// The converted bytes and, when a byte sequence could not be converted, its offset in the input.
    struct Converted {
        var utf8: [UInt8]
        var failedAt: Int?
    }

    /// `bytes` in `encoding` as UTF-8, up to the first byte sequence that cannot be converted (as libxml2
    /// stops reading there too); nil when the encoding is unknown.
    static func utf8(_ bytes: UnsafeRawBufferPointer, from encoding: String) -> Converted? {
        let converter = iconv_open("UTF-8", encoding)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var out = [UInt8](repeating: 0, count: bytes.count * 2 + 64)
        var used = 0
        var position = 0
        var failedAt: Int?
        guard let base = bytes.baseAddress else { return Converted(utf8: [], failedAt: nil) }
        while position < bytes.count {
            var inLeft = bytes.count - position
            var outLeft = out.count - used
            let result = out.withUnsafeMutableBytes { buffer -> Int in
                var source: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: (base + position).assumingMemoryBound(to: CChar.self))
                var target: UnsafeMutablePointer<CChar>? = (buffer.baseAddress! + used).assumingMemoryBound(to: CChar.self)
                return iconv(converter, &source, &inLeft, &target, &outLeft)
            }
            let problem = result == -1 ? errno : 0
            position = bytes.count - inLeft
            used = out.count - outLeft
            if problem == E2BIG {
                out += [UInt8](repeating: 0, count: max(64, out.count / 2))
            } else if problem != 0 {
                failedAt = position
                break
            }
        }
        out.removeSubrange(used...)
        return Converted(utf8: out, failedAt: failedAt)
    }

    /// Whether the system's iconv has a converter from `encoding` at all.
    static func isKnown(_ encoding: String) -> Bool {
        let converter = iconv_open("UTF-8", encoding)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return false }
        iconv_close(converter)
        return true
    }

    /// Whether `encoding` writes the characters markup is made of (`<?xml version="1.0"?>`, `<!DOCTYPE [ ]>`,
    /// `&;#'`, letters, digits, spaces, line breaks) as the same single bytes ASCII does. UTF-7, EBCDIC
    /// and the UTF-16/32 forms do not; a document in one of them cannot be scanned as bytes.
    static func isASCIICompatible(_ encoding: String) -> Bool {
        let probe = Array("<?xml version=\"1.0\" encoding='x'?><!DOCTYPE a [ <!ENTITY b \"c\"> ]>&amp;&#60;-+_:/.=% \t\r\nABCXYZabcxyz0189".utf8)
        return probe.withUnsafeBytes { raw in
            guard let converted = utf8(raw, from: encoding) else { return false }
            return converted.failedAt == nil && converted.utf8 == probe
        }
    }
}
