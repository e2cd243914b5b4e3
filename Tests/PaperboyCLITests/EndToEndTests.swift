import Foundation
import Testing
@testable import paperboy

/// The built executable itself, where running in this process cannot stand in: exit statuses and
/// messages as a shell sees them, help on standard output, and a sync lock held by another process.
@Suite struct EndToEndTests {
    @Test func exitStatusesAndMessagesReachTheShell() async throws {
        let cli = CLI()
        #expect(try await cli.load([try CLITests.article("q-1", title: "One", body: "Body.")]).status == 0)
        let listed = try await cli.runProcess(["list", "--json"])
        #expect(listed.status == 0 && listed.jsonIDs == ["q-1"] && listed.stderr.isEmpty)
        let missing = try await cli.runProcess(["read", "NOSUCH"])
        #expect(missing.status == 2 && missing.stderr == "paperboy: no article matches 'NOSUCH'\n" && missing.stdout.isEmpty)
        let badValue = try await cli.runProcess(["search", "--limit", "0", "x"])
        #expect(badValue.status != 0 && badValue.stderr.contains("--limit must be a positive number") && badValue.stdout.isEmpty)
        let badCommand = try await cli.runProcess(["frobnicate"])
        #expect(badCommand.status != 0 && badCommand.stderr.contains("frobnicate") && badCommand.stdout.isEmpty)
        let help = try await cli.runProcess(["--help"])
        #expect(help.status == 0 && help.text.contains("Exit status: 0 ok, 1 bad input or usage") && help.stderr.isEmpty)
    }

    @Test func aSyncRefusesAStoreAnotherProcessIsSyncing() async throws {
        let cli = CLI()
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        // This test's process holds the lock, as a running sync would; the executable is the second process.
        let lock = try SyncLock.acquire(storePath: cli.store, wait: false)
        defer { lock.release() }
        let refused = try await cli.runProcess(["sync", "--no-wait"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "paperboy: another paperboy sync is running on this store; try again when it finishes\n")
    }
}
