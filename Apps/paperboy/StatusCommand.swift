import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import TerminalUI

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the store: size, counts, remotes, feeds, last sync and changes not yet sent.",
        discussion: """
            "Not yet sent" counts marks and stars made since the last sync (they go out with the next \
            `paperboy sync`). "Awaiting search" counts articles the next search will index first. \
            With --json, prints {store, config, bytes, articles, unread, starred, sources, stories, \
            pendingMutations, searchBacklog, remotes: [{name, url, cursor, lastSync, articles}], \
            feeds: {count, failing, lastPolled}}.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() throws {
        try reportingFailures {
            let newsStore = try store.open()
            let counts = try newsStore.counts()
            let remotes = try newsStore.remoteStatuses()
            let feeds = try newsStore.subscriptions()
            let backlog = try newsStore.searchBacklog()
            let lastPoll = feeds.compactMap(\.lastPolledAt).max { $0.epochMilliseconds < $1.epochMilliseconds }
            let failing = feeds.filter { $0.lastError != nil }.count
            let configPath = ReaderConfig.path(environment: CommandContext.current.environment)
            let report = StatusJSON(
                store: newsStore.path, config: configPath, bytes: newsStore.sizeOnDisk(), articles: counts.articles,
                unread: counts.unread, starred: counts.starred, sources: counts.sources, stories: counts.stories,
                pendingMutations: counts.pendingMutations, searchBacklog: backlog,
                remotes: remotes.map { .init(name: $0.remote.name, url: $0.remote.url, cursor: $0.cursor, lastSync: $0.lastSync, articles: $0.articles) },
                feeds: .init(count: feeds.count, failing: failing, lastPolled: lastPoll))
            if json { return try JSONOutput.print(report) }
            Terminal.print(try lines(report))
        }
    }

    func lines(_ r: StatusJSON) throws(Failure) -> [String] {
        let style = try Terminal.style(), config = try Terminal.config(), now = Timestamp.now(), clean = TerminalText.sanitize
        let zone = CommandContext.current.timeZone
        func when(_ t: Timestamp?) -> String { t.map { DateText.format($0, in: zone) + " (\(DateText.ago($0, now: now)))" } ?? "never" }
        var out = [
            "store      " + clean(r.store) + style.dim(" (\(SyncReport.bytes(r.bytes)))"),
            "config     " + clean(r.config) + (FileManager.default.fileExists(atPath: r.config) ? "" : style.dim(" (none; defaults)")),
            "articles   \(r.articles) · \(r.unread) unread · \(r.starred) starred · \(r.sources) sources · \(r.stories) stories",
            "not sent   \(r.pendingMutations) mark\(r.pendingMutations == 1 ? "" : "s")/star\(r.pendingMutations == 1 ? "" : "s")"
                + (r.pendingMutations > 0 ? style.dim(" (paperboy sync sends them)") : ""),
        ]
        if r.searchBacklog > 0 { out.append("search     \(r.searchBacklog) awaiting search (indexed by the next search)") }
        if r.remotes.isEmpty {
            out.append("remotes    none" + style.dim(" (paperboy remote add NAME URL --token-file FILE)"))
        }
        for remote in r.remotes {
            let isDefault = config.remote == remote.name ? " (default)" : ""
            out.append("remote     " + style.accent(clean(remote.name)) + isDefault + " " + clean(remote.url))
            out.append("             last sync " + when(remote.lastSync) + " · log position \(remote.cursor.map(String.init) ?? "none") · \(remote.articles) articles")
        }
        if r.feeds.count > 0 {
            out.append("feeds      \(r.feeds.count) followed · \(r.feeds.failing) failing · last polled " + when(r.feeds.lastPolled))
        } else {
            out.append("feeds      none" + style.dim(" (paperboy subscribe URL)"))
        }
        return out
    }
}

/// The `--json` shape of `paperboy status`.
struct StatusJSON: Encodable {
    struct Remote: Encodable { let name: String, url: String, cursor: Int64?, lastSync: Timestamp?, articles: Int }
    struct Feeds: Encodable { let count: Int, failing: Int, lastPolled: Timestamp? }
    let store: String, config: String, bytes: Int64, articles: Int, unread: Int, starred: Int, sources: Int, stories: Int
    let pendingMutations: Int, searchBacklog: Int, remotes: [Remote], feeds: Feeds
}
