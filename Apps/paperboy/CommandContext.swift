import ArgumentParser
import Foundation
import NewsModels
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Somewhere a command's output goes: one of the process's descriptors, or a buffer a test reads.
protocol OutputSink: Sendable {
    /// Writes all of `data`.
    func write(_ data: Data)
}

/// Output to one of the process's own descriptors.
struct DescriptorSink: OutputSink {
    /// The descriptor written to.
    let descriptor: Int32

    /// Writes all of `data`; stops quietly when the reader has gone away.
    func write(_ data: Data) { ChildProcess.writeAll(data, to: descriptor) }
}

/// What a command reads and writes besides the store: its output streams, whether they are
/// terminals, and its environment. Commands use `CommandContext.current`, the real process unless
/// a caller runs them under another (`CommandContext.$current.withValue`), as tests do: they run in
/// parallel in one process, so they must not touch the process's environment or descriptors.
struct CommandContext: Sendable {
    /// Environment variables (PAPERBOY_STORE, PAPERBOY_CONFIG, XDG_*, HOME, NO_COLOR, TERM, PAGER, BROWSER, COLUMNS, LESS, TZ).
    var environment: [String: String]
    /// Standard output.
    var output: any OutputSink
    /// Standard error.
    var errors: any OutputSink
    /// Whether standard output is a terminal (colour, paging, progress bars).
    var outputIsTerminal = false
    /// Whether standard error is a terminal.
    var errorsAreTerminal = false
    /// The terminal's width in columns, when standard output is a terminal that reports one.
    var terminalColumns: Int?
    /// config.toml, read the first time a command needs it.
    let config = ConfigCache()

    /// A context whose output is not a terminal (piped, or a test's buffers).
    init(environment: [String: String], output: any OutputSink, errors: any OutputSink) {
        self.environment = environment
        self.output = output
        self.errors = errors
    }

    /// The context commands run in.
    @TaskLocal static var current = CommandContext.process()

    /// The real process: its environment, its standard output and error.
    static func process() -> CommandContext {
        var context = CommandContext(environment: ProcessInfo.processInfo.environment,
                                     output: DescriptorSink(descriptor: STDOUT_FILENO), errors: DescriptorSink(descriptor: STDERR_FILENO))
        context.outputIsTerminal = isatty(STDOUT_FILENO) == 1
        context.errorsAreTerminal = isatty(STDERR_FILENO) == 1
        var size = winsize()
        if context.outputIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            context.terminalColumns = Int(size.ws_col)
        }
        return context
    }

    /// `$HOME`, else the account's home directory.
    var home: String { environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() }

    /// `$TZ` when it names a zone, else the system's.
    var timeZone: TimeZone { environment["TZ"].flatMap(TimeZone.init(identifier:)) ?? .current }

    // Every byte a command writes passes one of the four writers below, and each goes through
    // `TerminalSafeText`, so no text a stranger supplied can act on the terminal however a command
    // built its line. `CommandContextOnlyTests` keeps commands from writing any other way.

    /// Writes lines to standard output in one go; nothing for no lines. Each line is cleaned,
    /// keeping only the colour codes paperboy's `Style` writes.
    func print(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        output.write(Data((TerminalSafeText.styledLines(lines.joined(separator: "\n")) + "\n").utf8))
    }

    /// Writes one line to standard error, cleaned to one plain line.
    func printError(_ line: String) {
        errors.write(Data((TerminalSafeText.line(line) + "\n").utf8))
    }

    /// Writes a JSON document to standard output with every character a terminal would act on or
    /// hide escaped as `\uXXXX` (JSON itself escapes only C0 controls).
    func printJSON(_ json: Data) {
        var out = TerminalSafeText.escapingJSON(json)
        out.append(0x0A)
        output.write(out)
    }

    /// Redraws the one-line status shown in place on standard error (a progress bar); nil clears it.
    func drawStatus(_ line: String?) {
        errors.write(Data(("\r\u{1B}[K" + (line.map(TerminalSafeText.line) ?? "")).utf8))
    }

    /// Runs `Command` as the process: parses the arguments, runs the command and exits with its
    /// status. ArgumentParser's own error messages can quote arguments, so they are cleaned like
    /// every other line; help, version and completion scripts (paperboy's own text) are not.
    static func runProcess<Command: ParsableCommand>(_ root: Command.Type) async -> Never {
        let context = CommandContext.current
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
                context.output.write(Data((message + "\n").utf8))
            } else if !message.isEmpty {
                context.errors.write(Data((TerminalSafeText.lines(message) + "\n").utf8))
            }
            exit(status.rawValue)
        }
    }

    /// The user's config.toml; a broken file is a one-line failure (exit 1).
    func readerConfig() throws(Failure) -> ReaderConfig {
        try config.value { () throws(Failure) in
            do {
                return try ReaderConfig.load(path: ReaderConfig.path(environment: environment), home: home)
            } catch {
                throw .user(String(describing: error))
            }
        }
    }
}

/// config.toml as first read, so one command sees one config however often it asks.
final class ConfigCache: @unchecked Sendable {
    // @unchecked: `lock` guards `loaded`.
    private let lock = NSLock()
    private var loaded: Result<ReaderConfig, Failure>?

    /// The config read by `load` on the first call; the same result (or failure) after that.
    func value(_ load: () throws(Failure) -> ReaderConfig) throws(Failure) -> ReaderConfig {
        try lock.withLock {
            if let loaded { return loaded }
            let result = Result(catching: load)
            loaded = result
            return result
        }.get()
    }
}
