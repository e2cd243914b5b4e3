import ArgumentParser
import FeedServer
import Foundation

struct RegroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regroup",
        abstract: "Group every stored article into stories again, from scratch.",
        discussion: """
            Import and feed polling group each new article as it arrives, and a grouped article \
            keeps its story. Run regroup once after upgrading a server whose log was filled before \
            grouping existed, or after a release that changed the grouping rules: it groups all \
            live articles in publication order, and every article whose story changes is logged \
            as a new revision (changedFields ["storyId"]), so clients move it on their next sync. \
            Articles whose story is unchanged write nothing, so a second run logs nothing. \
            Restart a running `serve` afterwards so its grouper reloads from the database.
              paperboy-server regroup
            """)

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let storage = try database.open()
        let summary = try storage.regroupStories()
        ServerOutput.say("\(summary.articles) articles in \(summary.stories) stories; \(summary.moved) moved to a new story (logged as revisions); log head \(summary.head)")
    }
}
