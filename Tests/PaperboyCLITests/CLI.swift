import ArgumentParser
import Foundation
import NewsModels
import Testing
@testable import paperboy

/// Runs `paperboy` commands against a temporary store: in this process under a `CommandContext` of
/// their own (`run`), or as the built executable (`runProcess`) for the few tests about the real
/// thing (exit statuses, descriptors, terminals, shells, locks between processes).
struct CLI {
    let store: String

    init() {
        store = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-cli-\(UUID().uuidString)/store.sqlite").path
    }

    /// The folder holding the store, for a test's other files.
    var folder: String { (store as NSString).deletingLastPathComponent }

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

    /// What commands see of the environment: a home of their own and `PATH`, nothing of the
    /// developer's (config, colour, width, pager), so results do not depend on who runs the tests.
    func environment(_ overrides: [String: String]) -> [String: String] {
        var environment = ["HOME": folder + "/home", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        environment.merge(overrides) { $1 }
        return environment
    }

    private func withStore(_ arguments: [String]) -> [String] {
        arguments.contains("--store") ? arguments : arguments + ["--store", store]
    }

    /// Runs a command in this process, its output captured and never a terminal, as
    /// ArgumentParser's `main` would: parse errors and help go to stderr or stdout with their status.
    func run(_ arguments: [String], environment overrides: [String: String] = [:]) async -> Result {
        let output = BufferSink(), errors = BufferSink()
        let context = CommandContext(environment: environment(overrides), output: output, errors: errors)
        let status = await CommandContext.$current.withValue(context) { await Self.execute(withStore(arguments)) }
        return Result(status: status, stdout: output.data, stderr: String(decoding: errors.data, as: UTF8.self))
    }

    private static func execute(_ arguments: [String]) async -> Int32 {
        do {
            var command = try Paperboy.parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            return ExitCode.success.rawValue
        } catch let status as ExitCode {
            // ArgumentParser prints nothing for a thrown ExitCode; the command has said why.
            return status.rawValue
        } catch {
            let context = CommandContext.current
            // Off a terminal the real process wraps help at `$COLUMNS`, else 80.
            let columns = context.environment["COLUMNS"].flatMap(Int.init) ?? 80
            let message = Paperboy.fullMessage(for: error, columns: columns), status = Paperboy.exitCode(for: error)
            if !message.isEmpty {
                (status.isSuccess ? context.output : context.errors).write(Data((message + "\n").utf8))
            }
            return status.rawValue
        }
    }

    /// Runs the built executable.
    func runProcess(_ arguments: [String], environment overrides: [String: String] = [:]) async throws -> Result {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = withStore(arguments)
        process.environment = environment(overrides)
        return try await Self.outcome(of: process)
    }

    /// Starts `process` and collects its output and status on a dispatch thread: waiting for a
    /// subprocess must not hold one of the few threads Swift's cooperative pool has, or other
    /// suites' async tests starve meanwhile.
    static func outcome(of process: Process) async throws -> Result {
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result {
                    try process.run()
                    let stdout = out.fileHandleForReading.readDataToEndOfFile()
                    let stderr = err.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return Result(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
                })
            }
        }
    }

    /// A CLI of its own whose store starts as a copy of this one's; no command may be writing to it.
    func copy() throws -> CLI {
        let copy = CLI()
        try FileManager.default.createDirectory(atPath: copy.folder, withIntermediateDirectories: true)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: store + suffix) {
            try FileManager.default.copyItem(atPath: store + suffix, toPath: copy.store + suffix)
        }
        return copy
    }

    /// Loads NDJSON lines into the store with `paperboy load`.
    func load(_ lines: [String]) async throws -> Result {
        let file = folder + "/input-\(UUID().uuidString).ndjson"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
        return await run(["load", file])
    }
}

/// Output kept in memory for a test to read.
final class BufferSink: OutputSink, @unchecked Sendable {
    // @unchecked: `lock` guards `buffer`.
    private let lock = NSLock()
    private var buffer = Data()

    func write(_ data: Data) { lock.withLock { buffer.append(data) } }

    /// Everything written so far.
    var data: Data { lock.withLock { buffer } }
}

extension CLI.Result {
    /// The `id` of each entry of a `--json` listing.
    var jsonIDs: [String] {
        ((try? JSONSerialization.jsonObject(with: stdout)) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
}
