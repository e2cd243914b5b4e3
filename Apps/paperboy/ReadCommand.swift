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
            ID is the number shown by `paperboy list`, the article's full id, or a unique prefix of it.
            Paragraph citations are printed as numbered footnotes. With --json, prints the article exactly
            as stored (protocol JSON).
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The article's number, id or id prefix.") var id: String
    @Option(help: "Output width in columns (default: the terminal's, at most 100).") var width: Int?
    @Flag(help: "Print the stored article as JSON.") var json = false
    @Flag(name: .customLong("keep-unread"), help: "Do not mark the article read.") var keepUnread = false

    func run() throws {
        try reportingFailures {
            let newsStore = try store.open()
            let stored = try newsStore.resolve(id)
            if json {
                try JSONOutput.print(stored.article)
            } else {
                let columns = width ?? min(100, Terminal.width(nil))
                Terminal.print(ArticleRenderer(width: columns, style: Terminal.style).render(stored))
            }
            if !keepUnread && !stored.state.isRead {
                try newsStore.set(.read, to: true, articleIds: [stored.article.id])
            }
        }
    }
}
