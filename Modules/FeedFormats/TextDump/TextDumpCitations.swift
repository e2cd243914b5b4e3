import NewsModels

/// Source domains glued to the end of a paragraph by "copy with sources" exports:
/// `…left at dawn.harbourwire.com` is the sentence `…left at dawn.` citing `harbourwire.com`.
enum GluedCitation {
    /// Public suffixes a cited domain may end with; two-part ones are tried first. Short country codes
    /// that are also common words (`in`, `it`, `is`, `at`, `be`, `no`, `me`, `to`, `us`) are left out so
    /// that text such as `…made it.work.it` is never split.
    static let suffixes: [String] = [
        "co.uk", "org.uk", "gov.uk", "ac.uk", "co.jp", "or.jp", "ne.jp", "go.jp", "ac.jp", "com.au", "net.au",
        "org.au", "gov.au", "co.nz", "com.cn", "com.hk", "com.tw", "com.sg", "co.kr", "co.in", "co.za", "com.br",
        "com.mx",
        "com", "org", "net", "gov", "edu", "int", "mil", "io", "info", "news", "co", "uk", "jp", "de", "fr", "es",
        "nl", "ch", "se", "dk", "fi", "pl", "ru", "cn", "hk", "tw", "kr", "sg", "au", "nz", "ca", "mx", "br",
        "ie", "il", "eu", "tv", "ai",
    ]

    /// Host labels that belong to the cited host rather than to the sentence before it.
    private static let hostLabels: Set<String> = ["www", "www2", "m", "amp", "mobile", "en", "english", "edition", "news"]
    /// Host labels left out of the cited domain, as `WebAddress.domain` leaves out `www.`.
    private static let droppedLabels: Set<String> = ["www", "www2", "m", "amp", "mobile"]

    /// Characters that can end the sentence a domain is glued to.
    private static let sentenceEnds: Set<Character> = [".", "!", "?", "”", "\"", ")", "’"]

    /// The paragraph without its glued domain and the domain (without `www.`), or nil when the
    /// paragraph does not end that way. A `+2` count after the domain (more sources) is dropped too.
    static func split(_ paragraph: String) -> (text: String, domain: String)? {
        // Cheap rejection first: a glued domain (or its `+N`) ends in an ASCII lower-case letter or digit.
        guard let last = paragraph.unicodeScalars.last, last.isASCII,
              (0x61...0x7A).contains(last.value) || (0x30...0x39).contains(last.value) else { return nil }
        guard let lastSpace = paragraph.lastIndex(where: \.isWhitespace) else { return nil }
        let head = paragraph[..<lastSpace]
        var token = paragraph[paragraph.index(after: lastSpace)...]
        if let plus = token.lastIndex(of: "+"), token[token.index(after: plus)...].allSatisfy(\.isNumber),
           token.index(after: plus) < token.endIndex {
            token = token[..<plus]
        }
        guard DumpShape.wordCount(head) >= 3 else { return nil }
        for suffix in suffixes where token.hasSuffix("." + suffix) {
            var start = token.index(token.endIndex, offsetBy: -(suffix.count + 1))
            // The registrable label before the suffix: lower-case letters, digits and inner hyphens.
            let label = token[..<start].reversed().prefix(while: { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" })
            guard !label.isEmpty, label.count <= 63, label.contains(where: \.isLetter), label.first != "-", label.last != "-"
            else { continue }
            start = token.index(start, offsetBy: -label.count)
            // Host labels such as `www.` belong to the domain, not to the sentence.
            while token[..<start].last == "." {
                let beforeDot = token[..<token.index(before: start)]
                let labelStart = beforeDot.lastIndex(where: { !($0.isLetter || $0.isNumber || $0 == "-") })
                    .map { token.index(after: $0) } ?? token.startIndex
                guard hostLabels.contains(String(token[labelStart..<beforeDot.endIndex])) else { break }
                guard labelStart > token.startIndex else { return nil }  // a bare host name, nothing glued
                start = labelStart
            }
            let sentence = token[..<start]
            guard sentence.count >= 2, let end = sentence.last, sentenceEnds.contains(end) else { return nil }
            var domain = String(token[start...])
            while let first = domain.split(separator: ".").first, droppedLabels.contains(String(first)) {
                domain.removeFirst(first.count + 1)
            }
            return (String(head) + " " + String(sentence), domain)
        }
        return nil
    }
}
