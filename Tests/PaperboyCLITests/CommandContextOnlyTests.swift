import Foundation
import Testing

/// Commands reach the process only through `CommandContext`: a stray `print` would bypass the
/// buffers in-process tests read, and an `exit()` would end the whole test run. It also keeps every
/// line on the way to a terminal passing the one sanitiser, which only the context's writers apply.
@Suite struct CommandContextOnlyTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Apps/paperboy")

    /// The context itself and the facade over it are where the process is allowed.
    static let allowed: Set<String> = ["CommandContext.swift", "Terminal.swift"]

    @Test func noCommandWritesToOrExitsTheProcessDirectly() throws {
        let direct = #/(^|[^.\w]|Foundation\.|Glibc\.|Darwin\.|Swift\.)(exit|print|isatty)\(|FileHandle\.standard|ProcessInfo\.processInfo|STD(OUT|ERR)_FILENO/#
        // Writing to an output sink directly skips `TerminalSafeText`; only the context's own
        // writers (`print`, `printError`, `printJSON`, `drawStatus`) may.
        let rawWrite = #/\b(output|errors)\s*\.\s*write\(|OutputSink/#
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { $0.hasSuffix(".swift") }
        #expect(names.contains("ListCommand.swift"), "the command sources are not at \(Self.sources.path)")
        for name in names.sorted() where !Self.allowed.contains(name) {
            let lines = try String(contentsOf: Self.sources.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                #expect(!line.contains(direct), "\(name):\(index + 1) reaches the process directly: \(line)")
                #expect(!line.contains(rawWrite), "\(name):\(index + 1) writes around the sanitiser: \(line)")
            }
        }
    }

    /// `paperboy-server` prints only through `ServerOutput`, whose writers clean every line.
    @Test func theServerPrintsOnlyThroughItsSanitisingOutput() throws {
        let folder = Self.sources.deletingLastPathComponent().appendingPathComponent("paperboy-server")
        let direct = #/(^|[^.\w]|Foundation\.|Swift\.)(print|debugPrint|dump)\(|FileHandle\.standard(Output|Error)|STD(OUT|ERR)_FILENO|fputs\(|\bwrite\(/#
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(names.contains("ImportCommand.swift"), "the server sources are not at \(folder.path)")
        for name in names.sorted() where name != "ServerOutput.swift" {
            let lines = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                #expect(!line.contains(direct), "\(name):\(index + 1) prints around ServerOutput: \(line)")
            }
        }
    }
}
