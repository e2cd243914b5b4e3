import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import TerminalUI

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles, deks, bylines and article text; best matches first.",
        discussion: """
            Query syntax:
              trade deficit          articles with both words (any order)
              "trade deficit"        the exact phrase
              tarif*                 words starting with "tarif"
              summit OR talks        either word
              election -poll         "election" but not "poll" (also: NOT poll)
              title:summit           the word in the headline (also dek: byline: body:)
              source:ID              only articles from that source (id, prefix or name)
            Matching ignores case and accents. Titles weigh most, then deks, bylines, body text. \
            With --json, prints an array of list entries with "snippet" and "score".
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "What to search for (see the syntax above).") var query: [String]
    @Option(help: "How many results to show.") var limit = 20
    @Flag(help: "Print JSON instead of text.") var json = false
    @Option(help: "Output width in columns (default: the terminal's).") var width: Int?

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be a positive number, got \(limit)") }
        guard !query.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("give some words to search for") }
    }

    func run() throws {
        try reportingFailures {
            let newsStore = try store.open()
            var announced = false
            // Captured: the store may report progress from another thread, where the @TaskLocal context is unset.
            let context = CommandContext.current
            try newsStore.indexForSearch { _, total in
                // Syncs leave indexing to the first search after them; say why this one takes a while.
                guard !announced, total >= 5000 else { return }
                announced = true
                context.printError("paperboy: indexing \(total) new articles for search…")
            }
            let hits = try newsStore.search(query.joined(separator: " "), limit: limit)
            if json {
                try JSONOutput.print(hits.map(HitJSON.init))
            } else if hits.isEmpty {
                Terminal.printError("paperboy: nothing matches \(TerminalText.sanitize(query.joined(separator: " ")))")
            } else {
                Terminal.print(ListFormatter(width: Terminal.width(width), style: try Terminal.style()).lines(hits))
            }
        }
    }
}

struct HitJSON: Encodable {
    let entry: EntryJSON, snippet: String, score: Double

    init(_ hit: SearchHit) {
        entry = EntryJSON(hit.entry)
        snippet = hit.snippet.map(\.text).joined()
        score = hit.score
    }

    func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(snippet, forKey: .snippet)
        try c.encode(score, forKey: .score)
    }

    enum Keys: String, CodingKey { case snippet, score }
}
