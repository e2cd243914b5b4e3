import Foundation
import HTTPTransport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A transfer as handed to the loop thread: everything it needs, all `Sendable`.
struct TransferJob: Sendable {
    enum Sink: Sendable {
        case buffered(BufferedSink)
        case streaming(StreamChannel)
    }

    var request: HTTPRequest
    var prepared: PreparedRequest
    var timeout: Duration?
    var maxResponseBytes: Int64
    var sink: Sink
}

/// Work for the loop thread.
enum LoopCommand: Sendable {
    /// Add a transfer to the multi handle.
    case start(TransferJob)
    /// Abort the buffered transfer reporting to this sink.
    case cancelBuffered(BufferedSink)
    /// Abort the streamed transfer feeding this channel.
    case cancel(StreamChannel)
    /// Unpause the streamed transfer feeding this channel; its consumer caught up.
    case resume(StreamChannel)
}

/// The thread-safe front of the one I/O thread that drives libcurl's multi interface.
///
/// Tasks queue commands here from any thread; the loop thread takes them in order. The loop sleeps
/// in `curl_multi_poll` and is woken through a pipe only when it is actually asleep, so a burst of
/// requests costs one wake-up, not one per request.
final class CurlEventLoop: Sendable {
    private struct Inbox {
        var commands: [LoopCommand] = []
        var sleeping = false
        var shutdownRequested = false
        var terminated = false
    }

    private let inbox = LockedState(Inbox())
    /// The pipe's read end belongs to the loop thread; the write end wakes it.
    let wakeReadFD: Int32
    private let wakeWriteFD: Int32

    /// Starts the loop thread.
    init(configuration: CurlTransport.Configuration) throws(HTTPError) {
        guard CurlRuntime.initialised else { throw .network(detail: "libcurl failed to initialise") }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw .network(detail: "cannot create the I/O thread's wake-up pipe: \(String(cString: strerror(errno)))")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeReadFD = fds[0]
        wakeWriteFD = fds[1]
        let thread = Thread { [self] in
            let worker = CurlLoopWorker(loop: self, configuration: configuration)
            worker.run()
        }
        thread.name = "paperboy.curl"
        thread.start()
    }

    /// Queues a command, waking the loop thread if it sleeps. Commands sent after the loop ended
    /// (a late cancel or resume of a finished transfer) are dropped; a late start fails at once.
    func submit(_ command: LoopCommand) {
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.terminated else { return false }
            inbox.commands.append(command)
            wakeIfSleeping(&inbox)
            return true
        }
        if !accepted, case .start(let job) = command {
            switch job.sink {
            case .buffered(let sink): sink.complete(.failure(.cancelled))
            case .streaming(let channel): channel.finish(.failure(.cancelled))
            }
        }
    }

    /// Asks the loop thread to exit once its transfers have finished.
    func shutdown() {
        inbox.withLock { inbox in
            inbox.shutdownRequested = true
            wakeIfSleeping(&inbox)
        }
    }

    /// Called with the inbox locked, so the loop cannot close the pipe between check and write.
    private func wakeIfSleeping(_ inbox: inout Inbox) {
        guard inbox.sleeping else { return }
        inbox.sleeping = false
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)
    }

    // MARK: Loop thread side

    /// Takes every queued command, and whether shutdown was asked for.
    func takeCommands() -> (commands: [LoopCommand], shutdownRequested: Bool) {
        inbox.withLock { inbox in
            defer { inbox.commands.removeAll(keepingCapacity: true) }
            return (inbox.commands, inbox.shutdownRequested)
        }
    }

    /// Marks the loop as about to sleep, unless commands or a shutdown it has not seen are waiting.
    func prepareToSleep(shutdownSeen: Bool) -> Bool {
        inbox.withLock { inbox in
            guard inbox.commands.isEmpty && inbox.shutdownRequested == shutdownSeen else { return false }
            inbox.sleeping = true
            return true
        }
    }

    /// Marks the loop awake after `curl_multi_poll` returns.
    func didWake() {
        inbox.withLock { $0.sleeping = false }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeReadFD, &buffer, buffer.count) > 0 {}
    }

    /// Ends the loop if no command arrived meanwhile; closes the pipe. Returns `false` if the loop
    /// must run on.
    func terminateIfIdle() -> Bool {
        inbox.withLock { inbox in
            guard inbox.commands.isEmpty else { return false }
            inbox.terminated = true
            close(wakeReadFD)
            close(wakeWriteFD)
            return true
        }
    }
}
