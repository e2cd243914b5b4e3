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
        var meta = [style.accent(clean(a.source.name))]
        if let byline = a.byline.map(clean), !byline.isEmpty { meta.append(byline) }
        lines += [meta.joined(separator: " · ")]
        var when = DateText.format(a.publishedAt, in: timeZone)
        if let minutes = a.readingMinutes { when += " · \(minutes) min read" }
        lines.append(style.dim(when))
        if let dateline = a.dateline.map(clean), !dateline.isEmpty { lines.append(style.dim(dateline)) }
        if a.rev > 1 {
            var note = "Updated (revision \(a.rev))"
            if let updated = a.updatedAt { note += " " + DateText.format(updated, in: timeZone) }
            if let fields = a.changedFields, !fields.isEmpty { note += ": " + fields.map(clean).joined(separator: ", ") + " changed" }
            lines.append(style.dim(note))
        }
        if let url = a.url.map(clean) { lines.append(style.dim(url)) }
        lines.append("")
        var footnotes: [String] = []
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
            let lines = TerminalText.wrap(clean(text), width: width)
            return level <= 2 ? lines.map { style.bold($0.uppercased()) } : lines.map(style.bold)
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
            var lines = ["┌ " + style.bold(who.isEmpty ? "Post" : who) + (embed.date.map { " · " + clean($0) } ?? "")]
            lines += TerminalText.wrap(clean(embed.text), width: width - 2).map { "│ " + $0 }
            if let url = embed.url.map(clean) { lines += TerminalText.wrap(url, width: width - 2).map { "└ " + style.dim($0) } }
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

    /// A compact age like `5m`, `3h`, `2d`, `7w`, `1y`.
    public static func age(of timestamp: Timestamp, now: Timestamp) -> String {
        let seconds = max(0, (now.epochMilliseconds - timestamp.epochMilliseconds) / 1000)
        switch seconds {
        case ..<3600: return "\(max(1, seconds / 60))m"
        case ..<86_400: return "\(seconds / 3600)h"
        case ..<(86_400 * 14): return "\(seconds / 86_400)d"
        case ..<(86_400 * 365): return "\(seconds / (86_400 * 7))w"
        default: return "\(seconds / (86_400 * 365))y"
        }
    }
}
