import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import TerminalUI

struct StoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "List stories: one event's coverage from every outlet, latest first.",
        discussion: """
            Each line shows the story number (give it to `paperboy story`), N when some of its articles \
            are unread, how many outlets and articles cover it, the age of the latest, and the headline.
              paperboy story 7                 every outlet's article on story 7
              paperboy list --story 7 --unread
              paperboy mark read --story 7
            With --json, prints an array, latest activity first, of {number, id, headline, firstSeen, \
            lastSeen, sourceIds, outlets (how many), articles, unread}.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "How many stories to show.") var limit = 30
    @Flag(help: "Print JSON instead of text.") var json = false
    @Option(help: "Output width in columns (default: the terminal's).") var width: Int?

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be a positive number, got \(limit)") }
    }

    func run() throws {
        try reportingFailures {
            let stories = try store.open().storySummaries(limit: limit)
            try Listing.show(stories, json: json, as: StoryJSON.init,
                             empty: "no stories yet; a paperboy-server groups articles into stories, then: paperboy sync") {
                ListFormatter(width: Terminal.width(width), style: try Terminal.style()).lines($0)
            }
        }
    }
}

/// The `--json` shape of a story.
struct StoryJSON: Encodable {
    let number: Int64, id: String, headline: String, firstSeen: Timestamp, lastSeen: Timestamp
    let sourceIds: [String], outlets: Int, articles: Int, unread: Int

    init(_ s: StorySummary) {
        number = s.number; id = s.story.id; headline = s.story.headline; firstSeen = s.story.firstSeen
        lastSeen = s.story.lastSeen; sourceIds = s.story.sourceIds; outlets = s.story.sourceIds.count
        articles = s.story.articleCount; unread = s.unread
    }
}
