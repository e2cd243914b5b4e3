import Foundation
import NewsModels
import Testing
@testable import paperboy

/// Article text, source names and URLs come from strangers. Whatever they carry (ESC, CSI, OSC
/// title-setting and hyperlinks, C1 controls, bells, backspaces, bidi overrides), no command may
/// print it: the only escape sequences paperboy writes are its own colour codes.
@Suite struct TerminalSafetyTests {
    static let esc = "\u{1B}"
    /// One of each: CSI clear screen and cursor home, OSC 0 window title, OSC 8 hyperlink, raw C1
    /// CSI and OSC, a hidden-text SGR, BEL, backspace, DCS, and a right-to-left override.
    static let hostile = "A\(esc)[2J\(esc)[Hb \(esc)]0;pwned title\u{07} \(esc)]8;;https://evil.example\(esc)\\link\(esc)]8;;\(esc)\\ "
        + "\u{9B}31mc1-csi \u{9D}0;c1-osc\u{9C} \(esc)[8mhidden\(esc)[0m bell\u{07} back\u{08}space \(esc)P1$r\(esc)\\ \u{202E}desrever\u{202C} "
        + "iso\u{2066}late\u{2069} line\u{2028}sep\u{2029} zero\u{200B}width\u{200D}\u{2060} bom\u{FEFF} soft\u{00AD}hyphen tag\u{E0041}\u{E007F} alm\u{061C} end"

    static func hostileArticle() throws -> String {
        let h = hostile
        let article = Article(
            id: "evil-1", rev: 2, url: "https://evil.example/a", source: Source(id: "evil.example", name: "Evil \(h)", domain: "evil.example"),
            storyId: "evil-story", title: "Trade \(h)", dek: "Dek \(h)", byline: "By \(h)", dateline: "PORT \(h)",
            publishedAt: Timestamp(epochMilliseconds: 1_740_000_000_000), updatedAt: Timestamp(epochMilliseconds: 1_740_000_600_000),
            categories: [h], image: ImageRef(url: "https://evil.example/i.png", alt: "Alt \(h)", caption: "Caption \(h)"),
            blocks: [
                .paragraph(text: "Trade body \(h)", citations: [Citation(url: "https://evil.example/c", domain: "evil.example", label: "Cite \(h)")]),
                .heading(level: 2, text: "Heading \(h)"),
                .list(ordered: true, items: ["Item \(h)", "Second \(h)"]),
                .quote(text: "Quote \(h)", attribution: "Who \(h)"),
                .image(ImageRef(url: "https://evil.example/j.png", alt: "Second alt \(h)", caption: nil)),
                .embed(Embed(author: "Poster \(h)", handle: "@evil\(h)", date: "Date \(h)", url: "https://evil.example/post", text: "Post \(h)")),
            ],
            changedFields: ["title\(h)"])
        return String(decoding: try NewsJSON.encode(article), as: UTF8.self)
    }

    /// Every command that prints something an article or source supplied.
    static let commands: [[String]] = [
        [], ["list"], ["list", "--json"], ["read", "1", "--no-pager"], ["read", "1", "--json"], ["search", "trade"], ["search", "trade", "--json"],
        ["stories"], ["stories", "--json"], ["story", "1"], ["story", "1", "--json"], ["sources"], ["sources", "--json"], ["status"],
        ["open", "1", "--print"], ["list", "--width", "40"], ["read", "1", "--width", "40", "--no-pager"], ["mark", "unread", "--source", "evil.example"],
    ]

    /// Offsets of bytes a terminal would act on: C0 controls other than newline, DEL, UTF-8 C1
    /// (0xC2 0x80–0x9F), and, when `colour` is on, any ESC that does not start a plain SGR (`ESC [ digits;… m`).
    static func forbidden(_ data: Data, colour: Bool) -> [Int] {
        let bytes = [UInt8](data)
        var bad: [Int] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B && colour {
                var j = i + 1
                guard j < bytes.count, bytes[j] == UInt8(ascii: "[") else { bad.append(i); i += 1; continue }
                j += 1
                while j < bytes.count, (0x30...0x39).contains(bytes[j]) || bytes[j] == UInt8(ascii: ";") { j += 1 }
                guard j < bytes.count, bytes[j] == UInt8(ascii: "m") else { bad.append(i); i += 1; continue }
                i = j + 1
                continue
            }
            if (b < 0x20 && b != 0x0A) || b == 0x7F || (b == 0xC2 && i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1])) { bad.append(i) }
            i += 1
        }
        return bad
    }

    /// A store holding the hostile article, and config files for colour off and always on.
    static func hostileStore() async throws -> (cli: CLI, plain: String, colour: String) {
        let cli = CLI()
        let loaded = try await cli.load([try Self.hostileArticle()])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        try "colour = \"always\"\n".write(toFile: cli.folder + "/colour.toml", atomically: true, encoding: .utf8)
        return (cli, cli.folder + "/none.toml", cli.folder + "/colour.toml")
    }

    /// Characters past the C1 block a terminal would act on or show as nothing (bidi controls, line
    /// separators, zero-width and tag characters, the soft hyphen…); JSON must escape them too.
    static func invisible(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0.value > 0x9F && TerminalSafeText.isUnsafe($0) }
    }

    /// What one command printed holds nothing a terminal would act on.
    static func check(_ result: CLI.Result, _ arguments: [String], colour: Bool) {
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(!result.stdout.isEmpty || !result.stderr.isEmpty, "\(arguments)")
        let out = Self.forbidden(result.stdout, colour: colour), err = Self.forbidden(Data(result.stderr.utf8), colour: false)
        #expect(out.isEmpty && err.isEmpty, "\(arguments) colour \(colour): \(result.text.debugDescription) \(result.stderr.debugDescription)")
        #expect(Self.invisible(result.text).isEmpty && Self.invisible(result.stderr).isEmpty,
                "\(arguments) colour \(colour): \(Self.invisible(result.text + result.stderr).map { String($0.value, radix: 16) })")
        // Text output drops the sequences' payloads too (JSON keeps the data, escaped).
        if !arguments.contains("--json") {
            #expect(!result.text.contains("pwned") && !result.text.contains("31mc1") && !result.text.contains("\u{202E}"), "\(arguments)")
        }
    }

    @Test func noCommandPrintsAControlOrEscapeFromArticleText() async throws {
        let (cli, plain, colour) = try await Self.hostileStore()
        for (config, coloured) in [(plain, false), (colour, true)] {
            for arguments in Self.commands {
                Self.check(await cli.run(arguments, environment: ["PAPERBOY_CONFIG": config]), arguments, colour: coloured)
            }
        }
        // The checker itself: it catches each kind it is meant to catch.
        #expect(Self.forbidden(Data("a\u{1B}]0;t\u{07}".utf8), colour: true) == [1, 6])
        #expect(Self.forbidden(Data("\u{9B}".utf8), colour: false) == [0])
        #expect(Self.forbidden(Data("\u{1B}[1;33mok\u{1B}[0m".utf8), colour: true).isEmpty)
        #expect(Self.forbidden(Data("\u{1B}[1;33mok".utf8), colour: false) == [0])
    }

    /// The same pass through the real executable's descriptors, colour on: nothing reaches the
    /// terminal around the command context. Each command has a copy of the store, so they run at
    /// once and each sees the store as loaded, whatever the others change.
    @Test func theExecutableWritesNoControlOrEscapeEither() async throws {
        let (cli, _, colour) = try await Self.hostileStore()
        let stores = try Self.commands.map { _ in try cli.copy() }
        let results = try await withThrowingTaskGroup(of: (Int, CLI.Result).self) { group in
            for (index, arguments) in Self.commands.enumerated() {
                group.addTask { (index, try await stores[index].runProcess(arguments, environment: ["PAPERBOY_CONFIG": colour])) }
            }
            return try await group.reduce(into: [Int: CLI.Result]()) { $0[$1.0] = $1.1 }
        }
        for (index, arguments) in Self.commands.enumerated() {
            Self.check(try #require(results[index]), arguments, colour: true)
        }
    }

    /// An NDJSON line whose unknown block type carries an OSC title, a C1 CSI and a bidi override:
    /// the load error quotes the type, so the quote must come out clean.
    static func hostileBlockLine() throws -> String {
        let type = String(decoding: try JSONEncoder().encode("\(esc)]0;pwned\u{07}\u{9B}2J\u{202E}x\u{200B}y"), as: UTF8.self)
        let article = try Self.hostileArticle()
        let line = article.replacingOccurrences(of: #""type":"heading""#, with: #""type":\#(type)"#)
        #expect(line != article, "the article has no heading block to swap")
        return line
    }

    static func checkError(_ result: CLI.Result, _ what: String) {
        #expect(result.status != 0, "\(what) succeeded: \(result.stderr)")
        #expect(result.stderr.contains("unknown block type"), "\(what): \(result.stderr)")
        #expect(Self.forbidden(Data(result.stderr.utf8), colour: false).isEmpty && Self.invisible(result.stderr).isEmpty,
                "\(what): \(result.stderr.debugDescription)")
        #expect(!result.stderr.contains("pwned"), "\(what): \(result.stderr.debugDescription)")
    }

    @Test func loadErrorsQuoteFileTextClean() async throws {
        let cli = CLI()
        Self.checkError(try await cli.load([try Self.hostileBlockLine()]), "paperboy load")
    }

    @Test func serverImportErrorsQuoteFileTextClean() async throws {
        let cli = CLI()
        let file = cli.folder + "/hostile.ndjson"
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        try Data(try Self.hostileBlockLine().utf8).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = try CLI.binary().deletingLastPathComponent().appendingPathComponent("paperboy-server")
        process.arguments = ["import", "--db", cli.folder + "/server.sqlite", file]
        process.environment = cli.environment([:])
        Self.checkError(try await CLI.outcome(of: process), "paperboy-server import")
    }
}
