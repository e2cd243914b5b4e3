import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import TerminalUI

struct StoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story",
        abstract: "Show every outlet's coverage of one story.",
        discussion: """
            ID is the number from `paperboy stories`, the story id or a unique prefix of it; an \
            article's number works too (`paperboy story --article 42`) to follow that article's story. \
            Articles are grouped by outlet, the outlet that reported first on top; read any of them \
            with `paperboy read NUMBER`. \
            With --json, prints {number, id, headline, firstSeen, lastSeen, sourceIds, articles, unread, \
            entries: [list entries as in `paperboy list --json`]}.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The story's number, id or id prefix (or, with --article, an article's).", completion: Completions.stories)
    var id: String
    @Flag(help: "ID names an article; show the story it belongs to.") var article = false
    @Flag(help: "Print JSON instead of text.") var json = false
    @Option(help: "Output width in columns (default: the terminal's).") var width: Int?

    func run() throws {
        try reportingFailures {
            let newsStore = try store.open()
            let summary: StorySummary
            if article {
                let stored = try newsStore.resolve(id)
                guard let storyId = stored.article.storyId else {
                    throw Failure.notFound("article \(stored.number) is not part of a story yet")
                }
                summary = try newsStore.resolveStory(storyId)
            } else {
                summary = try newsStore.resolveStory(id)
            }
            let entries = try newsStore.timeline(TimelineQuery(storyId: summary.story.id, limit: 10_000))
            if json {
                try JSONOutput.print(StoryDetailJSON(story: StoryJSON(summary), entries: entries.map(EntryJSON.init)))
            } else {
                Terminal.print(ListFormatter(width: Terminal.width(width), style: Terminal.style).lines(story: summary, articles: entries))
            }
        }
    }
}

/// The `--json` shape of `paperboy story`: the story's fields plus its entries.
struct StoryDetailJSON: Encodable {
    let story: StoryJSON, entries: [EntryJSON]

    func encode(to encoder: any Encoder) throws {
        try story.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(entries, forKey: .entries)
    }

    enum Keys: String, CodingKey { case entries }
}
