import NewsModels
import NewsStore

extension ListFormatter {
    /// `paperboy sources`: name, id, article and unread counts, age of the newest article.
    public func lines(_ sources: [SourceSummary]) -> [String] {
        let countWidth = max(5, sources.map { String($0.articles).count }.max() ?? 1)
        let unreadWidth = max(6, sources.map { String($0.unread).count }.max() ?? 1)
        let nameWidth = min(28, max(6, sources.map { TerminalText.width(of: TerminalText.sanitize($0.source.name)) }.max() ?? 6))
        let header = TerminalText.pad("SOURCE", to: nameWidth) + " " + leftPad("TOTAL", countWidth) + " "
            + leftPad("UNREAD", unreadWidth) + " " + "NEW " + " ID"
        var out = [style.dim(header)]
        for s in sources {
            let name = TerminalText.pad(TerminalText.truncate(TerminalText.sanitize(s.source.name), to: nameWidth), to: nameWidth)
            let age = TerminalText.pad(s.latest.map { DateText.age(of: $0, now: now) } ?? "-", to: 3)
            let used = nameWidth + countWidth + unreadWidth + 3 + 4 + 1
            let id = TerminalText.truncate(TerminalText.sanitize(s.source.id), to: max(8, width - used))
            out.append(style.accent(name) + " " + leftPad(String(s.articles), countWidth) + " " + leftPad(String(s.unread), unreadWidth)
                       + " " + style.dim(age) + "  " + id)
        }
        return out
    }

    /// `paperboy stories`: number, unread count, outlets, articles, age of the latest, headline.
    public func lines(_ stories: [StorySummary]) -> [String] {
        let numberWidth = stories.map { String($0.number).count }.max() ?? 1
        return stories.map { s in
            let number = leftPad(String(s.number), numberWidth)
            let unread = s.unread > 0 ? "N" : " "
            let outlets = s.story.sourceIds.count
            let counts = TerminalText.pad("\(outlets) outlet\(outlets == 1 ? "" : "s")", to: 10)
            let age = TerminalText.pad(DateText.age(of: s.story.lastSeen, now: now), to: 3)
            let used = numberWidth + 3 + 10 + 1 + 3 + 1
            let headline = TerminalText.truncate(TerminalText.sanitize(s.story.headline), to: max(10, width - used))
            return "\(number) \(unread) \(style.accent(counts)) \(style.dim(age)) " + (s.unread > 0 ? style.bold(headline) : headline)
        }
    }

    /// `paperboy story ID`: the headline, a summary line, then each outlet's articles under its name,
    /// the outlet that published first on top.
    public func lines(story: StorySummary, articles: [TimelineEntry]) -> [String] {
        var out = TerminalText.wrap(TerminalText.sanitize(story.story.headline), width: width).map(style.bold)
        let outlets = Set(articles.map(\.sourceId)).count
        let span = story.story.firstSeen == story.story.lastSeen ? "" :
            " over " + DateText.span(from: story.story.firstSeen, to: story.story.lastSeen)
        let summary = "story \(story.number) · \(articles.count) article\(articles.count == 1 ? "" : "s") from \(outlets) outlet\(outlets == 1 ? "" : "s")\(span) · latest \(DateText.ago(story.story.lastSeen, now: now))"
        out += TerminalText.wrap(summary, width: width).map(style.dim)
        var order: [String] = []
        var bySource: [String: [TimelineEntry]] = [:]
        for entry in articles.sorted(by: { ($0.publishedAt.epochMilliseconds, $0.number) < ($1.publishedAt.epochMilliseconds, $1.number) }) {
            if bySource[entry.sourceId] == nil { order.append(entry.sourceId) }
            bySource[entry.sourceId, default: []].append(entry)
        }
        let numberWidth = articles.map { String($0.number).count }.max() ?? 1
        for sourceId in order {
            guard let entries = bySource[sourceId], let first = entries.first else { continue }
            out.append("")
            out.append(style.accent(TerminalText.truncate(TerminalText.sanitize(first.sourceName), to: width)))
            for e in entries.reversed() {
                let number = leftPad(String(e.number), numberWidth)
                let marks = (e.isRead ? " " : "N") + (e.isStarred ? "*" : " ") + (e.rev > 1 ? "U" : " ")
                let age = TerminalText.pad(DateText.age(of: e.publishedAt, now: now), to: 3)
                let used = 2 + numberWidth + 1 + 3 + 1 + 3 + 1
                let title = TerminalText.truncate(TerminalText.headline(e.title), to: max(10, width - used))
                out.append("  \(number) \(marks) \(style.dim(age)) " + (e.isRead ? title : style.bold(title)))
            }
        }
        return out
    }

    private func leftPad(_ text: String, _ columns: Int) -> String {
        String(repeating: " ", count: max(0, columns - TerminalText.width(of: text))) + text
    }
}
