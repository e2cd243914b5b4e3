import Foundation
import NewsModels
import Stories

/// Renders how several outlets covered one story (a `CoverageComparison`) as headed terminal
/// sections: who published first, figures that disagree, quotes shared by outlets, and facts only
/// one outlet reports. Every piece of article text is sanitized and wrapped by display width.
public struct ComparisonFormatter: Sendable {
    /// Total columns available.
    public var width: Int
    /// Styling (colour on or off).
    public var style: Style
    /// The reader's time zone, for publication times.
    public var timeZone: TimeZone

    /// Creates a formatter.
    public init(width: Int = 80, style: Style = Style(colour: false), timeZone: TimeZone = .current) {
        self.width = max(30, width)
        self.style = style
        self.timeZone = timeZone
    }

    /// Shown instead of the sections when the story has a single outlet.
    public static let singleOutletNote = "one outlet so far: nothing to compare"

    /// Display names for every outlet in `comparison`: `known` first (the store's names), then the
    /// name the articles carry, then the id itself.
    public static func outletNames(_ comparison: CoverageComparison, known: [String: String] = [:]) -> [String: String] {
        var names: [String: String] = [:]
        for first in comparison.firstPublications { names[first.sourceId] = first.sourceName.isEmpty ? first.sourceId : first.sourceName }
        let mentioned = comparison.sharedQuotes.flatMap(\.sourceIds) + comparison.exclusiveFacts.map(\.sourceId)
            + comparison.figureDisagreements.flatMap { $0.reports.map(\.sourceId) }
        for id in mentioned where names[id] == nil { names[id] = id }
        for (id, name) in known where !name.isEmpty { names[id] = name }
        return names
    }

    /// The comparison's sections, empty ones left out; `sourceNames` maps source ids to the names
    /// to show (see `outletNames`).
    public func lines(_ comparison: CoverageComparison, sourceNames: [String: String] = [:]) -> [String] {
        let names = Self.outletNames(comparison, known: sourceNames)
        let name = { (id: String) in TerminalText.sanitize(names[id] ?? id) }
        let nothingElse = comparison.sharedQuotes.isEmpty && comparison.figureDisagreements.isEmpty && comparison.exclusiveFacts.isEmpty
        if comparison.firstPublications.count < 2 && nothingElse { return [style.dim(Self.singleOutletNote)] }
        var sections: [[String]] = []
        if comparison.firstPublications.count >= 2 { sections.append(firstPublished(comparison.firstPublications, name)) }
        if !comparison.figureDisagreements.isEmpty { sections.append(figures(comparison.figureDisagreements, name)) }
        if !comparison.sharedQuotes.isEmpty { sections.append(quotes(comparison.sharedQuotes, name)) }
        if !comparison.exclusiveFacts.isEmpty { sections.append(exclusives(comparison.exclusiveFacts, name)) }
        return Array(sections.joined(separator: [""]))
    }

    /// A section title, underlined the way `ArticleRenderer` underlines a minor heading.
    func heading(_ title: String) -> [String] {
        let lines = TerminalText.wrap(title, width: width)
        return lines.map(style.bold) + [style.dim(String(repeating: "─", count: lines.map(TerminalText.width(of:)).max() ?? 0))]
    }

    func firstPublished(_ firsts: [CoverageComparison.FirstPublication], _ name: (String) -> String) -> [String] {
        var out = heading("First published")
        guard let earliest = firsts.first?.publishedAt else { return out }
        let rows = firsts.map { first in
            (name: name(first.sourceId), time: DateText.clock(first.publishedAt, in: timeZone),
             after: first.publishedAt == earliest ? "first" : DateText.elapsed(from: earliest, to: first.publishedAt))
        }
        let timeWidth = rows.map { TerminalText.width(of: $0.time) }.max() ?? 0
        let nameWidth = min(rows.map { TerminalText.width(of: $0.name) }.max() ?? 0, 24)
        let afterWidth = rows.map { TerminalText.width(of: $0.after) }.max() ?? 0
        // One row per outlet when name, time and delay fit side by side; otherwise the time goes
        // under the name, so a narrow terminal never cuts the time.
        let sideBySide = nameWidth + 2 + timeWidth + 2 + afterWidth <= width
        for row in rows {
            let when = TerminalText.pad(row.time, to: timeWidth) + "  " + row.after
            if sideBySide {
                out.append(style.accent(TerminalText.pad(TerminalText.truncate(row.name, to: nameWidth), to: nameWidth)) + "  " + style.dim(when))
            } else {
                out.append(style.accent(TerminalText.truncate(row.name, to: width)))
                out.append("  " + style.dim(TerminalText.truncate(when, to: width - 2)))
            }
        }
        return out
    }

    func figures(_ disagreements: [CoverageComparison.FigureDisagreement], _ name: (String) -> String) -> [String] {
        var out = heading("Figures that disagree")
        for (index, disagreement) in disagreements.enumerated() {
            if index > 0 { out.append("") }
            let topic = TerminalText.sanitize(disagreement.topic.joined(separator: " "))
            let unit = Self.unitLabel(disagreement.unit)
            out += TerminalText.wrap(topic.isEmpty ? unit : "\(topic) (\(unit))", width: width).map(style.bold)
            // Equal figures next to each other, so the split between outlets shows at a glance.
            for report in disagreement.reports.sorted(by: { ($0.value, name($0.sourceId)) < ($1.value, name($1.sourceId)) }) {
                let figure = TerminalText.truncate(TerminalText.sanitize(report.text), to: max(8, width - 12))
                let outlet = TerminalText.truncate(name(report.sourceId), to: max(4, width - 4 - TerminalText.width(of: figure)))
                out.append("  " + style.accent(outlet) + "  " + style.bold(figure))
                let excerpt = Self.excerpt(TerminalText.sanitize(report.sentence), around: TerminalText.sanitize(report.text),
                                           columns: max(48, 2 * (width - 4)))
                out += TerminalText.wrap(excerpt, width: width, indent: "    ")
            }
        }
        return out
    }

    func quotes(_ shared: [CoverageComparison.SharedQuote], _ name: (String) -> String) -> [String] {
        var out = heading("Quoted by more than one outlet")
        for (index, quote) in shared.enumerated() {
            if index > 0 { out.append("") }
            out += TerminalText.wrap("“" + TerminalText.sanitize(quote.text) + "”", width: width - 2).map { "│ " + style.italic($0) }
            let outlets = "— " + quote.sourceIds.map(name).joined(separator: ", ")
            out += TerminalText.wrap(outlets, width: width - 2).map { "│ " + style.accent($0) }
        }
        return out
    }

    func exclusives(_ facts: [CoverageComparison.ExclusiveFact], _ name: (String) -> String) -> [String] {
        var out = heading("Only in one outlet")
        var order: [String] = []
        var bySource: [String: [CoverageComparison.ExclusiveFact]] = [:]
        for fact in facts {
            if bySource[fact.sourceId] == nil { order.append(fact.sourceId) }
            bySource[fact.sourceId, default: []].append(fact)
        }
        for sourceId in order {
            out.append(style.accent(TerminalText.truncate(name(sourceId), to: width)))
            for fact in bySource[sourceId] ?? [] {
                out += TerminalText.wrap(TerminalText.sanitize(fact.sentence), width: width, indent: "    ", firstIndent: "  • ")
            }
        }
        return out
    }

    /// The comparison's unit as a reader says it: `USD`, `percent`, or the counted noun.
    static func unitLabel(_ unit: String) -> String {
        if unit == "%" { return "percent" }
        if unit.hasPrefix("count:") { return String(unit.dropFirst("count:".count)) }
        return unit
    }

    /// At most `columns` columns of `sentence`, whole words around the first mention of `figure`,
    /// with `…` where it was cut; a figure's sentence can run to a paragraph in some outlets.
    static func excerpt(_ sentence: String, around figure: String, columns: Int) -> String {
        guard TerminalText.width(of: sentence) > columns else { return sentence }
        let words = sentence.split(separator: " ").map(String.init)
        let firstWord = figure.split(separator: " ").first.map(String.init) ?? figure
        let centre = words.firstIndex { $0.contains(firstWord) } ?? 0
        var low = centre, high = centre
        var used = TerminalText.width(of: words[centre]) + 2
        // Grow the window a word at a time, alternating sides, until the next word would not fit.
        var growLeft = true
        while low > 0 || high < words.count - 1 {
            let canLeft = low > 0 && used + 1 + TerminalText.width(of: words[low - 1]) <= columns
            let canRight = high < words.count - 1 && used + 1 + TerminalText.width(of: words[high + 1]) <= columns
            if !canLeft && !canRight { break }
            if canLeft && (growLeft || !canRight) {
                low -= 1; used += 1 + TerminalText.width(of: words[low])
            } else {
                high += 1; used += 1 + TerminalText.width(of: words[high])
            }
            growLeft.toggle()
        }
        let body = words[low...high].joined(separator: " ")
        return (low > 0 ? "…" : "") + TerminalText.truncate(body, to: columns - 2) + (high < words.count - 1 ? "…" : "")
    }
}

extension DateText {
    /// `2025-02-07 13:58 JST`: a publication time in the reader's zone, without the source's own.
    public static func clock(_ timestamp: Timestamp, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return formatter.string(from: timestamp.date)
    }

    /// How long after `start` something followed, to the minute: `+45m`, `+2h 10m`, `+3d 4h`.
    public static func elapsed(from start: Timestamp, to end: Timestamp) -> String {
        let minutes = max(0, (end.epochMilliseconds - start.epochMilliseconds) / 60_000)
        let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        if days > 0 { return hours > 0 ? "+\(days)d \(hours)h" : "+\(days)d" }
        if hours > 0 { return rest > 0 ? "+\(hours)h \(rest)m" : "+\(hours)h" }
        return "+\(rest)m"
    }
}
