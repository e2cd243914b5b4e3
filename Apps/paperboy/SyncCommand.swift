import ArgumentParser
import Foundation
import NewsAccount
import NewsStore
import NewsSync
import TerminalUI

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
        let account = try store.openAccount(allowPrivateAddresses: addresses.allowPrivateAddresses)
        // A named remote, else config.toml's `remote`, else every remote.
        let configured = name == nil ? try Terminal.config().remote : nil
        let printer = SyncPrinter(context: context)
        let report: AccountSyncReport
        do throws(AccountError) {
            report = try await account.sync(remote: name ?? configured, feeds: name == nil && !noFeeds, waitForLock: !noWait) { printer.show($0) }
        } catch {
            throw Self.failure(error, configured: configured)
        }
        // Each failed remote has had its line; the status says some failed.
        if report.anyRemoteFailed { throw ExitCode(Failure.network("").exitCode) }
    }

    /// A sync that could not start, in the reader's words; a `remote` from config.toml that does
    /// not exist names the file.
    private static func failure(_ error: AccountError, configured: String?) -> Failure {
        if case .noSuchRemote(let wanted) = error, configured != nil {
            return .notFound("config.toml sets remote = \"\(TerminalText.sanitize(wanted))\" but there is no such remote; see: paperboy remote list")
        }
        return .from(error)
    }
}

/// Prints a sync's events: a progress line per remote, its summary or error, feed lines and their summary.
final class SyncPrinter: @unchecked Sendable {
    // @unchecked: `progress` is only touched under `lock`.
    private let context: CommandContext
    private let lock = NSLock()
    private var progress: SyncProgressLine?

    init(context: CommandContext) {
        self.context = context
    }

    func show(_ event: AccountSyncEvent) {
        switch event {
        case .waitingForLock:
            context.printError("paperboy: another sync is running on this store; waiting for it to finish…")
        case .remoteStarted(let remote):
            let line = SyncProgressLine(remote: remote, live: context.outputIsTerminal && context.errorsAreTerminal, context: context)
            lock.withLock { progress = line }
        case .remote(_, let event):
            lock.withLock { progress }?.show(event)
        case let .remoteFinished(remote, result, elapsed):
            lock.withLock { progress }?.finish()
            switch result {
            case .success(let summary): context.print([SyncReport.line(remote: remote, summary: summary, seconds: elapsed.seconds)])
            case .failure(let error): context.printError("paperboy: \(remote): \(TerminalText.sanitize(SyncFailure.message(error)))")
            }
        case .feedsStarted:
            break
        case .feed(let report):
            if let line = FeedSyncReport.line(for: report, errorsTo: context) { context.print([line]) }
            if case let .stored(_, skipped) = report.result {
                FeedReport.warn(skipped: skipped, feed: TerminalText.sanitize(report.title ?? report.url), to: context)
            }
        case let .feedsFinished(reports, elapsed):
            context.print([FeedSyncReport.summary(reports, seconds: elapsed.seconds)])
        }
    }
}

/// A sync error in the reader's words.
enum SyncFailure {
    static func message(_ error: SyncError) -> String {
        switch error {
        case let .unauthorized(remote, _): "\(error.description); save a new one with: paperboy remote add \(remote) URL --token-file FILE"
        case let .unsupportedProtocol(version): "the server speaks protocol \(version); this paperboy speaks 1: upgrade paperboy"
        case let .store(error): Failure.message(for: error)
        default: error.description
        }
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
