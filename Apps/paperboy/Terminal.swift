import Foundation
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about where output goes (a terminal or a pipe, how wide) and the user's config file.
enum Terminal {
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// config.toml, read once; a broken file stops the command with its one-line error (exit 1).
    static let config: ReaderConfig = {
        do {
            return try ReaderConfig.load(path: ReaderConfig.path())
        } catch {
            exit(with: .user(String(describing: error)))
        }
    }()

    static var style: Style {
        Style.detect(isTerminal: isTerminal, environment: ProcessInfo.processInfo.environment, mode: config.colour, palette: config.palette)
    }

    /// `--width` if given, else the terminal's width, else `$COLUMNS`, else 80.
    static func width(_ requested: Int?) -> Int {
        if let requested { return max(20, requested) }
        var size = winsize()
        if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }

    /// Width for reading an article: `--width`, else the terminal's width capped by the config's
    /// `width` (default 100: longer lines are hard to read).
    static func readingWidth(_ requested: Int?) -> Int {
        if let requested { return max(20, requested) }
        return min(config.width ?? 100, width(nil))
    }

    /// Writes lines to standard output in one go.
    static func print(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        ChildProcess.writeAll(Data((lines.joined(separator: "\n") + "\n").utf8), to: STDOUT_FILENO)
    }

    /// Shows lines through the pager when standard output is a terminal (config `pager`, else
    /// `$PAGER`, else `less`), else prints them. `LESS` defaults to `FRX`: one screen or less is
    /// printed directly, colours pass through, and the text stays on screen after quitting.
    static func page(_ lines: [String], allowed: Bool = true) {
        guard allowed, isTerminal, let command = pagerCommand() else { return print(lines) }
        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        let text = Data((lines.joined(separator: "\n") + "\n").utf8)
        do {
            try ChildProcess.run(["/bin/sh", "-c", command], environment: environment, input: text)
        } catch {
            print(lines)
        }
    }

    static func pagerCommand() -> String? {
        if let configured = config.pager { return configured.isEmpty ? nil : configured }
        if let pager = ProcessInfo.processInfo.environment["PAGER"] {
            let trimmed = pager.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        return ["/usr/bin/less", "/bin/less"].contains(where: FileManager.default.isExecutableFile(atPath:)) ? "less" : nil
    }
}
