import ArgumentParser
import NewsModels
import NewsStore

@main
struct Paperboy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paperboy",
        abstract: "Read the news offline: list, read, search, star and follow stories across outlets.",
        discussion: """
            With no command, paperboy lists your unread articles, newest first. Each line starts with \
            the article's number; give it to other commands:

              paperboy                    unread articles (N unread, * starred, U updated)
              paperboy read 42            read article 42 in your pager, and mark it read
              paperboy search "trade deficit" source:harbor   ranked, matches highlighted
              paperboy star 42            keep it (paperboy list --starred)
              paperboy stories            events covered by several outlets
              paperboy story 7            every outlet's article on story 7
              paperboy mark read --all    caught up

            Getting articles: `paperboy remote add home http://127.0.0.1:8080 --token-file token.txt` \
            and `paperboy sync` from a paperboy-server; `paperboy subscribe URL` follows an RSS, Atom \
            or JSON Feed directly; `paperboy import-opml FILE` brings your feeds from another reader. \
            Everything else works offline; marks and stars are sent by the next sync.

            Files: the store is one SQLite file (--store PATH, else $PAPERBOY_STORE, else `store` in \
            the config, else $XDG_DATA_HOME/paperboy/paperboy.sqlite). The config file is \
            $XDG_CONFIG_HOME/paperboy/config.toml (~/.config/paperboy/config.toml), for example:
              remote = "home"        # what `paperboy sync` syncs by default
              width = 80             # reading width for `paperboy read`
              pager = "less -R"      # "" prints articles without a pager
              colour = "auto"        # or always, never; NO_COLOR=1 turns it off
              [colours]              # title, meta, emphasis, match, source
              match = "bold red"

            Output: colour only on a terminal; piped output is plain and stable; every listing \
            takes --json (the schema is in each command's --help). Shell completions:
              paperboy --generate-completion-script bash \\
                > ~/.local/share/bash-completion/completions/paperboy
            (also zsh and fish).

            Exit status: 0 ok, 1 bad input or usage, 2 not found, 3 network or server failure.
            """,
        version: PaperboyVersion.current,
        subcommands: [
            ListCommand.self, ReadCommand.self, SearchCommand.self, StoriesCommand.self, StoryCommand.self, SourcesCommand.self,
            StarCommand.self, UnstarCommand.self, MarkCommand.self, OpenCommand.self, StatusCommand.self, SyncCommand.self,
            RemoteCommand.self, SubscribeCommand.self, UnsubscribeCommand.self, SubscriptionsCommand.self, ImportOPMLCommand.self,
            ExportOPMLCommand.self, LoadCommand.self,
        ])

    @OptionGroup var store: StoreOptions

    /// The process's entry point: `CommandContext.runProcess`, so even argument errors print clean.
    static func main() async { await CommandContext.runProcess(Paperboy.self) }

    mutating func run() async throws {
        // Parsing (rather than building the command by hand) gives every option its declared default.
        try ListCommand.parse(["--unread"] + (store.store.map { ["--store", $0] } ?? [])).run()
    }
}
