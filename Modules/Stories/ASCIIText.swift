import Foundation

/// Byte-level forms of the tokenizer's steps for plain ASCII text, where every byte is one
/// `Character` (except `\r\n`, one `Character` of two bytes): they give exactly what the
/// `Character` forms give, without grapheme breaking or a `String` per character, which were most
/// of the cost of grouping English text.
enum ASCIIText {
    /// The UTF-8 bytes of `text` when they are all ASCII and stored contiguously, passed to `body`; else `nil`.
    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let result: R?? = text.utf8.withContiguousStorageIfAvailable { bytes -> R? in
            for byte in bytes where byte >= 0x80 { return nil }
            return body(bytes)
        }
        return result ?? nil
    }

    /// An ASCII letter or digit.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }

    /// The runs of `Tokenizer.runs` for ASCII `bytes`.
    static func runs(_ bytes: UnsafeBufferPointer<UInt8>) -> [Tokenizer.Run] {
        var result: [Tokenizer.Run] = []
        var word: [UInt8] = []
        word.reserveCapacity(32)
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if isWordByte(byte) {
                word.append(byte)
            } else if byte == 0x2E, !word.isEmpty, i + 1 < n, isWordByte(bytes[i + 1]), !(48...57).contains(bytes[i + 1]), word.count == 1 {
                // U.S., D.C.: single letters joined by periods
            } else {
                if !word.isEmpty { result.append(.word(String(decoding: word, as: UTF8.self))); word.removeAll(keepingCapacity: true) }
                if byte == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A {
                    i += 2  // "\r\n" is one Character, and not the "\n" that ends a sentence
                    continue
                }
                if byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x0A { result.append(.sentenceEnd) }
            }
            i += 1
        }
        if !word.isEmpty { result.append(.word(String(decoding: word, as: UTF8.self))) }
        return result
    }

    /// `Tokenizer.normalize` of an ASCII word: lowercased, then the same plural and possessive endings dropped.
    static func normalize(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        return String(unsafeUninitializedCapacity: n) { out in
            for i in 0..<n {
                let byte = bytes[i]
                out[i] = (65...90).contains(byte) ? byte + 32 : byte
            }
            if n > 4, out[n - 3] == 0x69, out[n - 2] == 0x65, out[n - 1] == 0x73 {  // -ies to -y
                out[n - 3] = 0x79
                return n - 2
            }
            if n > 4, out[n - 1] == 0x73, out[n - 2] != 0x73, out[n - 2] != 0x75 {  // -s, not -ss or -us
                return n - 1
            }
            return n
        }
    }

    /// How many whitespace-separated words `bytes` holds, as `split(whereSeparator: \.isWhitespace)` counts them.
    static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            // Tab, line feed, vertical tab, form feed, carriage return and space are ASCII's white space.
            let space = byte == 0x20 || (0x09...0x0D).contains(byte)
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}
