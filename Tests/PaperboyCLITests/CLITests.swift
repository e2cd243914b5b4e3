import Foundation
import NewsModels
import Testing

@Suite struct CLITests {
    static func article(_ id: String, title: String, body: String, source: String = "Quay Ledger", minutes: Int = 0) throws -> String {
        let article = Article(
            id: id, source: Source(id: "quay-ledger.example", name: source), title: title, dek: "A dek about \(id).",
            publishedAt: Timestamp(epochMilliseconds: 1_740_000_000_000 + Int64(minutes) * 60_000, offsetMinutes: 540),
            blocks: [.paragraph(text: body, citations: [Citation(domain: "port.example")]), .quote(text: body, attribution: title)])
        return String(decoding: try NewsJSON.encode(article), as: UTF8.self)
    }

    @Test func listReadSearchAndMarkWork() async throws {
        let cli = CLI()
        let loaded = try await cli.load([
            try Self.article("q-1", title: "Trade deficit shrinks at the port", body: "Exports of cranes narrowed the trade deficit.", minutes: 1),
            try Self.article("q-2", title: "Ferry strike ends", body: "Crews returned after a late-night deal.", minutes: 2),
        ])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stderr.contains("2 new"))
        let list = await cli.run(["list"])
        #expect(list.status == 0)
        #expect(list.text.split(separator: "\n").map { $0.contains("Ferry strike ends") } == [true, false])
        let read = await cli.run(["read", "1", "--width", "60"])
        #expect(read.status == 0)
        #expect(read.text.contains("Trade deficit shrinks at the port") && read.text.contains("[1] port.example"))
        #expect(await cli.run([]).text.contains("Trade deficit") == false) // read marked it read
        let search = await cli.run(["search", "trade", "deficit"])
        #expect(search.status == 0 && search.text.contains("Trade deficit shrinks"))
        let marked = await cli.run(["mark", "star", "q-2"])
        #expect(marked.status == 0)
        let json = await cli.run(["list", "--starred", "--json"])
        let entries = try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]]
        #expect(entries?.map { $0["id"] as? String } == ["q-2"])
    }

    @Test func missingArticleIsAClearErrorWithExitTwo() async throws {
        let cli = CLI()
        _ = try await cli.load([try Self.article("q-1", title: "One", body: "Body.")])
        let result = await cli.run(["read", "NOSUCH"])
        #expect(result.status == 2)
        #expect(result.stderr == "paperboy: no article matches 'NOSUCH'\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func badInputIsOneLineAndStoresNothingFromTheBadBatch() async throws {
        let cli = CLI()
        let result = try await cli.load([try Self.article("q-1", title: "One", body: "Body."), #"{"id":"q-2","rev":"two"}"#])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("line 2: field 'rev': expected a number\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(await cli.run(["search", "--limit", "0", "x"]).status != 0)
        let notAStore = await cli.run(["list", "--store", "/dev/null/nope.sqlite"])
        #expect(notAStore.status == 1 && notAStore.stderr.hasPrefix("paperboy: cannot open the store"))
    }

    @Test func hostileTextNeverReachesTheTerminal() async throws {
        let cli = CLI()
        let hostile = "Bad \u{1B}[2J\u{1B}[H news \u{1B}]0;pwned\u{07} \u{1B}]8;;https://evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\ \u{9B}31m c1 \u{9D}2;x\u{9C} end"
        _ = try await cli.load([try Self.article("evil-1", title: hostile, body: "Trade " + hostile, source: "Src \u{1B}[8mhidden")])
        for arguments in [["list"], ["read", "1"], ["search", "trade"], ["read", "1", "--json"], ["list", "--json"], ["search", "trade", "--json"]] {
            let result = await cli.run(arguments)
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
