import FeedServer
import Foundation
import Logging
import NewsModels
import PaperboyTesting
import Testing

/// newsboat 2.21, a real app, reading `paperboy-server` through the Google Reader API (its feedhq
/// mode) and Miniflux's (its miniflux mode), driven in tmux: it lists every article, its marks reach
/// `paperboy sync`, and a mark made with `paperboy` drops its unread count on its next reload.
@Suite(.serialized) struct NewsboatAppAPITests {
    enum Mode: String, CaseIterable, Sendable { case feedhq, miniflux }

    static func installed(_ names: String...) -> Bool {
        names.allSatisfy { name in ["/usr/bin/", "/usr/local/bin/", "/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + name) } }
    }

    static func article(_ id: String, _ source: Source, _ title: String, minutesAgo: Int) -> Article {
        Article(
            id: id, url: "https://\(source.id)/\(id)", source: source, title: title,
            publishedAt: Timestamp(epochMilliseconds: Timestamp.now().epochMilliseconds - Int64(minutesAgo) * 60_000),
            blocks: [.paragraph(text: "\(title). Reported by \(source.name).")])
    }

    /// The config newsboat reads in `mode`, against the server on `port`.
    static func config(_ mode: Mode, port: Int) -> String {
        switch mode {
        case .feedhq:
            return """
                urls-source "feedhq"
                feedhq-url "http://127.0.0.1:\(port)/"
                feedhq-login "ada"
                feedhq-password "correct horse"
                feedhq-show-special-feeds no
                feedhq-flag-star "s"
                refresh-on-startup yes
                show-read-feeds yes

                """
        case .miniflux:
            return """
                urls-source "miniflux"
                miniflux-url "http://127.0.0.1:\(port)/miniflux/"
                miniflux-login "ada"
                miniflux-password "correct horse"
                refresh-on-startup yes
                show-read-feeds yes

                """
        }
    }

    @Test(arguments: Mode.allCases) func newsboatReadsAndMarksThroughTheAppAPI(_ mode: Mode) async throws {
        try #require(Self.installed("newsboat"), "newsboat is not installed (apt-get install newsboat)")
        try #require(Self.installed("tmux"), "tmux is not installed (apt-get install tmux)")
        let cli = CLI()
        let folder = cli.folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let storage = try SQLiteFeedStorage(path: folder + "/server.sqlite")
        let tide = Source(id: "tide.example", name: "Tide Gazette"), quay = Source(id: "quay.example", name: "Quay Ledger")
        _ = try storage.importArticles([
            Self.article("tide-1", tide, "Lighthouse keeper retires after forty winters", minutesAgo: 90),
            Self.article("tide-2", tide, "Harbour market reopens with twelve stalls", minutesAgo: 30),
            Self.article("quay-1", quay, "Crane barge arrives for the pier repairs", minutesAgo: 10),
        ])
        _ = try storage.addUser(name: "ada")
        let token = DeviceToken.generate()
        try storage.addDeviceToken(userName: "ada", tokenHash: DeviceToken.hash(token), label: nil)
        try storage.setPasswordHash(userName: "ada", hash: AppPassword.hash("correct horse"))
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/token.txt"))
        var logger = Logger(label: "newsboat-test")
        logger.logLevel = .critical
        let server = try await BackgroundFeedServer.start(storage: storage, logger: logger)
        #expect(await cli.run(["remote", "add", "home", "http://127.0.0.1:\(server.port)", "--token-file", folder + "/token.txt"]).status == 0)
        #expect(await cli.run(["sync", "home"]).status == 0)

        try Self.config(mode, port: server.port).write(toFile: folder + "/newsboat.conf", atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: folder + "/urls", contents: Data())
        var environment = ProcessInfo.processInfo.environment
        for key in ["TMUX", "COLUMNS", "LINES", "http_proxy", "HTTP_PROXY", "https_proxy", "all_proxy"] { environment[key] = nil }
        environment["TERM"] = "xterm-256color"
        environment["HOME"] = folder
        let tmux = TmuxSessionTests.Tmux(environment: environment)
        let command = "newsboat -C \(folder)/newsboat.conf -c \(folder)/cache.db -u \(folder)/urls"
        try tmux.run(["new-session", "-d", "-s", "reader", "-x", "120", "-y", "30", command])
        defer { tmux.stop() }

        // Every article the server holds: both outlets, with all their articles unread.
        var screen = try await tmux.pollScreen(until: "both outlets with their articles") {
            $0.contains("(1/1)") && $0.contains("Quay Ledger") && $0.contains("(2/2)") && $0.contains("Tide Gazette")
        }
        // The outlets are listed by name: Quay Ledger first. Open it and its one article (marks it read).
        try tmux.keys("Enter")
        screen = try await tmux.pollScreen(until: "Quay Ledger's article list") { $0.contains("Crane barge arrives") }
        if mode == .feedhq {
            try tmux.keys("C-e")
            _ = try await tmux.pollScreen(until: "the flag prompt") { $0.contains("Flags:") }
            try tmux.keys("s", "Enter")
        }
        try tmux.keys("Enter")
        screen = try await tmux.pollScreen(until: "the article") { $0.contains("Reported by Quay Ledger") }
        try tmux.keys("q")
        _ = try await tmux.pollScreen(until: "the article list again") { !$0.contains("Reported by Quay Ledger") }
        try tmux.keys("q")
        _ = try await tmux.pollScreen(until: "the feed list again") { $0.contains("(0/1)") }

        // newsboat's marks reach paperboy through the server.
        let synced = try await Polling.until(giveUpAfter: .seconds(60)) {
            _ = await cli.run(["sync", "home"])
            let listed = await cli.run(["list", "--json", "--limit", "10"])
            let rows = try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]] ?? []
            guard let crane = rows.first(where: { $0["id"] as? String == "quay-1" }) else { return false }
            return crane["read"] as? Bool == true && (mode != .feedhq || crane["starred"] as? Bool == true)
        }
        #expect(synced, "newsboat's read\(mode == .feedhq ? " and star" : "") never reached paperboy sync")

        // A mark made with paperboy drops newsboat's unread count on its next reload.
        #expect(await cli.run(["mark", "read", "tide-2"]).status == 0)
        #expect(await cli.run(["sync", "home"]).status == 0)
        try tmux.keys("R")
        screen = try await tmux.pollScreen(until: "Tide Gazette's unread count dropping") { $0.contains("(1/2)") && $0.contains("Tide Gazette") }
        #expect(screen.contains("(0/1)"))
        tmux.stop()
        await server.stop()
    }
}
