import ArgumentParser
import NewsModels
import NewsStore

@main
struct Paperboy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paperboy",
        abstract: "Read the news offline: list, read, search and mark articles in your local store.",
        discussion: """
            With no command, paperboy lists your unread articles, newest first. Each line starts with the article's number; pass it to other commands:

              paperboy                       unread articles
              paperboy list --starred        starred articles
              paperboy read 42               read article 42 (and mark it read)
              paperboy search "trade deficit" source:harbor-courier.example
              paperboy mark unread 42 43     mark articles unread again

            The store is one SQLite file: --store PATH, else $PAPERBOY_STORE, else
            $XDG_DATA_HOME/paperboy/paperboy.sqlite (~/.local/share/paperboy/paperboy.sqlite).
            `paperboy load FILE` fills it from NDJSON article or content-log files.

            Exit status: 0 ok, 1 bad input or usage, 2 article not found.
            """,
        version: PaperboyVersion.current,
        subcommands: [ListCommand.self, ReadCommand.self, SearchCommand.self, MarkCommand.self, LoadCommand.self])

    @OptionGroup var store: StoreOptions

    mutating func run() throws {
        // Parsing (rather than building the command by hand) gives every option its declared default.
        try ListCommand.parse(["--unread"] + (store.store.map { ["--store", $0] } ?? [])).run()
    }
}
