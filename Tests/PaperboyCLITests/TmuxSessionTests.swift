import Foundation
import NewsModels
import Testing
import TerminalUI
import PaperboyTesting

/// Drives `paperboy` in a real terminal: a detached tmux session, keys sent with `send-keys`, the
/// screen read back with `capture-pane`. This is the path a person takes: list, read (through the
/// pager), star, search.
@Suite struct TmuxSessionTests {
    /// One tmux server of our own (`-L`), so the test never touches a user's sessions.
    final class Tmux {
        let socket = "paperboy-test-\(UUID().uuidString.prefix(8))"
        let environment: [String: String]

        init(environment: [String: String]) { self.environment = environment }

        /// Runs one tmux command and returns what it printed. Not through Foundation's Process:
        /// the tmux server that `new-session` forks inherits the descriptor Process watches for
        /// its child's exit, so Process would wait for the server, that is, forever.
        @discardableResult
        func run(_ arguments: [String]) throws -> String {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try ChildProcess.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments, environment: environment, outputFile: file)
            return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        }

        func keys(_ keys: String...) throws { try run(["send-keys", "-t", "reader"] + keys) }

        /// The visible screen as text (`escapes`: with colour sequences).
        func screen(escapes: Bool = false) throws -> String { try run(["capture-pane", "-p", "-t", "reader"] + (escapes ? ["-e"] : [])) }

        /// Polls the screen until `condition` holds and returns that screen (`escapes`: with colour sequences).
        func pollScreen(until what: String, escapes: Bool = false, _ condition: (String) -> Bool) async throws -> String {
            try await Polling.sample({ try screen(escapes: escapes) }, until: condition) { last in
                Issue.record("\(what) never came; the last screen was:\n\(last)")
            }
        }

        /// Ends the session, which ends the server. (`kill-server` answers 0 but leaves a server
        /// started this way running, seen with tmux 3.3a.) The server must not outlive the test:
        /// it inherited whatever descriptors the test process had open when it started, among
        /// them other tests' output pipes, and those tests would wait for it to close them.
        ///
        /// The program in the pane is killed first, with its process group: newsboat outlives the
        /// hang-up a closing session sends, and was left spinning on its dead terminal.
        func stop() {
            let panes = (try? run(["list-panes", "-s", "-t", "reader", "-F", "#{pane_pid}"])) ?? ""
            for pid in panes.split(whereSeparator: \.isWhitespace).compactMap({ pid_t($0) }) where pid > 1 {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
            }
            _ = try? run(["kill-session", "-t", "reader"])
            _ = try? run(["kill-server"])
        }
    }

    static func tmuxInstalled() -> Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func store() async throws -> CLI {
        let cli = CLI()
        let paragraphs = (1...30).map { "Paragraph \($0) of the ferry report: crossings were cancelled again as the wind rose over the north quay." }
        func article(_ id: String, _ title: String, minutes: Int, blocks: [Block]) throws -> String {
            let article = Article(id: id, url: "https://quay.example/\(id)", source: Source(id: "quay.example", name: "Quay Ledger"), title: title,
                                  dek: "A dek for \(id).", byline: "By Ines Varga",
                                  publishedAt: Timestamp(epochMilliseconds: Timestamp.now().epochMilliseconds - Int64(minutes) * 60_000), blocks: blocks)
            return String(decoding: try NewsJSON.encode(article), as: UTF8.self)
        }
        let loaded = try await cli.load([
            try article("t-1", "Lighthouse keeper retires after forty winters", minutes: 90, blocks: [.paragraph(text: "The lamp is automatic now.")]),
            try article("t-2", "Ferry crossings cancelled as gales return", minutes: 30, blocks: paragraphs.map { .paragraph(text: $0) }),
            try article("t-3", "Harbour market reopens with twelve stalls", minutes: 10, blocks: [.paragraph(text: "Fish, bread and rope.")]),
        ])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        return cli
    }

    /// Whether a list row reads `columns`, an age in `unit` (three columns wide), then `headline`. The
    /// articles' ages come from the wall clock of the `paperboy` process, which no test can set, so the
    /// number itself is not checked: a slow machine may list the 30-minute-old article as 32m.
    static func isRow(_ row: Substring, _ columns: String, age unit: Character, _ headline: String) -> Bool {
        guard row.hasPrefix(columns) else { return false }
        let age = row.dropFirst(columns.count).prefix(4)
        let digits = age.prefix { $0.isNumber }
        return !digits.isEmpty && age.dropFirst(digits.count).first == unit
            && row.dropFirst(columns.count + 4).hasPrefix(headline)
    }

    @Test func listReadStarSearchInARealTerminal() async throws {
        try #require(Self.tmuxInstalled(), "tmux is not installed; Tools/test.sh installs it (apt-get install tmux)")
        let cli = try await Self.store()
        let bin = try CLI.binary().deletingLastPathComponent().path
        var environment = ProcessInfo.processInfo.environment
        for key in ["NO_COLOR", "PAGER", "LESS", "TMUX", "COLUMNS", "LINES"] { environment[key] = nil }
        environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["PAPERBOY_STORE"] = cli.store
        environment["PAPERBOY_CONFIG"] = (cli.store as NSString).deletingLastPathComponent + "/no-config.toml"
        environment["TERM"] = "xterm-256color"
        environment["PS1"] = "$ "
        environment["TZ"] = "UTC"
        let tmux = Tmux(environment: environment)
        try tmux.run(["new-session", "-d", "-s", "reader", "-x", "100", "-y", "30", "bash --norc --noprofile"])
        defer { tmux.stop() }
        _ = try await tmux.pollScreen(until: "the shell") { $0.contains("bash") || $0.contains("$") || $0.contains("#") }
        try tmux.keys("PS1='$ '", "Enter")
        _ = try await tmux.pollScreen(until: "the prompt") { $0.split(separator: "\n").contains("$") }

        // list: newest first, all unread, one line each, colour on because this is a terminal.
        try tmux.keys("clear; paperboy", "Enter")
        var screen = try await tmux.pollScreen(until: "the unread timeline") { $0.contains("Lighthouse keeper") }
        let rows = screen.split(separator: "\n").filter { $0.contains("Quay Ledger") }
        #expect(rows.count == 3)
        #expect(rows.first.map { Self.isRow($0, "3 N   Quay Ledger      ", age: "m", "Harbour market reopens") } == true, "\(screen)")
        #expect(rows.last.map { Self.isRow($0, "1 N   Quay Ledger      ", age: "h", "Lighthouse keeper") } == true, "\(screen)")
        #expect(try tmux.screen(escapes: true).contains("\u{1B}[36mQuay Ledger"))

        // read: a long article opens in less; the first page shows the header, q returns to the shell.
        try tmux.keys("clear; paperboy read 2", "Enter")
        screen = try await tmux.pollScreen(until: "the article in the pager") { $0.contains("Ferry crossings cancelled as gales return") && $0.contains("Paragraph 1 ") }
        #expect(screen.contains("Quay Ledger · By Ines Varga"))
        #expect(!screen.contains("Paragraph 30 "), "the pager should hold the rest back:\n\(screen)")
        try tmux.keys("G")
        screen = try await tmux.pollScreen(until: "the end of the article") { $0.contains("Paragraph 30 ") }
        try tmux.keys("q")
        try tmux.keys("clear; paperboy list", "Enter")
        screen = try await tmux.pollScreen(until: "the list after reading") { $0.contains("Lighthouse keeper") && !$0.contains("paperboy read") }
        #expect(screen.split(separator: "\n").contains { Self.isRow($0, "2     Quay Ledger      ", age: "m", "Ferry crossings") }, "read should clear N:\n\(screen)")

        // star, then the starred list.
        try tmux.keys("clear; paperboy star 2 && paperboy list --starred", "Enter")
        screen = try await tmux.pollScreen(until: "the starred list") { $0.contains("starred 1 article") && $0.contains("Ferry crossings") }
        #expect(screen.split(separator: "\n").contains { Self.isRow($0, "2  *  Quay Ledger      ", age: "m", "Ferry crossings") }, "\(screen)")

        // search: ranked hits with a snippet, the matched word highlighted.
        try tmux.keys("clear; paperboy search gales", "Enter")
        // The starred list above also shows this headline; the search has drawn once `clear` has
        // removed the star message and the headline is there twice (result line and snippet).
        let headline = "Ferry crossings cancelled as gales return"
        screen = try await tmux.pollScreen(until: "search results") { !$0.contains("starred 1 article") && $0.components(separatedBy: headline).count == 3 }
        #expect(!screen.contains("Lighthouse keeper") && !screen.contains("Harbour market"))
        let coloured = try await tmux.pollScreen(until: "the highlighted match", escapes: true) {
            $0.contains("\u{1B}[1m\u{1B}[33mgales") || $0.contains("\u{1B}[1;33mgales")
        }
        #expect(!coloured.contains("starred 1 article"))
    }
}
