import Foundation
import Testing
@testable import TerminalUI

struct ReaderConfigTests {
    @Test func readsEveryKey() throws {
        let config = try ReaderConfig.parse("""
            remote = "home"
            store = "~/news/paperboy.sqlite"
            width = 72
            pager = "most"
            colour = "always"

            [colours]
            match = "bold red"
            source = "bright-blue underline"
            meta = "none"
            """, path: "config.toml", home: "/home/reader")
        #expect(config.remote == "home")
        #expect(config.store == "/home/reader/news/paperboy.sqlite")
        #expect(config.width == 72)
        #expect(config.pager == "most")
        #expect(config.colour == .always)
        #expect(config.palette.match == "1;31")
        #expect(config.palette.source == "94;4")
        #expect(config.palette.meta == "")
        #expect(config.palette.title == Palette.standard.title)
        #expect(Style(colour: true, palette: config.palette).dim("x") == "x")
    }

    @Test func aMissingFileMeansDefaults() throws {
        let config = try ReaderConfig.load(path: "/nonexistent/paperboy/config.toml")
        #expect(config == ReaderConfig())
        #expect(ReaderConfig.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/paperboy/config.toml")
        #expect(ReaderConfig.path(environment: ["HOME": "/h"]) == "/h/.config/paperboy/config.toml")
        #expect(ReaderConfig.path(environment: ["PAPERBOY_CONFIG": "/p.toml", "HOME": "/h"]) == "/p.toml")
    }

    @Test func emptyPagerTurnsPagingOff() throws {
        #expect(try ReaderConfig.parse("pager = \"\"", path: "c").pager == "")
    }

    @Test(arguments: [
        ("width = 80\nwidth = 90", "c.toml line 2: not valid TOML"),
        ("widht = 80", "c.toml: unknown key 'widht'; did you mean 'width'?"),
        ("fonts = 1", "c.toml: unknown key 'fonts'; known keys: remote, store, width, pager, colour, colours"),
        ("width = \"wide\"", "c.toml: 'width' must be a whole number of columns, like 80"),
        ("width = 5", "c.toml: bad value for 'width': 5 is not between 20 and 1000"),
        ("colour = \"sometimes\"", "c.toml: bad value for 'colour': 'sometimes' is not auto, always or never"),
        ("remote = 3", "c.toml: 'remote' must be a quoted string"),
        ("[colours]\nmatch = \"purpel\"", "c.toml: bad value for 'colours.match': 'purpel' is not a colour"),
        ("[colours]\nheadline = \"red\"", "c.toml: unknown key 'colours.headline'"),
        ("colours = \"red\"", "c.toml: 'colours' must be a table: [colours]"),
    ])
    func badFilesGetOneLineThatNamesTheProblem(text: String, message: String) {
        #expect {
            _ = try ReaderConfig.parse(text, path: "c.toml")
        } throws: { error in
            let description = String(describing: error)
            return description.hasPrefix(message) && !description.contains("\n")
        }
    }

    @Test func notUTF8IsRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-config-\(UUID().uuidString).toml")
        try Data([0x77, 0x69, 0x64, 0x74, 0x68, 0x20, 0x3D, 0x20, 0xFF, 0xFE]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: ConfigError.notUTF8(path: file.path)) { try ReaderConfig.load(path: file.path) }
    }
}
