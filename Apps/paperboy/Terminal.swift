import Foundation
import TerminalUI

/// Facts about where output goes (a terminal or a pipe, how wide) and the user's config file, all
/// from `CommandContext.current`.
enum Terminal {
    /// Whether standard output is a terminal.
    static var isTerminal: Bool { CommandContext.current.outputIsTerminal }

    /// config.toml, read once per command; a broken file stops the command with its one-line error (exit 1).
    static func config() throws(Failure) -> ReaderConfig { try CommandContext.current.readerConfig() }

    /// Colours as the config, the terminal and `NO_COLOR` decide.
    static func style() throws(Failure) -> Style {
        let context = CommandContext.current, config = try context.readerConfig()
        return Style.detect(isTerminal: context.outputIsTerminal, environment: context.environment, mode: config.colour, palette: config.palette)
    }

    /// `--width` if given, else the terminal's width, else `$COLUMNS`, else 80.
    static func width(_ requested: Int?) -> Int {
        if let requested { return max(20, requested) }
        let context = CommandContext.current
        if let columns = context.terminalColumns { return columns }
        if let columns = context.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }

    /// Width for reading an article: `--width`, else the terminal's width capped by the config's
    /// `width` (default 100: longer lines are hard to read).
    static func readingWidth(_ requested: Int?) throws(Failure) -> Int {
        if let requested { return max(20, requested) }
        return min(try config().width ?? 100, width(nil))
    }

    /// Writes lines to standard output in one go.
    static func print(_ lines: [String]) { CommandContext.current.print(lines) }

    /// Writes one line to standard output.
    static func print(_ line: String) { CommandContext.current.print([line]) }

    /// Writes one line to standard error.
    static func printError(_ line: String) { CommandContext.current.printError(line) }

    /// Shows lines through the pager when standard output is a terminal (config `pager`, else
    /// `$PAGER`, else `less`), else prints them. `LESS` defaults to `FRX`: one screen or less is
    /// printed directly, colours pass through, and the text stays on screen after quitting.
    static func page(_ lines: [String], allowed: Bool = true) throws(Failure) {
        guard allowed, isTerminal, let command = try pagerCommand() else { return print(lines) }
        var environment = CommandContext.current.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        let text = Data((lines.joined(separator: "\n") + "\n").utf8)
        do {
            try ChildProcess.run(["/bin/sh", "-c", command], environment: environment, input: text)
        } catch {
            print(lines)
        }
    }

    /// The pager's command line, or nil for none.
    static func pagerCommand() throws(Failure) -> String? {
        if let configured = try config().pager { return configured.isEmpty ? nil : configured }
        if let pager = CommandContext.current.environment["PAGER"] {
            let trimmed = pager.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        return ["/usr/bin/less", "/bin/less"].contains(where: FileManager.default.isExecutableFile(atPath:)) ? "less" : nil
    }
}
