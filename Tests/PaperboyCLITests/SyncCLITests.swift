import FeedServer
import Foundation
import Logging
import NewsModels
import NewsStore
import Testing

/// `paperboy remote` and `paperboy sync` as a user runs them, against an in-process server.
@Suite struct SyncCLITests {
    @Test func remoteAddSyncMarkAndSyncAgain() async throws {
        let cli = CLI()
        let folder = (cli.store as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let storage = try SQLiteFeedStorage(path: folder + "/server.sqlite")
        let articles = (1...30).map { index in
            Article(
                id: "quay-\(index)", source: Source(id: "quay-ledger.example", name: "Quay Ledger"), title: "Crane \(index) returns to service",
                publishedAt: Timestamp(epochMilliseconds: 1_763_700_000_000 + Int64(index) * 60_000),
                blocks: [.paragraph(text: "Crane \(index) lifted its first container since the storm.", citations: [])])
        }
        _ = try storage.importArticles(articles)
        _ = try storage.addUser(name: "ada")
        let token = DeviceToken.generate()
        try storage.addDeviceToken(userName: "ada", tokenHash: DeviceToken.hash(token), label: nil)
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/token.txt"))
        var logger = Logger(label: "cli-test")
        logger.logLevel = .critical
        var configuration = FeedServerConfiguration()
        configuration.segmentSize = 8
        let server = try await BackgroundFeedServer.start(storage: storage, configuration: configuration, logger: logger)
        let url = "http://127.0.0.1:\(server.port)"

        let added = await cli.run(["remote", "add", "home", url, "--token-file", folder + "/token.txt"])
        #expect(added.status == 0)
        let tokenFile = folder + "/tokens/home.token"
        let mode = try FileManager.default.attributesOfItem(atPath: tokenFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // The first sync runs as the real executable: curl, the store and the report in a process of their own.
        let first = try await cli.runProcess(["sync"])
        #expect(first.status == 0)
        #expect(first.text.hasPrefix("home: 30 new, 0 updated, 0 removed; state 0 sent, 0 received;"))
        #expect(first.stderr.contains("home: segment 3, seq 30/30"))  // plain progress lines off a terminal

        #expect(await cli.run(["mark", "star", "quay-3"]).status == 0)
        _ = try storage.importArticles([Article(
            id: "quay-31", source: Source(id: "quay-ledger.example", name: "Quay Ledger"), title: "Harbour reopens",
            publishedAt: Timestamp(epochMilliseconds: 1_763_800_000_000))])
        let second = await cli.run(["sync", "home"])
        #expect(second.text.hasPrefix("home: 1 new, 0 updated, 0 removed; state 1 sent,"))

        // status reports the remote; "mark read --all" goes out as one markReadUpTo, and a second
        // device that syncs afterwards sees everything read.
        let status = try JSONSerialization.jsonObject(with: await cli.run(["status", "--json"]).stdout) as? [String: Any]
        let remote = (status?["remotes"] as? [[String: Any]])?.first
        #expect(remote?["name"] as? String == "home" && remote?["cursor"] as? Int == 31 && remote?["articles"] as? Int == 31)
        #expect(remote?["lastSync"] is String)
        #expect(await cli.run(["mark", "read", "--all"]).stderr == "marked read: 31 articles in the store\n")
        let third = await cli.run(["sync"])
        #expect(third.text.hasPrefix("home: 0 new, 0 updated, 0 removed; state 1 sent,"), "\(third.text)")
        let phone = CLI()
        #expect(await phone.run(["remote", "add", "home", url, "--token-file", folder + "/token.txt"]).status == 0)
        #expect(await phone.run(["sync"]).status == 0)
        let phoneUnread = await phone.run(["list", "--unread", "--json"])
        #expect(phoneUnread.jsonIDs.isEmpty && phoneUnread.status == 0)
        #expect(await phone.run(["list", "--starred", "--json"]).jsonIDs == ["quay-3"])

        let listedJSON = try JSONSerialization.jsonObject(with: await cli.run(["remote", "list", "--json"]).stdout) as? [[String: Any]]
        #expect(listedJSON?.first?["token"] as? Bool == true && listedJSON?.first?["cursor"] as? Int == 31)
        let listed = await cli.run(["remote", "list"])
        #expect(listed.text.contains("home\t\(url)\tsynced to seq 31\ttoken saved"))
        for output in [added, first, second, listed] {
            #expect(!output.text.contains(token) && !output.stderr.contains(token))
        }
        let unknown = await cli.run(["sync", "nowhere"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no remote named 'nowhere'"))
        #expect(await cli.run(["remote", "remove", "home"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: tokenFile))
        #expect(await cli.run(["remote", "add", "bad name", url]).status != 0)
        await server.stop()
    }

    @Test func syncWithoutRemotesSaysWhatToDo() async throws {
        let result = await CLI().run(["sync"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("paperboy remote add NAME URL"))
    }
}
