import Foundation
import NewsAccount
import Testing
@testable import paperboy

/// The built executable itself, where running in this process cannot stand in: exit statuses and
/// messages as a shell sees them, help on standard output, and a sync lock held by another process.
@Suite struct EndToEndTests {
    @Test func exitStatusesAndMessagesReachTheShell() async throws {
        let cli = CLI()
        #expect(try await cli.load([try CLITests.article("q-1", title: "One", body: "Body.")]).status == 0)
        // None of these changes the store, so they run at once.
        async let listed = cli.runProcess(["list", "--json"]), missing = cli.runProcess(["read", "NOSUCH"])
        async let badValue = cli.runProcess(["search", "--limit", "0", "x"]), badCommand = cli.runProcess(["frobnicate"])
        async let help = cli.runProcess(["--help"])
        let (list, notFound, value, command, helped) = try await (listed, missing, badValue, badCommand, help)
        #expect(list.status == 0 && list.jsonIDs == ["q-1"] && list.stderr.isEmpty)
        #expect(notFound.status == 2 && notFound.stderr == "paperboy: no article matches 'NOSUCH'\n" && notFound.stdout.isEmpty)
        #expect(value.status != 0 && value.stderr.contains("--limit must be a positive number") && value.stdout.isEmpty)
        #expect(command.status != 0 && command.stderr.contains("frobnicate") && command.stdout.isEmpty)
        #expect(helped.status == 0 && helped.text.contains("Exit status: 0 ok, 1 bad input or usage") && helped.stderr.isEmpty)
    }

    @Test func aSyncRefusesAStoreAnotherProcessIsSyncing() async throws {
        let cli = CLI()
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        // This test's process holds the lock, as a running sync would; the executable is the second process.
        let lock = try #require(try FileSyncLock(storePath: cli.store).tryAcquire())
        defer { lock.release() }
        let refused = try await cli.runProcess(["sync", "--no-wait"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "paperboy: another paperboy sync is running on this store; try again when it finishes\n")
    }
}
