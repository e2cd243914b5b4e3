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

    /// One line per entry. Marks: `N` unread, `*` starred, `U` updated since first published.
    public func lines(_ entries: [TimelineEntry]) -> [String] {
        let numberWidth = entries.map { String($0.number).count }.max() ?? 1
        let sourceWidth = min(18, max(6, width / 6))
        return entries.map { line($0, numberWidth: numberWidth, sourceWidth: sourceWidth) }
    }

    func line(_ e: TimelineEntry, numberWidth: Int, sourceWidth: Int) -> String {
        let number = String(repeating: " ", count: numberWidth - String(e.number).count) + String(e.number)
        let marks = (e.isRead ? " " : "N") + (e.isStarred ? "*" : " ") + (e.rev > 1 ? "U" : " ")
        let source = TerminalText.pad(TerminalText.truncate(TerminalText.sanitize(e.sourceName), to: sourceWidth), to: sourceWidth)
        let age = TerminalText.pad(DateText.age(of: e.publishedAt, now: now), to: 3)
        let used = numberWidth + 1 + 3 + 1 + sourceWidth + 1 + 3 + 1
        let title = TerminalText.truncate(TerminalText.sanitize(e.title), to: max(10, width - used))
        return "\(number) \(marks) \(style.accent(source)) \(style.dim(age)) " + (e.isRead ? title : style.bold(title))
    }

    /// Search hits: the result line, then the snippet wrapped and indented, matches highlighted.
    public func lines(_ hits: [SearchHit]) -> [String] {
        let numberWidth = hits.map { String($0.entry.number).count }.max() ?? 1
        let sourceWidth = min(18, max(6, width / 6))
        var out: [String] = []
        for hit in hits {
            out.append(line(hit.entry, numberWidth: numberWidth, sourceWidth: sourceWidth))
            // Wrap on plain text, then re-apply highlighting word by word so widths stay exact.
            let indent = String(repeating: " ", count: numberWidth + 5)
            var words: [(String, Bool)] = []
            for part in hit.snippet {
                for word in TerminalText.sanitize(part.text).split(separator: " ") { words.append((String(word), part.isMatch)) }
            }
            let plain = words.map(\.0).joined(separator: " ")
            var cursor = 0
            for wrapped in TerminalText.wrap(plain, width: width, indent: indent) {
                let count = wrapped.split(separator: " ").count
                let slice = words[cursor..<min(words.count, cursor + count)]
                cursor += count
                out.append(indent + slice.map { $0.1 ? style.highlight($0.0) : $0.0 }.joined(separator: " "))
            }
        }
        return out
    }
}
