/// Numbers in paths and query strings, accepted only in their one canonical spelling.
///
/// `Int64("+1")` and `Int64("-0")` succeed, and so would `007`; each spelling is a different URL
/// (and cache key) for the same resource, so only plain decimal digits without a leading zero are
/// numbers here.
enum CanonicalInteger {
    /// The non-negative number `text` spells canonically (`0`, `1`, `42`), else nil.
    static func parse(_ text: some StringProtocol) -> Int64? {
        let bytes = text.utf8
        guard let first = bytes.first, bytes.count <= 19, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            first != UInt8(ascii: "0") || bytes.count == 1
        else { return nil }
        return Int64(text)
    }
}
