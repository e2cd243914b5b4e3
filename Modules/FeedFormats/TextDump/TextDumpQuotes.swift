import Foundation
import NewsModels

/// A paragraph that is one quotation: `“…” — Name, title`, or a line that is entirely quoted (then the
/// attribution may come on the next line, or not at all).
struct DumpQuote {
    var text: String
    var attribution: String?

    init?(_ line: String) {
        guard let open = line.first, let close = DumpShape.quotePairs[open] else { return nil }
        let body = line.dropFirst()
        guard let end = body.firstIndex(of: close) else { return nil }
        let inner = body[..<end].trimmingCharacters(in: .whitespaces)
        let after = body[body.index(after: end)...].trimmingCharacters(in: .whitespaces)
        guard !inner.isEmpty else { return nil }
        text = inner
        if after.isEmpty { return }
        guard let name = Self.attribution(after) else { return nil }
        attribution = name
    }

    /// The name in an attribution such as `— Kenji Arakawa-Lund, deputy trade minister`: a dash, then at
    /// most 12 words without quotation marks; nil for anything else, including a social post's
    /// `— Name (@handle) date` line. On a line of its own only an em or en dash counts (`- x` is a bullet).
    static func attribution(_ line: String, ownLine: Bool = false) -> String? {
        guard let dash = line.first, (ownLine ? "—–" : "—–-").contains(dash) else { return nil }
        let name = line.dropFirst().trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, DumpShape.wordCount(name) <= 12, !name.contains("(@"),
              !name.contains(where: { DumpShape.quotePairs[$0] != nil || $0 == "”" }) else { return nil }
        return name
    }
}

/// The line under an embedded social post in a dump: `— President Jane Roe (@handle) February 8, 2025`.
struct EmbedAttribution {
    var author: String?
    var handle: String
    var date: String?

    init?(_ line: String) {
        guard let dash = line.first, "—–-".contains(dash) else { return nil }
        let rest = line.dropFirst().trimmingCharacters(in: .whitespaces)
        guard let open = rest.range(of: "(@"), let close = rest[open.upperBound...].firstIndex(of: ")") else { return nil }
        let name = rest[open.upperBound..<close]
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 60 }),
              parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
              parts.dropFirst().allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" } })
        else { return nil }
        let author = rest[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
        guard DumpShape.wordCount(author) <= 8 else { return nil }
        handle = "@" + name
        self.author = author.isEmpty ? nil : author
        let when = rest[rest.index(after: close)...].trimmingCharacters(in: .whitespaces)
        date = when.isEmpty ? nil : when
    }

    /// The post: its text is the line above the attribution, without the media or status link that
    /// becomes the post's URL (`pic.twitter.com/…` gets an `https://` scheme).
    func embed(text line: String) -> Embed {
        var kept: [Substring] = []
        var url: String?
        for word in DumpShape.words(line) {
            let lower = word.lowercased()
            let isLink = ["pic.twitter.com/", "twitter.com/", "x.com/", "t.co/", "https://", "http://"]
                .contains { lower.hasPrefix($0) || lower.hasPrefix("https://" + $0) || lower.hasPrefix("http://" + $0) }
            if isLink, url == nil, word.count > 8 {
                url = lower.hasPrefix("http") ? String(word) : "https://" + word
            } else {
                kept.append(word)
            }
        }
        let kind = handle.dropFirst().contains("@") ? "mastodon" : "x"
        return Embed(kind: kind, author: author, handle: handle, date: date, url: url, text: kept.joined(separator: " "))
    }
}
