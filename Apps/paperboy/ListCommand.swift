import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import TerminalUI

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List articles, newest first.",
        discussion: """
            Each line shows the article number, marks (N unread, * starred, U updated), source, age and
            title. Filters combine: `paperboy list --unread --source harbor-courier.example`.
            With --json, prints an array of {number, id, rev, title, sourceId, sourceName, storyId,
            publishedAt, read, starred}.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Only articles not yet read.") var unread = false
    @Flag(help: "Only starred articles.") var starred = false
    @Option(help: ArgumentHelp("Only articles from this source id.", valueName: "id")) var source: String?
    @Option(help: ArgumentHelp("Only articles of this story id.", valueName: "id")) var story: String?
    @Option(help: ArgumentHelp("Only articles published since a date (YYYY-MM-DD) or an age (36h, 7d, 2w).", valueName: "when"))
    var since: String?
    @Option(help: "How many articles to show.") var limit = 50
    @Flag(help: "Print JSON instead of text.") var json = false
    @Option(help: "Output width in columns (default: the terminal's).") var width: Int?

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be a positive number, got \(limit)") }
        if let since, SinceParser.parse(since, now: .now()) == nil {
            throw ValidationError("--since takes a date like 2025-02-01 or an age like 36h, 7d or 2w, got '\(since)'")
        }
    }

    func run() throws {
        try reportingFailures {
            let newsStore = try store.open()
            let query = TimelineQuery(unreadOnly: unread, starredOnly: starred, sourceId: source, storyId: story,
                                      since: since.flatMap { SinceParser.parse($0, now: .now()) }, limit: limit)
            let entries = try newsStore.timeline(query)
            if json {
                try JSONOutput.print(entries.map(EntryJSON.init))
            } else if entries.isEmpty {
                FileHandle.standardError.write(Data("paperboy: no \(unread ? "unread " : "")articles\(source.map { " from \($0)" } ?? "")\n".utf8))
            } else {
                Terminal.print(ListFormatter(width: Terminal.width(width), style: Terminal.style).lines(entries))
            }
        }
    }
}

/// Parses `--since`: a calendar date (midnight UTC) or an age back from now.
enum SinceParser {
    static func parse(_ text: String, now: Timestamp) -> Timestamp? {
        if text.count == 10, let day = Timestamp(rfc3339: text + "T00:00:00Z") { return day }
        if let exact = Timestamp(rfc3339: text) { return exact }
        guard let unit = text.last, let amount = Int64(text.dropLast()), amount >= 0 else { return nil }
        let hour: Int64 = 3_600_000
        let span: Int64
        switch unit {
        case "h": span = hour
        case "d": span = 24 * hour
        case "w": span = 7 * 24 * hour
        default: return nil
        }
        return Timestamp(epochMilliseconds: now.epochMilliseconds - amount * span)
    }
}

/// The `--json` shape of a timeline entry.
struct EntryJSON: Encodable {
    let number: Int64, id: String, rev: Int, title: String, sourceId: String, sourceName: String
    let storyId: String?, publishedAt: Timestamp, read: Bool, starred: Bool

    init(_ e: TimelineEntry) {
        number = e.number; id = e.id; rev = e.rev; title = e.title; sourceId = e.sourceId; sourceName = e.sourceName
        storyId = e.storyId; publishedAt = e.publishedAt; read = e.isRead; starred = e.isStarred
    }
}

enum JSONOutput {
    /// Prints a value as stable JSON. JSON escapes C0 controls itself; DEL and C1 controls (which
    /// some terminals obey) are escaped here too, so JSON output is as terminal-safe as text output.
    static func print<T: Encodable>(_ value: T) throws {
        let data = try NewsJSON.encode(value)
        var out = Data(capacity: data.count + 1)
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            let next = data.index(after: index)
            if byte == 0x7F {
                out.append(contentsOf: Array("\\u007f".utf8))
            } else if byte == 0xC2, next < data.endIndex, (0x80...0x9F).contains(data[next]) {
                out.append(contentsOf: Array(String(format: "\\u%04x", Int(data[next])).utf8))
                index = data.index(after: next)
                continue
            } else {
                out.append(byte)
            }
            index = next
        }
        out.append(0x0A)
        FileHandle.standardOutput.write(out)
    }
}
