import Foundation
import Testing

/// Where the reader and the server keep secrets: lock and token files no other user can redirect,
/// and token commands that never take a token as an argument.
@Suite struct LocalSecretsTests {
    @Test func aLinkPlantedAtTheSyncLockIsNotFollowed() async throws {
        let cli = CLI()
        #expect(await cli.run(["status"]).status == 0)  // creates the store
        let target = cli.folder + "/elsewhere"
        try FileManager.default.createSymbolicLink(atPath: cli.store + ".sync-lock", withDestinationPath: target)
        let sync = await cli.run(["sync"])
        #expect(sync.status == 1)
        #expect(sync.stderr.contains("sync lock") && sync.stderr.contains("symbolic link"), "\(sync.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func aTokenFolderOthersMayWriteIsRefused() async throws {
        let cli = CLI()
        try FileManager.default.createDirectory(atPath: cli.folder + "/tokens", withIntermediateDirectories: true)
        chmod(cli.folder + "/tokens", 0o777)
        try Data("pb_secret\n".utf8).write(to: URL(fileURLWithPath: cli.folder + "/token.txt"))
        let added = await cli.run(["remote", "add", "home", "http://127.0.0.1:9", "--token-file", cli.folder + "/token.txt"])
        #expect(added.status == 1)
        #expect(added.stderr.contains("others may write to it"), "\(added.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/tokens/home.token"))
        // A token someone else put there is not sent either.
        chmod(cli.folder + "/tokens", 0o700)
        #expect(await cli.run(["remote", "add", "home", "http://127.0.0.1:9", "--token-file", cli.folder + "/token.txt"]).status == 0)
        chmod(cli.folder + "/tokens", 0o777)
        let sync = await cli.run(["sync", "home"])
        #expect(sync.status == 1 && sync.stderr.contains("others may write to it"), "\(sync.stderr)")
    }

    /// Runs the built `paperboy-server` with `input` on its standard input.
    static func server(_ arguments: [String], database: String, input: String = "") async throws -> CLI.Result {
        let process = Process()
        process.executableURL = try CLI.binary().deletingLastPathComponent().appendingPathComponent("paperboy-server")
        process.arguments = arguments + ["--db", database]
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        let stdin = Pipe()
        process.standardInput = stdin
        try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        return try await CLI.outcome(of: process)
    }

    @Test func serverTokensAreListedAndRevokedWithoutTheSecretOnTheCommandLine() async throws {
        let cli = CLI()
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        let database = cli.folder + "/server.sqlite"
        let token = try await Self.server(["user", "add", "alice"], database: database).text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("pb_"))
        _ = try await Self.server(["token", "add", "alice", "--device", "phone"], database: database)
        let listed = try await Self.server(["token", "list"], database: database)
        let rows = listed.text.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        try #require(rows.count == 2 && rows.allSatisfy { $0.count == 5 && $0[1] == "alice" && $0[4] == "active" }, "\(listed.text)")
        #expect(rows.map { $0[2] } == ["-", "phone"])
        #expect(!listed.text.contains(token))

        let onArgv = try await Self.server(["token", "revoke", token], database: database)
        #expect(onArgv.status != 0 && onArgv.stderr.contains("--token-file"), "\(onArgv.stderr)")
        let fromStdin = try await Self.server(["token", "revoke", "--token-file", "-"], database: database, input: token + "\n")
        #expect(fromStdin.status == 0 && fromStdin.text == "revoked\n", "\(fromStdin.stderr)")
        let byId = try await Self.server(["token", "revoke", rows[1][0]], database: database)
        #expect(byId.status == 0 && byId.text == "revoked \(rows[1][0]) (alice, phone)\n", "\(byId.stderr)")
        let after = try await Self.server(["token", "list", "--user", "alice"], database: database).text
        #expect(after.split(separator: "\n").allSatisfy { $0.contains("\trevoked ") }, "\(after)")
        let unknown = try await Self.server(["token", "revoke", "abcdef"], database: database)
        #expect(unknown.status == 1 && unknown.stderr.contains("no device token has the id 'abcdef'"), "\(unknown.stderr)")
    }
}
