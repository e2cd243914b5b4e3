import ArgumentParser
import FeedServer
import Foundation
import NewsModels

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Write a snapshot of the live articles and drop old changes from the log.",
        discussion: """
            The snapshot (every live article as of the log's head, in chunks of --chunk articles) lets a
            new client start without replaying history. Changes committed more than --keep-days ago
            leave the log: the horizon ("oldest" in the manifest) moves up to the last segment
            boundary below them, and those segments answer 410 Gone, sending clients that fell that
            far behind to the snapshot. Tombstones live as long as other changes, so keep at least 90
            days unless every client syncs more often. --keep-days 0 keeps only the open segment.
            Safe to run while `serve` runs: everything changes in one transaction.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Keep changes committed within this many days (0: keep only the open segment).")
    var keepDays: Double = 90

    @Option(help: "Articles per snapshot chunk.")
    var chunk = 1000

    @Option(help: "Changes per log segment, if this database has none fixed yet (default 1000).")
    var segmentSize: Int64?

    func validate() throws {
        guard keepDays >= 0, keepDays.isFinite else { throw ValidationError("--keep-days must be 0 or more, got \(keepDays)") }
        guard chunk > 0 else { throw ValidationError("--chunk must be positive, got \(chunk)") }
        if let segmentSize, segmentSize <= 0 { throw ValidationError("--segment-size must be positive, got \(segmentSize)") }
    }

    func run() throws {
        let storage = try database.open()
        let size = try database.segmentSize(storage, proposed: segmentSize)
        let keepSince = keepDays == 0
            ? nil : Timestamp(epochMilliseconds: Timestamp.now().epochMilliseconds - Int64(keepDays * 86_400_000))
        let summary = try storage.compact(policy: CompactionPolicy(segmentSize: size, keepSince: keepSince, articlesPerChunk: chunk))
        guard summary.snapshotSeq > 0 else {
            ServerOutput.say("the log is empty: nothing to compact")
            return
        }
        ServerOutput.say("snapshot at seq \(summary.snapshotSeq): \(summary.articles) live articles in \(summary.chunks) chunk(s)")
        if summary.oldest > summary.oldestBefore {
            ServerOutput.say("oldest \(summary.oldestBefore) → \(summary.oldest): \(summary.removedChanges) changes left the log")
        } else {
            ServerOutput.say("oldest stays at \(summary.oldest): no change is older than \(keepDays.formatted()) days past a segment boundary")
        }
    }
}
