import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import TerminalUI

struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Show an article and mark it read.",
        discussion: """
            ID is the number shown by `paperboy list`, the article's full id, or a unique prefix of it. \
            The header gives the headline, dek, outlet, byline, dateline, the publication time in your \
            time zone (and the outlet's own, when it differs), reading time, and a note when the \
            article was revised. Paragraph citations become numbered footnotes; images show their \
            description and link; embedded posts are boxed. \
            On a terminal the article opens in your pager (`pager` in config.toml, else $PAGER, else \
            less); lines wrap to the terminal, at most `width` from config.toml (default 100). \
            With --json, prints the article exactly as stored (protocol JSON: id, rev, url, source, \
            storyId, title, dek, byline, dateline, publishedAt, updatedAt, blocks, ...).
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The article's number, id or id prefix.", completion: Completions.articles) var id: String
    @Option(help: "Wrap lines at this many columns (default: the terminal's, at most 100).") var width: Int?
    @Flag(help: "Print the stored article as JSON.") var json = false
    @Flag(name: .customLong("keep-unread"), help: "Do not mark the article read.") var keepUnread = false
    @Flag(name: .customLong("no-pager"), help: "Print straight to the terminal instead of through the pager.") var noPager = false

    func validate() throws {
        if let width, width < 20 { throw ValidationError("--width must be at least 20 columns, got \(width)") }
    }

    func run() throws {
        try reportingFailures {
            let newsStore = try store.open()
            let stored = try newsStore.resolve(id)
            if json {
                try JSONOutput.print(stored.article)
            } else {
                let renderer = ArticleRenderer(width: try Terminal.readingWidth(width), style: try Terminal.style(),
                                               timeZone: CommandContext.current.timeZone)
                try Terminal.page(renderer.render(stored), allowed: !noPager)
            }
            if !keepUnread && !stored.state.isRead {
                try newsStore.set(.read, to: true, articleIds: [stored.article.id])
            }
        }
    }
}
