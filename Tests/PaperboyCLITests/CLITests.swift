import Foundation
import NewsModels
import NewsStore
import Testing

/// Runs the real `paperboy` executable against temporary stores.
struct CLI {
    let store: String

    init() {
        store = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-cli-\(UUID().uuidString)/store.sqlite").path
    }

    static func binary() throws -> URL {
        let folders = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL,
                       Bundle.main.bundleURL.deletingLastPathComponent()]
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("paperboy").path) {
            return folder.appendingPathComponent("paperboy")
        }
        throw CLIError.missingBinary
    }

    enum CLIError: Error { case missingBinary }

    struct Result { let status: Int32; let stdout: Data; let stderr: String; var text: String { String(decoding: stdout, as: UTF8.self) } }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments.contains("--store") ? arguments : arguments + ["--store", store]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// `run` on a dispatch thread: waiting for a subprocess must not hold one of the few threads
    /// Swift's cooperative pool has, or other suites' async tests starve (and time out) meanwhile.
    func runDetached(_ arguments: [String]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Swift.Result { try self.run(arguments) }) }
        }
    }

    func load(_ lines: [String]) throws -> Result {
        let file = (store as NSString).deletingLastPathComponent + "/input-\(UUID().uuidString).ndjson"
        try FileManager.default.createDirectory(atPath: (store as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
        return try run(["load", file])
    }
}

@Suite struct CLITests {
    static func article(_ id: String, title: String, body: String, source: String = "Quay Ledger", minutes: Int = 0) throws -> String {
        let article = Article(
            id: id, source: Source(id: "quay-ledger.example", name: source), title: title, dek: "A dek about \(id).",
            publishedAt: Timestamp(epochMilliseconds: 1_740_000_000_000 + Int64(minutes) * 60_000, offsetMinutes: 540),
            blocks: [.paragraph(text: body, citations: [Citation(domain: "port.example")]), .quote(text: body, attribution: title)])
        return String(decoding: try NewsJSON.encode(article), as: UTF8.self)
    }

    @Test func listReadSearchAndMarkWork() throws {
        let cli = CLI()
        let loaded = try cli.load([
            try Self.article("q-1", title: "Trade deficit shrinks at the port", body: "Exports of cranes narrowed the trade deficit.", minutes: 1),
            try Self.article("q-2", title: "Ferry strike ends", body: "Crews returned after a late-night deal.", minutes: 2),
        ])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stderr.contains("2 new"))
        let list = try cli.run(["list"])
        #expect(list.status == 0)
        #expect(list.text.split(separator: "\n").map { $0.contains("Ferry strike ends") } == [true, false])
        let read = try cli.run(["read", "1", "--width", "60"])
        #expect(read.status == 0)
        #expect(read.text.contains("Trade deficit shrinks at the port") && read.text.contains("[1] port.example"))
        #expect(try cli.run([]).text.contains("Trade deficit") == false) // read marked it read
        let search = try cli.run(["search", "trade", "deficit"])
        #expect(search.status == 0 && search.text.contains("Trade deficit shrinks"))
        let marked = try cli.run(["mark", "star", "q-2"])
        #expect(marked.status == 0)
        let json = try cli.run(["list", "--starred", "--json"])
        let entries = try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]]
        #expect(entries?.map { $0["id"] as? String } == ["q-2"])
    }

    @Test func missingArticleIsAClearErrorWithExitTwo() throws {
        let cli = CLI()
        _ = try cli.load([try Self.article("q-1", title: "One", body: "Body.")])
        let result = try cli.run(["read", "NOSUCH"])
        #expect(result.status == 2)
        #expect(result.stderr == "paperboy: no article matches 'NOSUCH'\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func badInputIsOneLineAndStoresNothingFromTheBadBatch() throws {
        let cli = CLI()
        let result = try cli.load([try Self.article("q-1", title: "One", body: "Body."), #"{"id":"q-2","rev":"two"}"#])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("line 2: field 'rev': expected a number\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try cli.run(["search", "--limit", "0", "x"]).status != 0)
        let notAStore = try cli.run(["list", "--store", "/dev/null/nope.sqlite"])
        #expect(notAStore.status == 1 && notAStore.stderr.hasPrefix("paperboy: cannot open the store"))
    }

    @Test func hostileTextNeverReachesTheTerminal() throws {
        let cli = CLI()
        let hostile = "Bad \u{1B}[2J\u{1B}[H news \u{1B}]0;pwned\u{07} \u{1B}]8;;https://evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\ \u{9B}31m c1 \u{9D}2;x\u{9C} end"
        _ = try cli.load([try Self.article("evil-1", title: hostile, body: "Trade " + hostile, source: "Src \u{1B}[8mhidden")])
        for arguments in [["list"], ["read", "1"], ["search", "trade"], ["read", "1", "--json"], ["list", "--json"], ["search", "trade", "--json"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            let forbidden = result.stdout.enumerated().filter { index, byte in
                // C0 controls other than newline, DEL, and UTF-8 encoded C1 (0xC2 0x80–0x9F).
                (byte < 0x20 && byte != 0x0A) || byte == 0x7F
                    || (byte == 0xC2 && index + 1 < result.stdout.count && (0x80...0x9F).contains(result.stdout[index + 1]))
            }
            #expect(forbidden.isEmpty, "\(arguments): \(result.text)")
        }
    }
}
