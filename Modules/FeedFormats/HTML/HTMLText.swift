/// Byte-level checks on UTF-8 text, so that the common case needs no String work.
enum HTMLText {
    /// HTML's whitespace: space, tab, line feed, form feed, carriage return.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    /// Whether UTF-8 text holds a C0 control other than tab, line feed, form feed and carriage return.
    static func hasControlCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte < 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D && byte != 0x0C { return true }
        return false
    }

    /// Whether UTF-8 text holds what `TextCleaning` removes or collapses: controls (C0 but line feed,
    /// DEL, C1), bidi controls U+202A–202E and U+2066–2069, U+FFF9–FFFB, or Unicode whitespace other than
    /// the space (U+0085, U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000).
    static func needsCleaning(_ text: [UInt8]) -> Bool {
        let count = text.count
        var i = 0
        while i < count {
            let byte = text[i]
            i += 1
            if byte < 0x80 {
                if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { return true }
                continue
            }
            let second = i < count ? text[i] : 0
            let third = i + 1 < count ? text[i + 1] : 0
            switch byte {
            case 0xC2: if second <= 0xA0 { return true }
            case 0xE1: if second == 0x9A, third == 0x80 { return true }
            case 0xE2:
                if second == 0x80, (0x80...0x8A).contains(third) || (0xA8...0xAF).contains(third) { return true }
                if second == 0x81, third == 0x9F || (0xA6...0xA9).contains(third) { return true }
            case 0xE3: if second == 0x80, third == 0x80 { return true }
            case 0xEF: if second == 0xBF, (0xB9...0xBB).contains(third) { return true }
            default: break
            }
        }
        return false
    }
}
