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
            Each line shows the article number (type it to other commands), marks (N unread, \
            * starred, U updated since first published), source, age and title. Filters combine:
              paperboy list --unread --source harbor-courier.example
              paperboy list --story 7 --since 2d
            With --json, prints an array of {number, id, rev, title, sourceId, sourceName, storyId, \
            publishedAt, read, starred} (publishedAt in RFC 3339 with the outlet's own offset).
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Only articles not yet read.") var unread = false
    @Flag(help: "Only starred articles.") var starred = false
    @Option(help: ArgumentHelp("Only articles from this source (id, id prefix or name; see `paperboy sources`).", valueName: "source"),
            completion: Completions.sources)
    var source: String?
    @Option(help: ArgumentHelp("Only articles of this story (number from `paperboy stories`, or id).", valueName: "story"),
            completion: Completions.stories)
    var story: String?
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
            let sourceId = try source.map { try newsStore.resolveSource($0).id }
            let storyId = try story.map { try newsStore.resolveStory($0).story.id }
            let query = TimelineQuery(unreadOnly: unread, starredOnly: starred, sourceId: sourceId, storyId: storyId,
                                      since: since.flatMap { SinceParser.parse($0, now: .now()) }, limit: limit)
            let entries = try newsStore.timeline(query)
            var empty = "no \(unread ? "unread " : "")\(starred ? "starred " : "")articles\(source.map { " from " + TerminalText.sanitize($0) } ?? "")"
            // A new user's first `paperboy` should say how to get articles, not just that there are none.
            if entries.isEmpty, try newsStore.counts().articles == 0 {
                empty = "the store is empty; add a server with: paperboy remote add NAME URL --token-file FILE && paperboy sync, "
                    + "or follow a feed with: paperboy subscribe URL"
            }
            try Listing.show(entries, json: json, as: EntryJSON.init, empty: empty) {
                ListFormatter(width: Terminal.width(width), style: try Terminal.style()).lines($0)
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

/// How every listing command prints: JSON, a one-line note on stderr when empty, or text lines.
enum Listing {
    static func show<Item, Shape: Encodable>(_ items: [Item], json: Bool, as shape: (Item) -> Shape, empty: String,
                                             lines: ([Item]) throws -> [String]) throws {
        if json {
            try JSONOutput.print(items.map(shape))
        } else if items.isEmpty {
            Terminal.printError("paperboy: \(empty)")
        } else {
            Terminal.print(try lines(items))
        }
    }
}

enum JSONOutput {
    /// Prints a value as stable JSON, with every character a terminal would act on or hide escaped
    /// (`CommandContext.printJSON`), so JSON output is as terminal-safe as text output.
    static func print<T: Encodable>(_ value: T) throws {
        CommandContext.current.printJSON(try NewsJSON.encode(value))
    }
}
