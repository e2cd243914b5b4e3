import ArgumentParser
import CurlTransport
import Foundation
import NewsStore
import NewsSync
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch new and changed articles and exchange read/starred state with your servers.",
        discussion: """
            Syncs every remote (or just NAME, or the `remote` set in config.toml): new articles, edits and removals arrive; marks and stars \
            made offline are sent; marks made on your other devices come back. Everything applied \
            stays applied if the network drops or you press Ctrl-C; the next sync resumes there. \
            Then polls the feeds you follow directly (`paperboy subscribe`), unless NAME or \
            --no-feeds is given: one conditional request each, and a feed that fails is reported \
            without stopping the others. \
            Add a server with: paperboy remote add NAME URL --token-file FILE \
            Only one sync runs per store at a time; a second one waits (or, with --no-wait, exits 1).
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The remote to sync (default: all).") var name: String?
    @Flag(help: "Exit at once instead of waiting when another sync holds the store.") var noWait = false
    @Flag(help: "Sync remotes only; do not poll subscribed feeds.") var noFeeds = false
    @OptionGroup var addresses: FeedAddressOptions

    func run() async throws {
        try await reportingFailures { try await sync() }
    }

    private func sync() async throws {
        // Captured once: progress and feed reports arrive in callbacks on other threads, where the @TaskLocal context is unset.
        let context = CommandContext.current
        let store = try self.store.open()
        let lock = try SyncLock.acquire(storePath: store.path, wait: !noWait)
        defer { lock.release() }

        // A named remote, else config.toml's `remote`, else every remote.
        let wanted = try name ?? Terminal.config().remote
        let remotes = try store.remotes().filter { wanted == nil || $0.name == wanted }
        if name == nil, let wanted, remotes.isEmpty {
            throw Failure.notFound("config.toml sets remote = \"\(TerminalText.sanitize(wanted))\" but there is no such remote; see: paperboy remote list")
        }
        let feedCount = name == nil && !noFeeds ? try store.subscriptions().count : 0
        guard !remotes.isEmpty || feedCount > 0 else {
            throw name.map { Failure.notFound("no remote named '\(TerminalText.sanitize(String($0.prefix(40))))'; see: paperboy remote list") }
                ?? Failure.user("nothing to sync; add a server with: paperboy remote add NAME URL --token-file FILE, or follow a feed with: paperboy subscribe URL")
        }
        let transport = try FeedAddressOptions.remoteTransport()

        var failed = false
        for remote in remotes {
            guard let url = URL(string: remote.url) else { continue }
            let token = try RemoteTokens.load(remote: remote.name, storePath: store.path)
            let engine = SyncEngine(store: store, transport: transport, remote: SyncRemote(name: remote.name, baseURL: url, token: token))
            let progress = SyncProgressLine(remote: remote.name, live: context.outputIsTerminal && context.errorsAreTerminal, context: context)
            let started = ContinuousClock.now
            do {
                let summary = try await engine.sync { progress.show($0) }
                progress.finish()
                context.print([SyncReport.line(remote: remote.name, summary: summary, seconds: (ContinuousClock.now - started).seconds)])
            } catch {
                progress.finish()
                context.printError("paperboy: \(remote.name): \(TerminalText.sanitize(error.description))")
                failed = true
            }
        }
        if feedCount > 0 {
            let started = ContinuousClock.now
            let reports = try await SubscriptionPoller(store: store, transport: try addresses.feedTransport()).pollAll { report in
                if let line = FeedSyncReport.line(for: report, errorsTo: context) { context.print([line]) }
                if case let .stored(_, skipped) = report.result {
                    FeedReport.warn(skipped: skipped, feed: TerminalText.sanitize(report.title ?? report.url), to: context)
                }
            }
            context.print([FeedSyncReport.summary(reports, seconds: (ContinuousClock.now - started).seconds)])
        }
        // Each failed remote has had its line; the status says some failed.
        if failed { throw ExitCode(Failure.network("").exitCode) }
    }
}

/// What `sync` prints about directly polled feeds.
enum FeedSyncReport {
    /// A line for a feed that changed; nil for one with nothing new, or one that failed (its error
    /// goes to `context`'s standard error).
    static func line(for report: SubscriptionPollReport, errorsTo context: CommandContext) -> String? {
        let name = TerminalText.sanitize(report.title ?? report.url)
        switch report.result {
        case let .stored(summary, _) where summary.inserted + summary.updated > 0:
            return "\(name): \(summary.inserted) new, \(summary.updated) updated"
        case let .failed(message):
            context.printError("paperboy: \(name) <\(TerminalText.sanitize(report.url))>: \(TerminalText.sanitize(message))")
            return nil
        default:
            return nil
        }
    }

    /// One line for all feeds.
    static func summary(_ reports: [SubscriptionPollReport], seconds: Double) -> String {
        var inserted = 0, updated = 0, unchanged = 0, failed = 0
        for report in reports {
            switch report.result {
            case let .stored(summary, _):
                inserted += summary.inserted
                updated += summary.updated
                if summary.inserted + summary.updated == 0 { unchanged += 1 }
            case .notModified, .unchanged: unchanged += 1
            case .failed: failed += 1
            }
        }
        let feeds = "\(reports.count) feed\(reports.count == 1 ? "" : "s")"
        return "feeds: \(feeds) polled; \(inserted) new, \(updated) updated; \(unchanged) unchanged, \(failed) failed; \(String(format: "%.2f", seconds)) s"
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The one-line summary a sync prints per remote.
enum SyncReport {
    static func line(remote: String, summary: SyncSummary, seconds: Double) -> String {
        var parts = ["\(summary.inserted) new", "\(summary.updated) updated", "\(summary.deleted) removed"]
        if summary.loadedSnapshot { parts[0] += " (from snapshot)" }
        let state = "state \(summary.statePushed) sent, \(summary.statePulled) received"
        let traffic = "\(bytes(summary.bytes)) in \(summary.requests) request\(summary.requests == 1 ? "" : "s")"
        return "\(remote): \(parts.joined(separator: ", ")); \(state); \(traffic), \(String(format: "%.2f", seconds)) s"
    }

    static func bytes(_ count: Int64) -> String {
        if count >= 1 << 20 { return String(format: "%.1f MB", Double(count) / 1_048_576) }
        if count >= 1 << 10 { return String(format: "%.1f KB", Double(count) / 1024) }
        return "\(count) B"
    }
}

/// Progress on standard error: one line redrawn in place on a terminal, plain lines otherwise.
final class SyncProgressLine: @unchecked Sendable {
    // @unchecked: the sync calls `show` from one task at a time; `lock` guards the fields anyway.
    private let remote: String
    private let live: Bool
    private let context: CommandContext
    private let lock = NSLock()
    private var startCursor: Int64 = 0
    private var drawn = false

    init(remote: String, live: Bool, context: CommandContext) {
        self.remote = remote
        self.live = live
        self.context = context
    }

    func show(_ event: SyncEvent) {
        lock.withLock {
            switch event {
            case let .manifest(head, cursor):
                startCursor = cursor ?? 0
                if !live { write("\(remote): server at seq \(head), store at \(cursor.map(String.init) ?? "nothing yet")") }
            case let .snapshotChunk(done, total, _):
                draw(fraction: Double(done) / Double(max(total, 1)), label: "snapshot \(done)/\(total)")
            case let .segment(index, _, cursor, head):
                let span = Double(max(head - startCursor, 1))
                draw(fraction: Double(cursor - startCursor) / span, label: "segment \(index), seq \(cursor)/\(head)")
            case let .retrying(attempt, delay, reason):
                write("\(remote): retrying in \(String(format: "%.1f", delay.seconds)) s (attempt \(attempt + 1)): \(TerminalText.sanitize(reason))")
            case .statePushed, .statePulled, .finished:
                break
            }
        }
    }

    func finish() {
        lock.withLock {
            if live && drawn { context.drawStatus(nil) }
            drawn = false
        }
    }

    private func draw(fraction: Double, label: String) {
        guard live else {
            write("\(remote): \(label)")
            return
        }
        let width = 24
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        context.drawStatus("\(remote) \(bar) \(label)")
        drawn = true
    }

    private func write(_ line: String) {
        if live && drawn { context.drawStatus(nil) }
        drawn = false
        context.printError(line)
    }
}

/// One sync per store: an exclusive `flock` on a file beside it, released when the process ends
/// (so a killed sync never leaves the store locked).
struct SyncLock {
    private let descriptor: Int32

    static func acquire(storePath: String, wait: Bool) throws -> SyncLock {
        let path = storePath + ".sync-lock"
        // O_NOFOLLOW: a link planted at the lock's path must not make this open (or create) another file.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link; remove it" : String(cString: strerror(errno))
            throw Failure.user("cannot open the sync lock \(path): \(reason)")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard wait else {
                close(descriptor)
                throw Failure.user("another paperboy sync is running on this store; try again when it finishes")
            }
            Terminal.printError("paperboy: another sync is running on this store; waiting for it to finish…")
            guard flock(descriptor, LOCK_EX) == 0 else {
                close(descriptor)
                throw Failure.user("cannot lock \(path)")
            }
        }
        return SyncLock(descriptor: descriptor)
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
