import ArgumentParser
import Foundation
import NewsModels

/// The only way `paperboy-server` commands write to the terminal: every line goes through
/// `TerminalSafeText`, since file names, feed URLs and titles, item problems and error messages can
/// carry text from the files and feeds being read. A source scan in the CLI tests keeps commands
/// from printing any other way.
enum ServerOutput {
    /// Writes one line to standard output, cleaned.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((TerminalSafeText.line(line) + "\n").utf8))
    }

    /// Writes one row of tab-separated columns to standard output, each cell cleaned (a tab inside a
    /// cell becomes a space, so the columns stay the columns).
    static func say(columns cells: [String]) {
        FileHandle.standardOutput.write(Data((cells.map(TerminalSafeText.line).joined(separator: "\t") + "\n").utf8))
    }

    /// Writes one line to standard error, cleaned.
    static func warn(_ line: String) {
        FileHandle.standardError.write(Data((TerminalSafeText.line(line) + "\n").utf8))
    }

    /// Runs `Command` as the process, exiting with its status. Error messages (a `ServerFailure`
    /// quotes what the file held, ArgumentParser quotes arguments) are cleaned; help, version and
    /// completion scripts are the program's own text and pass as they are.
    static func runProcess<Command: ParsableCommand>(_ root: Command.Type) async -> Never {
        do {
            var command = try root.parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch {
            let status = root.exitCode(for: error), message = root.fullMessage(for: error)
            if status.isSuccess, !message.isEmpty {
                FileHandle.standardOutput.write(Data((message + "\n").utf8))
            } else if !message.isEmpty {
                FileHandle.standardError.write(Data((TerminalSafeText.lines(message) + "\n").utf8))
            }
            exit(status.rawValue)
        }
    }
}
