import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program in this terminal's foreground, the way a shell would. Foundation's `Process`
/// starts children in a process group of their own, where a pager or a text browser reading the
/// terminal is stopped by SIGTTIN and never shows anything.
public enum ChildProcess {
    /// The program could not be started (the errno value says why).
    public enum Failure: Error { case cannotStart(String, Int32) }

    /// Runs `arguments` (found on `$PATH`) and waits for it; `input`, when given, is written to
    /// its standard input; `outputFile`, when given, receives its standard output and error (a
    /// file rather than a pipe, so a daemon it forks cannot hold the caller up). Returns the exit
    /// status (128 + signal when killed).
    @discardableResult
    public static func run(_ arguments: [String], environment: [String: String], input: Data? = nil, outputFile: String? = nil) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let outputFile {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        }
        var fds: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&fds) == 0 else { throw Failure.cannotStart(arguments[0], errno) }
            posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        }
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let started = withCStrings(arguments) { argv in
            withCStrings(envp) { env in posix_spawnp(&pid, arguments[0], &actions, nil, argv, env) }
        }
        if input != nil { close(fds[0]) }
        guard started == 0 else {
            if input != nil { close(fds[1]) }
            throw Failure.cannotStart(arguments[0], started)
        }
        // Ctrl-C belongs to the child (less uses it to stop a search); paperboy just waits.
        let previous = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previous) }
        if let input {
            // Quitting a pager early closes the pipe; that is not an error worth dying of.
            signal(SIGPIPE, SIG_IGN)
            writeAll(input, to: fds[1])
            close(fds[1])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return 1 }
        }
        let signalled = status & 0x7F
        return signalled == 0 ? (status >> 8) & 0xFF : 128 + signalled
    }

    /// write(2) until done; stops quietly when the reader has gone away.
    public static func writeAll(_ data: Data, to descriptor: Int32) {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var base = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let written = write(descriptor, base, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                left -= written
                base += written
            }
        }
    }

    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
