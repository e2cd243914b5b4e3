import ArgumentParser
import NewsModels
import NewsStore

@main
struct Paperboy: AsyncParsableCommand {
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
            `paperboy remote add NAME URL --token-file FILE` and `paperboy sync` fill it from a
            paperboy-server; `paperboy load FILE` from NDJSON article or content-log files. Marks and
            stars made offline are sent by the next sync.

            Exit status: 0 ok, 1 bad input or usage, 2 article not found.
            """,
        version: PaperboyVersion.current,
        subcommands: [
            ListCommand.self, ReadCommand.self, SearchCommand.self, MarkCommand.self, SyncCommand.self, RemoteCommand.self,
            SubscribeCommand.self, UnsubscribeCommand.self, SubscriptionsCommand.self, ImportOPMLCommand.self,
            ExportOPMLCommand.self, LoadCommand.self,
        ])

    @OptionGroup var store: StoreOptions

    mutating func run() async throws {
        // Parsing (rather than building the command by hand) gives every option its declared default.
        try ListCommand.parse(["--unread"] + (store.store.map { ["--store", $0] } ?? [])).run()
    }
}
