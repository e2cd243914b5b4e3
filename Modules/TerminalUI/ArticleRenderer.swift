import Foundation
import NewsModels
import NewsStore

/// Renders a stored article as terminal lines: header, body blocks wrapped to a width, and the
/// paragraphs' citations gathered as numbered footnotes. Every piece of article text is sanitized.
public struct ArticleRenderer: Sendable {
    /// Total columns available.
    public var width: Int
    /// Styling (colour on or off).
    public var style: Style
    /// Time zone for "published" lines (the original offset is shown as well when it differs).
    public var timeZone: TimeZone

    /// Creates a renderer.
    public init(width: Int = 80, style: Style = Style(colour: false), timeZone: TimeZone = .current) {
        self.width = max(20, width)
        self.style = style
        self.timeZone = timeZone
    }

    /// The rendered lines, without trailing newlines.
    public func render(_ stored: StoredArticle) -> [String] {
        let a = stored.article
        let clean = TerminalText.sanitize
        var lines: [String] = []
        lines += TerminalText.wrap(clean(a.title.isEmpty ? "(untitled)" : a.title), width: width).map(style.bold)
        if let dek = a.dek.map(clean), !dek.isEmpty { lines += TerminalText.wrap(dek, width: width).map(style.italic) }
        lines.append("")
        // Wrap the plain text first so widths stay exact, then colour the outlet's name.
        let source = clean(a.source.name)
        var byline = source
        if let author = a.byline.map(clean), !author.isEmpty { byline += " · " + author }
        for (index, line) in TerminalText.wrap(byline, width: width).enumerated() {
            lines.append(index == 0 && line.hasPrefix(source) ? style.accent(source) + line.dropFirst(source.count) : line)
        }
        var when = DateText.format(a.publishedAt, in: timeZone)
        if let minutes = a.readingMinutes ?? Self.readingMinutes(a.blocks) { when += " · \(minutes) min read" }
        lines += TerminalText.wrap(when, width: width).map(style.dim)
        if let dateline = a.dateline.map(clean), !dateline.isEmpty { lines += TerminalText.wrap(dateline, width: width).map(style.dim) }
        if a.rev > 1 {
            var note = "Updated (revision \(a.rev))"
            if let updated = a.updatedAt { note += " " + DateText.format(updated, in: timeZone) }
            if let fields = a.changedFields, !fields.isEmpty { note += ": " + fields.map(clean).joined(separator: ", ") + " changed" }
            lines += TerminalText.wrap(note, width: width).map(style.dim)
        }
        if let url = a.url.map(clean), !url.isEmpty { lines += TerminalText.wrap(url, width: width).map(style.dim) }
        lines.append("")
        var footnotes: [String] = []
        // The lead image, unless the body shows it anyway.
        if let lead = a.image, !a.blocks.contains(.image(lead)), lead.url != nil || lead.alt != nil {
            lines += render(.image(lead), footnotes: &footnotes)
            lines.append("")
        }
        for block in a.blocks {
            lines += render(block, footnotes: &footnotes)
            lines.append("")
        }
        if !footnotes.isEmpty {
            lines.append(style.dim(String(repeating: "─", count: min(width, 20))))
            for (index, note) in footnotes.enumerated() {
                let marker = "[\(index + 1)] "
                lines += TerminalText.wrap(note, width: width, indent: String(repeating: " ", count: marker.count), firstIndent: marker)
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Minutes at 230 words a minute, for articles whose outlet gave no reading time.
    static func readingMinutes(_ blocks: [Block]) -> Int? {
        var words = 0
        for block in blocks {
            switch block {
            case let .paragraph(text, _), let .heading(_, text), let .quote(text, _): words += text.split(whereSeparator: \.isWhitespace).count
            case let .list(_, items): words += items.reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count }
            case let .embed(embed): words += embed.text.split(whereSeparator: \.isWhitespace).count
            case .image: break
            }
        }
        return words == 0 ? nil : Article.readingMinutes(words: words)
    }

    func render(_ block: Block, footnotes: inout [String]) -> [String] {
        let clean = TerminalText.sanitize
        switch block {
        case let .paragraph(text, citations):
            var body = clean(text)
            for citation in citations {
                let label = [citation.label, citation.domain, citation.url].compactMap { $0.map(clean) }.filter { !$0.isEmpty }
                guard !label.isEmpty else { continue }
                footnotes.append(label.joined(separator: " — "))
                body += "[\(footnotes.count)]"
            }
            return TerminalText.wrap(body, width: width)
        case let .heading(level, text):
            // Underlined rather than upper-cased, so it reads the same in scripts without case.
            let lines = TerminalText.wrap(clean(text), width: width)
            let rule = String(repeating: level <= 2 ? "━" : "─", count: lines.map(TerminalText.width(of:)).max() ?? 0)
            return lines.map(style.bold) + [style.dim(rule)]
        case let .list(ordered, items):
            var lines: [String] = []
            let markerWidth = ordered ? String(items.count).count + 2 : 2
            for (index, item) in items.enumerated() {
                let marker = ordered ? TerminalText.pad("\(index + 1).", to: markerWidth) : "• "
                lines += TerminalText.wrap(clean(item), width: width, indent: String(repeating: " ", count: markerWidth), firstIndent: marker)
            }
            return lines
        case let .quote(text, attribution):
            var lines = TerminalText.wrap(clean(text), width: width - 2).map { "│ " + style.italic($0) }
            if let who = attribution.map(clean), !who.isEmpty { lines += TerminalText.wrap("— " + who, width: width - 2).map { "│ " + $0 } }
            return lines
        case let .image(image):
            var lines = TerminalText.wrap("[image] " + clean(image.alt.flatMap { $0.isEmpty ? nil : $0 } ?? "no description"), width: width).map(style.dim)
            if let caption = image.caption.map(clean), !caption.isEmpty { lines += TerminalText.wrap(caption, width: width).map(style.italic) }
            if let url = image.url.map(clean) { lines += TerminalText.wrap(url, width: width).map(style.dim) }
            return lines
        case let .embed(embed):
            let who = [embed.author, embed.handle].compactMap { $0.map(clean) }.filter { !$0.isEmpty }.joined(separator: " ")
            let header = (who.isEmpty ? "Post" : who) + (embed.date.map(clean).flatMap { $0.isEmpty ? nil : " · " + $0 } ?? "")
            var lines = TerminalText.wrap(header, width: width - 2).enumerated().map { ($0.offset == 0 ? "┌ " : "│ ") + style.bold($0.element) }
            lines += TerminalText.wrap(clean(embed.text), width: width - 2).map { "│ " + $0 }
            if let url = embed.url.map(clean), !url.isEmpty {
                lines += TerminalText.wrap(url, width: width - 2).enumerated().map { ($0.offset == 0 ? "└ " : "  ") + style.dim($0.element) }
            } else {
                lines.append("└")
            }
            return lines
        }
    }
}

/// Dates as people read them in a terminal.
public enum DateText {
    /// `2025-02-07 13:58 JST` in the reader's zone, plus the original offset when it differs.
    public static func format(_ timestamp: Timestamp, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        var text = formatter.string(from: timestamp.date)
        if zone.secondsFromGMT(for: timestamp.date) != timestamp.offsetMinutes * 60 {
            let original = TimeZone(secondsFromGMT: timestamp.offsetMinutes * 60) ?? zone
            formatter.timeZone = original
            formatter.dateFormat = "HH:mm xxx"
            text += " (" + formatter.string(from: timestamp.date) + " local to source)"
        }
        return text
    }

    /// "5m ago", or "just now" under a minute.
    public static func ago(_ timestamp: Timestamp, now: Timestamp) -> String {
        let age = age(of: timestamp, now: now)
        return age == "now" ? "just now" : age + " ago"
    }

    /// How long from one time to another, compactly: `40m`, `5h`, `3d`.
    public static func span(from start: Timestamp, to end: Timestamp) -> String {
        let span = age(of: start, now: end)
        return span == "now" ? "<1m" : span
    }

    /// A compact age like `now`, `5m`, `3h`, `2d`, `7w`, `1y`.
    public static func age(of timestamp: Timestamp, now: Timestamp) -> String {
        let seconds = max(0, (now.epochMilliseconds - timestamp.epochMilliseconds) / 1000)
        switch seconds {
        case ..<60: return "now"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86_400: return "\(seconds / 3600)h"
        case ..<(86_400 * 14): return "\(seconds / 86_400)d"
        case ..<(86_400 * 365): return "\(seconds / (86_400 * 7))w"
        default: return "\(seconds / (86_400 * 365))y"
        }
    }
}
