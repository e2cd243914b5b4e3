import NewsModels

/// A publication date guessed from what an undated article mentions, and a short reason for it.
struct DumpInferredDate: Hashable {
    /// The guess, in UTC (offset 0): nothing says which zone the outlet writes in.
    var timestamp: Timestamp
    /// Why, e.g. `from 'February 2025' in the text`.
    var reason: String
}

/// One date an article mentions, to the day or only to the month, and where it was found.
struct DumpDateEvidence: Hashable {
    /// How much a kind of evidence is trusted, weakest first; breaks ties between equally late dates.
    enum Kind: Int, Comparable {
        case monthMention, addressPath, fullDate

        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    var kind: Kind
    var year: Int, month: Int
    /// Nil for month precision.
    var day: Int?
    /// The words quoted in the reason (`February 2025`, `/2025/02/`).
    var excerpt: String
    /// Where the words were, e.g. `in the text`, `in an image address`.
    var place: String

    /// The first millisecond of the day or month named.
    var start: Int64 { Timestamp.epochMilliseconds(year: year, month: month, day: day ?? 1) }

    /// The first millisecond after the day or month named.
    var end: Int64 {
        if day != nil { return start + Self.dayMillis }
        return month == 12 ? Timestamp.epochMilliseconds(year: year + 1, month: 1, day: 1)
            : Timestamp.epochMilliseconds(year: year, month: month + 1, day: 1)
    }

    /// Ordered by how late the named period ends, then by precision, then by kind: the order in which
    /// evidence wins.
    static func isEarlier(_ a: DumpDateEvidence, _ b: DumpDateEvidence) -> Bool {
        if a.end != b.end { return a.end < b.end }
        if (a.day == nil) != (b.day == nil) { return a.day == nil }
        return a.kind < b.kind
    }

    static let dayMillis: Int64 = 86_400_000
}

/// Dates an undated dump's article when its own text says when it was written.
///
/// Evidence, strongest first: full dates in the text (`February 7, 2025`, `7 February 2025`, ISO
/// `2025-02-07`), date paths in the addresses of its images and links (`/2025/02/07/`, `/2025/02/`,
/// `/2025-02-07`), month-and-year mentions (`in February 2025`). Years before 1990 or after the bound's
/// year + 1, and dates that begin after the bound (the article was saved, or is read, by then), are
/// ignored. The latest remaining date wins, because an article is published after the events it reports;
/// a day inside that latest month, when the text names one, makes it precise.
enum DumpDateInference {
    /// The publication date `evidence` points to, not after `bound`; nil when there is no usable evidence.
    static func infer(from evidence: [DumpDateEvidence], notAfter bound: Timestamp) -> DumpInferredDate? {
        let years = 1990...(Timestamp(epochMilliseconds: bound.epochMilliseconds).civil.year + 1)
        let usable = evidence.filter { years.contains($0.year) && $0.start <= bound.epochMilliseconds }
        guard var best = usable.max(by: DumpDateEvidence.isEarlier) else { return nil }
        if best.day == nil, let day = usable.filter({ $0.day != nil && $0.start >= best.start && $0.end <= best.end })
            .max(by: DumpDateEvidence.isEarlier) {
            best = day
        }
        // Noon of the day, or noon of the 15th of the month: the middle of the period the text names,
        // so the guess is off by at most half of it (half a day; about half a month) whenever the true
        // date lies in that period, and a day named in a zone far east or west of UTC still dates to it.
        var millis = best.day == nil
            ? Timestamp.epochMilliseconds(year: best.year, month: best.month, day: 15, hour: 12)
            : best.start + DumpDateEvidence.dayMillis / 2
        var reason = "from '\(best.excerpt)' \(best.place)"
        if millis > bound.epochMilliseconds {
            // The bound falls inside the period: the middle of what is left of it, for the same reason.
            millis = best.start + (bound.epochMilliseconds - best.start) / 2 / 60_000 * 60_000
            reason += ", not after " + String(bound.rfc3339.prefix(10))
        }
        return DumpInferredDate(timestamp: Timestamp(epochMilliseconds: millis, offsetMinutes: 0), reason: reason)
    }

    /// The evidence an article's parts hold: dates in its text and date paths in its addresses.
    static func evidence(title: String, dek: String?, dateline: String?, image: ImageRef?, blocks: [Block]) -> [DumpDateEvidence] {
        var found: [DumpDateEvidence] = []
        var texts = [title, dek ?? "", dateline ?? ""]
        var links: [String] = []
        var images = image?.url.map { [$0] } ?? []
        for block in blocks {
            switch block {
            case let .paragraph(text, citations):
                texts.append(text)
                texts += citations.compactMap(\.label)
                links += citations.compactMap(\.url)
            case let .heading(_, text): texts.append(text)
            case let .list(_, items): texts += items
            case let .quote(text, attribution): texts += [text, attribution ?? ""]
            case let .image(picture):
                texts += [picture.alt ?? "", picture.caption ?? ""]
                if let url = picture.url { images.append(url) }
            case let .embed(post):
                texts += [post.text, post.date ?? ""]
                if let url = post.url { links.append(url) }
            }
        }
        for text in texts {
            for line in text.split(separator: "\n") {
                // Addresses inside the text are read as addresses, and kept out of the text scan so a
                // `2025-02-07` in one is not also quoted as a date the text gives.
                var words: [Substring] = []
                for word in line.split(separator: " ") {
                    if isAddress(word) { links.append(String(word)) } else { words.append(word) }
                }
                let plain = words.joined(separator: " ")
                let chars = Array(plain)
                for mention in DumpDateScanner.mentions(in: plain) {
                    found.append(DumpDateEvidence(
                        kind: mention.day == nil ? .monthMention : .fullDate, year: mention.year, month: mention.month,
                        day: mention.day, excerpt: excerpt(String(chars[mention.range])), place: "in the text"))
                }
            }
        }
        found += images.compactMap { datePath(in: $0, place: "in an image address") }
        found += links.compactMap { datePath(in: $0, place: "in a link") }
        return found
    }

    /// The first date path in an address: `/2025/02/07/` (day), `/2025/02/` (month), `/2025-02-07…` (day).
    static func datePath(in address: String, place: String) -> DumpDateEvidence? {
        var path = Substring(address)
        if let scheme = path.range(of: "://") { path = path[scheme.upperBound...] }
        path = path.prefix { $0 != "?" && $0 != "#" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()  // the host
            .map(String.init)
        for (i, segment) in segments.enumerated() {
            if let (y, m, d) = isoPrefix(segment) {
                return DumpDateEvidence(kind: .addressPath, year: y, month: m, day: d, excerpt: excerpt("/\(segment.prefix(10))"), place: place)
            }
            guard segment.count == 4, let year = number(segment), i + 1 < segments.count,
                  (1...2).contains(segments[i + 1].count), let month = number(segments[i + 1]), DumpDateScanner.valid(year, month, 1)
            else { continue }
            let dayText = i + 2 < segments.count ? segments[i + 2] : ""
            if (1...2).contains(dayText.count), let day = number(dayText), DumpDateScanner.valid(year, month, day) {
                return DumpDateEvidence(kind: .addressPath, year: year, month: month, day: day,
                                        excerpt: "/\(segment)/\(segments[i + 1])/\(dayText)/", place: place)
            }
            return DumpDateEvidence(kind: .addressPath, year: year, month: month, day: nil,
                                    excerpt: "/\(segment)/\(segments[i + 1])/", place: place)
        }
        return nil
    }

    /// `2025-02-07` at the start of a path segment, followed by its end or by something other than a digit.
    private static func isoPrefix(_ segment: String) -> (Int, Int, Int)? {
        let c = Array(segment.prefix(11))
        guard c.count >= 10, c[4] == "-", c[7] == "-", c.count == 10 || !(c[10].isASCII && c[10].isNumber),
              let y = number(String(c[0..<4])), let m = number(String(c[5..<7])), let d = number(String(c[8..<10])),
              DumpDateScanner.valid(y, m, d)
        else { return nil }
        return (y, m, d)
    }

    /// A word that is a web address: a scheme, or a host (letters, digits, dots, dashes, with a dot)
    /// before its first slash.
    private static func isAddress(_ word: Substring) -> Bool {
        if word.contains("://") { return true }
        guard let slash = word.firstIndex(of: "/"), slash > word.startIndex else { return false }
        let host = word[..<slash]
        return host.contains(".") && host.contains(where: \.isLetter)
            && host.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "." || $0 == "-" }
    }

    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// Untrusted words quoted in a reason: one clean line, short.
    private static func excerpt(_ text: String) -> String {
        String(TextCleaning.line(text).prefix(60))
    }
}
