import Foundation
import NewsModels
import Testing

/// The everyday commands, run against a small store of invented coverage.
@Suite struct ReaderCommandTests {
    static func article(_ id: String, story: String?, source: (String, String), title: String, hoursAgo: Int, url: String? = nil) throws -> String {
        let article = Article(
            id: id, url: url ?? "https://\(source.0)/\(id)", source: Source(id: source.0, name: source.1), storyId: story, title: title,
            publishedAt: Timestamp(epochMilliseconds: Timestamp.now().epochMilliseconds - Int64(hoursAgo) * 3_600_000),
            blocks: [.paragraph(text: "\(title). Reporting from the quay for \(source.1).")])
        return String(decoding: try NewsJSON.encode(article), as: UTF8.self)
    }

    static let quay = ("quay-ledger.example", "Quay Ledger"), gull = ("gull-gazette.example", "Gull Gazette"), tern = ("tern-times.example", "Tern Times")

    /// Three outlets on one bridge story, one of them twice, plus an unrelated article.
    static func filled() async throws -> CLI {
        let cli = CLI()
        let loaded = try await cli.load([
            try article("b-1", story: "bridge", source: quay, title: "Swing bridge stuck open for a second day", hoursAgo: 30),
            try article("b-2", story: "bridge", source: gull, title: "Engineers blame salt for jammed bridge", hoursAgo: 20),
            try article("b-3", story: "bridge", source: tern, title: "Bridge reopens after repairs", hoursAgo: 3),
            try article("b-4", story: "bridge", source: quay, title: "Commuters count the cost of the bridge closure", hoursAgo: 2),
            try article("k-1", story: nil, source: gull, title: "Kite festival moves to the dunes", hoursAgo: 1, url: "javascript:alert(1)"),
        ])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        return cli
    }

    @Test func storiesAndStoryShowEveryOutletsCoverage() async throws {
        let cli = try await Self.filled()
        let stories = await cli.run(["stories"])
        #expect(stories.status == 0)
        #expect(stories.text.hasPrefix("1 N 3 outlets") && stories.text.contains("Swing bridge stuck open"))
        let story = await cli.run(["story", "1", "--width", "100"])
        #expect(story.status == 0)
        let lines = story.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Swing bridge stuck open for a second day")
        #expect(lines[1].hasPrefix("story 1 · 4 articles from 3 outlets over 1d · latest 2h ago"))
        // Outlets in the order they first reported; each outlet's articles newest first.
        let coverage = lines.prefix { $0 != "First published" } // the comparison that follows names outlets too
        #expect(coverage.filter { ["Quay Ledger", "Gull Gazette", "Tern Times"].contains($0) } == ["Quay Ledger", "Gull Gazette", "Tern Times"])
        let quayArticles = lines.drop { $0 != "Quay Ledger" }.dropFirst().prefix(2)
        #expect(quayArticles.first?.contains("Commuters count the cost") == true && quayArticles.last?.contains("Swing bridge") == true)
        #expect(await cli.run(["story", "bridge", "--width", "100"]).text == story.text)
        #expect(await cli.run(["story", "--article", "3", "--width", "100"]).text == story.text)
        let json = try JSONSerialization.jsonObject(with: await cli.run(["story", "1", "--json"]).stdout) as? [String: Any]
        #expect(json?["id"] as? String == "bridge" && (json?["entries"] as? [Any])?.count == 4 && json?["unread"] as? Int == 4)
        let missing = await cli.run(["story", "99"])
        #expect(missing.status == 2 && missing.stderr == "paperboy: no story matches '99'; see them with: paperboy stories\n")
        let loose = await cli.run(["story", "--article", "5"])
        #expect(loose.status == 2 && loose.stderr.contains("not part of a story"))
    }

    @Test func markReadByStorySourceAndEverything() async throws {
        let cli = try await Self.filled()
        let byStory = await cli.run(["mark", "read", "--story", "1"])
        #expect(byStory.status == 0 && byStory.stderr == "marked read: 4 articles of story 1\n")
        #expect(await cli.run(["list", "--unread", "--json"]).jsonIDs == ["k-1"])
        #expect(await cli.run(["mark", "unread", "--source", "gull"]).stderr == "marked unread: 1 article from Gull Gazette\n")
        #expect(await cli.run(["list", "--unread", "--json"]).jsonIDs == ["k-1", "b-2"])
        #expect(await cli.run(["mark", "read", "--source", "Tern Times"]).stderr == "marked read: 0 articles from Tern Times\n")
        #expect(await cli.run(["mark", "read", "--all"]).stderr == "marked read: 2 articles in the store\n")
        let nothing = await cli.run([])
        #expect(nothing.status == 0 && nothing.stdout.isEmpty && nothing.stderr == "paperboy: no unread articles\n")
        let both = await cli.run(["mark", "read", "1", "--all"])
        #expect(both.status != 0 && both.stderr.contains("not several"))
        let unknown = await cli.run(["mark", "read", "--source", "nowhere"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no source matches 'nowhere'"))
        #expect(await cli.run(["mark", "unread", "--source", "t"]).stderr == "marked unread: 1 article from Tern Times\n")
    }

    @Test func starUnstarAndTheStarredList() async throws {
        let cli = try await Self.filled()
        #expect(await cli.run(["star", "2", "b-3"]).stderr == "starred 2 articles\n")
        #expect(await cli.run(["list", "--starred", "--json"]).jsonIDs == ["b-3", "b-2"])
        #expect(await cli.run(["unstar", "b-3"]).status == 0)
        #expect(await cli.run(["list", "--starred", "--json"]).jsonIDs == ["b-2"])
        let line = await cli.run(["list", "--starred"]).text
        #expect(line.hasPrefix("2 N*  Gull Gazette"))
        // One bad id changes nothing.
        #expect(await cli.run(["star", "1", "nosuch"]).status == 2)
        #expect(await cli.run(["list", "--starred", "--json"]).jsonIDs == ["b-2"])
    }

    @Test func sourcesAndStatusCountWhatIsStored() async throws {
        let cli = try await Self.filled()
        _ = await cli.run(["read", "1", "--no-pager"])
        let sources = await cli.run(["sources"])
        #expect(sources.text.split(separator: "\n").map(String.init) == [
            "SOURCE       TOTAL UNREAD NEW  ID",
            "Gull Gazette     2      2 1h   gull-gazette.example",
            "Quay Ledger      2      1 2h   quay-ledger.example",
            "Tern Times       1      1 3h   tern-times.example",
        ])
        let json = try JSONSerialization.jsonObject(with: await cli.run(["sources", "--json"]).stdout) as? [[String: Any]]
        #expect(json?.map { $0["unread"] as? Int } == [2, 1, 1])
        let status = await cli.run(["status"])
        #expect(status.status == 0)
        #expect(status.text.contains("articles   5 · 4 unread · 0 starred · 3 sources · 1 stories"))
        #expect(status.text.contains("not sent   1 mark/star"))
        let report = try JSONSerialization.jsonObject(with: await cli.run(["status", "--json"]).stdout) as? [String: Any]
        #expect(report?["articles"] as? Int == 5 && report?["pendingMutations"] as? Int == 1 && (report?["bytes"] as? Int ?? 0) > 0)
    }

    @Test func openRunsTheBrowserWithoutAShellAndRefusesOtherSchemes() async throws {
        let cli = try await Self.filled()
        let folder = (cli.store as NSString).deletingLastPathComponent
        let log = folder + "/browser.log"
        let browser = folder + "/fake-browser"
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > \(log)\n".write(toFile: browser, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser)
        let opened = await cli.run(["open", "3"], environment: ["BROWSER": "/nonexistent/browser:" + browser])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "https://tern-times.example/b-3\n")
        #expect(await cli.run(["list", "--unread", "--json"]).jsonIDs.contains("b-3") == false)
        #expect(await cli.run(["open", "2", "--print"]).text == "https://gull-gazette.example/b-2\n")
        let script = await cli.run(["open", "5"], environment: ["BROWSER": browser])
        #expect(script.status == 2 && script.stderr.contains("is not http or https"))
    }

    @Test func configFileSetsWidthAndColourAndBadFilesFailClearly() async throws {
        let cli = try await Self.filled()
        let folder = (cli.store as NSString).deletingLastPathComponent
        let config = folder + "/config.toml"
        try "width = 40\ncolour = \"always\"\n[colours]\nsource = \"red\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let read = await cli.run(["read", "1"], environment: ["PAPERBOY_CONFIG": config, "COLUMNS": "200"])
        #expect(read.status == 0)
        #expect(read.text.contains("\u{1B}[31mQuay Ledger\u{1B}[0m"))
        let plain = await cli.run(["read", "1"], environment: ["PAPERBOY_CONFIG": folder + "/none.toml", "COLUMNS": "200"])
        #expect(!plain.text.contains("\u{1B}"))
        try "widht = 40\n".write(toFile: config, atomically: true, encoding: .utf8)
        let bad = await cli.run(["list"], environment: ["PAPERBOY_CONFIG": config])
        #expect(bad.status == 1 && bad.stderr == "paperboy: \(config): unknown key 'widht'; did you mean 'width'?\n")
        #expect(await cli.run(["--help"], environment: ["PAPERBOY_CONFIG": config]).status == 0)
    }

    @Test func aNewUserIsToldHowToGetArticles() async throws {
        let first = await CLI().run([])
        #expect(first.status == 0 && first.stdout.isEmpty)
        #expect(first.stderr.hasPrefix("paperboy: the store is empty; add a server with: paperboy remote add"))
        #expect(await CLI().run(["list", "--json"]).text == "[]\n")
    }

    @Test func bashCompletesArticleAndStoryNumbersFromTheStore() async throws {
        let cli = try await Self.filled()
        _ = await cli.run(["mark", "read", "1", "2"])
        let folder = (cli.store as NSString).deletingLastPathComponent
        let script = folder + "/paperboy.bash"
        try await cli.runProcess(["--generate-completion-script", "bash"]).stdout.write(to: URL(fileURLWithPath: script))
        let bin = try CLI.binary().deletingLastPathComponent().path
        let driver = """
            source '\(script)'
            complete_words() { COMPREPLY=(); COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; _paperboy; echo "${COMPREPLY[*]}"; }
            complete_words paperboy read ''
            complete_words paperboy story ''
            complete_words paperboy star 5 ''
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--norc", "--noprofile", "-c", driver]
        process.environment = cli.environment(["PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                                               "PAPERBOY_STORE": cli.store])
        let text = try await CLI.outcome(of: process).text
        // Unread articles newest first (1 and 2 were read), then the one story.
        #expect(text == "5 4 3\n1\n5 4 3\n", "\(text.debugDescription)")
    }

    @Test func helpTeachesAndCompletionsAreGenerated() async throws {
        let help = await CLI().run(["--help"])
        #expect(help.status == 0)
        for needle in ["paperboy read 42", "config.toml", "--generate-completion-script", "Exit status: 0 ok, 1 bad input or usage, 2 not found, 3 network"] {
            #expect(help.text.contains(needle), "\(needle)")
        }
        let search = await CLI().run(["search", "--help"])
        #expect(search.text.contains("\"trade deficit\"") && search.text.contains("tarif*") && search.text.contains("source:ID"))
        for shell in ["bash", "zsh", "fish"] {
            let script = await CLI().run(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.text.contains("stories") && script.text.contains("unstar"), "\(shell)")
        }
    }
}
