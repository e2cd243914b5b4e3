import NewsModels
import NewsStore

/// Formats timeline and search results as aligned terminal lines: number, marks, source, age, title.
public struct ListFormatter: Sendable {
    /// Total columns available.
    public var width: Int
    /// Styling (colour on or off).
    public var style: Style
    /// The time ages are measured from.
    public var now: Timestamp

    /// Creates a formatter.
    public init(width: Int = 80, style: Style = Style(colour: false), now: Timestamp = .now()) {
        self.width = max(30, width)
        self.style = style
        self.now = now
    }

    /// One line per entry (two below `narrowWidth` columns). Marks: `N` unread, `*` starred, `U`
    /// updated since first published.
    public func lines(_ entries: [TimelineEntry]) -> [String] {
        let numberWidth = entries.map { String($0.number).count }.max() ?? 1
        let sourceWidth = min(18, max(6, width / 6))
        return entries.flatMap { line($0, numberWidth: numberWidth, sourceWidth: sourceWidth).split(separator: "\n").map(String.init) }
    }

    /// Below this width a timeline entry takes two lines, so a phone-sized terminal still shows
    /// most of each headline.
    public static let narrowWidth = 50

    func line(_ e: TimelineEntry, numberWidth: Int, sourceWidth: Int) -> String {
        let number = String(repeating: " ", count: numberWidth - String(e.number).count) + String(e.number)
        let marks = (e.isRead ? " " : "N") + (e.isStarred ? "*" : " ") + (e.rev > 1 ? "U" : " ")
        if width < Self.narrowWidth {
            let age = TerminalText.pad(DateText.age(of: e.publishedAt, now: now), to: 3)
            let source = TerminalText.truncate(TerminalText.sanitize(e.sourceName), to: max(5, width - numberWidth - 9))
            let indent = String(repeating: " ", count: numberWidth + 1)
            let title = TerminalText.truncate(TerminalText.headline(e.title), to: max(10, width - indent.count))
            return "\(number) \(marks) \(style.dim(age)) \(style.accent(source))\n" + indent + (e.isRead ? title : style.bold(title))
        }
        let source = TerminalText.pad(TerminalText.truncate(TerminalText.sanitize(e.sourceName), to: sourceWidth), to: sourceWidth)
        let age = TerminalText.pad(DateText.age(of: e.publishedAt, now: now), to: 3)
        let used = numberWidth + 1 + 3 + 1 + sourceWidth + 1 + 3 + 1
        let title = TerminalText.truncate(TerminalText.headline(e.title), to: max(10, width - used))
        return "\(number) \(marks) \(style.accent(source)) \(style.dim(age)) " + (e.isRead ? title : style.bold(title))
    }

    /// Search hits: the result line, then the snippet wrapped and indented, matches highlighted.
    public func lines(_ hits: [SearchHit]) -> [String] {
        let numberWidth = hits.map { String($0.entry.number).count }.max() ?? 1
        let sourceWidth = min(18, max(6, width / 6))
        var out: [String] = []
        for hit in hits {
            out += line(hit.entry, numberWidth: numberWidth, sourceWidth: sourceWidth).split(separator: "\n").map(String.init)
            // Wrap the plain text first so widths stay exact, then highlight the matched words.
            let indent = String(repeating: " ", count: width < Self.narrowWidth ? numberWidth + 1 : numberWidth + 5)
            let plain = hit.snippet.map { TerminalText.sanitize($0.text) }.joined()
            let matched = Set(hit.snippet.filter(\.isMatch).map { TerminalText.sanitize($0.text) })
            for wrapped in TerminalText.wrap(plain, width: width, indent: indent) {
                let words = wrapped.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: false)
                out.append(indent + words.map { word in highlighted(word, matched) }.joined(separator: " "))
            }
        }
        return out
    }

    private func highlighted(_ word: Substring, _ matched: Set<String>) -> String {
        for match in matched where !match.isEmpty {
            if let range = word.range(of: match) {
                return String(word[..<range.lowerBound]) + style.highlight(match) + String(word[range.upperBound...])
            }
        }
        return String(word)
    }
}
