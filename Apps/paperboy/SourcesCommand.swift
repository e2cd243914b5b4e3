import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import TerminalUI

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the outlets in your store with article and unread counts.",
        discussion: """
            Columns: name, articles stored, unread, age of the newest article, and the source id that \
            `--source` takes (a unique prefix of it, or the name, works too):
              paperboy list --source harbor-courier.example
              paperboy mark read --source harbor
            With --json, prints an array of {id, name, domain, url, articles, unread, starred, latest}.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print JSON instead of text.") var json = false
    @Option(help: "Output width in columns (default: the terminal's).") var width: Int?

    func run() throws {
        try reportingFailures {
            let sources = try store.open().sourceSummaries()
            try Listing.show(sources, json: json, as: SourceJSON.init, empty: "no sources yet; fill the store with: paperboy sync") {
                ListFormatter(width: Terminal.width(width), style: try Terminal.style()).lines($0)
            }
        }
    }
}

/// The `--json` shape of a source.
struct SourceJSON: Encodable {
    let id: String, name: String, domain: String?, url: String?
    let articles: Int, unread: Int, starred: Int, latest: Timestamp?

    init(_ s: SourceSummary) {
        id = s.source.id; name = s.source.name; domain = s.source.domain; url = s.source.url
        articles = s.articles; unread = s.unread; starred = s.starred; latest = s.latest
    }
}
