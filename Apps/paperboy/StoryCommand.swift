import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import Stories
import TerminalUI

struct StoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story",
        abstract: "Show every outlet's coverage of one story.",
        discussion: """
            ID is the number from `paperboy stories`, the story id or a unique prefix of it; an \
            article's number works too (`paperboy story --article 42`) to follow that article's story. \
            Articles are grouped by outlet, the outlet that reported first on top; read any of them \
            with `paperboy read NUMBER`.
            Then the outlets are compared (--no-compare leaves this out): when each outlet first \
            published and how long after the first; figures that disagree, such as a deal's value, with \
            each outlet's figure and its sentence; quotes carried by more than one outlet, and which; \
            and sentences only one outlet reports. A story from one outlet has nothing to compare.
            With --json, prints {number, id, headline, firstSeen, lastSeen, sourceIds, outlets, articles, \
            unread, entries: [list entries as in `paperboy list --json`], comparison: {firstPublished: \
            [{sourceId, sourceName, articleId, publishedAt}], figureDisagreements: [{topic, unit, reports: \
            [{sourceId, sourceName, articleId, figure, value, sentence}]}], sharedQuotes: [{text, \
            sourceIds, sourceNames}], exclusiveFacts: [{sourceId, sourceName, articleId, sentence}]}}; \
            with --no-compare there is no comparison.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The story's number, id or id prefix (or, with --article, an article's).", completion: Completions.stories)
    var id: String
    @Flag(help: "ID names an article; show the story it belongs to.") var article = false
    @Flag(help: "Print JSON instead of text.") var json = false
    @Flag(name: .customLong("no-compare"), help: "Show the coverage only, without comparing the outlets.") var noCompare = false
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
            let comparison = noCompare ? nil : CoverageComparison(articles: try newsStore.articles(inStory: summary.story.id))
            // The store's current outlet names, which the comparison's own (from the articles) may predate.
            let known = Dictionary(entries.map { ($0.sourceId, $0.sourceName) }, uniquingKeysWith: { first, _ in first })
            if json {
                try JSONOutput.print(StoryDetailJSON(
                    story: StoryJSON(summary), entries: entries.map(EntryJSON.init),
                    comparison: comparison.map { ComparisonJSON($0, names: ComparisonFormatter.outletNames($0, known: known)) }))
            } else {
                let style = try Terminal.style()
                var lines = ListFormatter(width: Terminal.width(width), style: style).lines(story: summary, articles: entries)
                if let comparison {
                    // Prose reads best at the reading width, as `paperboy read` wraps it.
                    let formatter = ComparisonFormatter(width: try Terminal.readingWidth(width), style: style,
                                                        timeZone: CommandContext.current.timeZone)
                    lines += [""] + formatter.lines(comparison, sourceNames: known)
                }
                Terminal.print(lines)
            }
        }
    }
}

/// The `--json` shape of `paperboy story`: the story's fields plus its entries and the comparison.
struct StoryDetailJSON: Encodable {
    let story: StoryJSON, entries: [EntryJSON], comparison: ComparisonJSON?

    func encode(to encoder: any Encoder) throws {
        try story.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(entries, forKey: .entries)
        try c.encodeIfPresent(comparison, forKey: .comparison)
    }

    enum Keys: String, CodingKey { case entries, comparison }
}
