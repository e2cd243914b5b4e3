import Foundation
import HTTPTransport
import Logging

/// Requests in flight through a `StallAwareTransport`, and the server's word that it is stalling one.
///
/// The feed server announces each injected fault in its log before it acts; a stall is then the
/// server's own signal rather than real seconds of silence, so a loaded machine can neither take a slow
/// answer for a stall nor make a stall wait.
final class StallSignals: @unchecked Sendable {
    // @unchecked: `state` is only touched under `lock`.
    private final class Entry {
        let path: String
        var task: Task<Result<HTTPResponse, HTTPError>, Never>?
        var stalled = false
        init(path: String) { self.path = path }
    }

    private let lock = NSLock()
    private var inFlight: [ObjectIdentifier: Entry] = [:]
    private var signalled = 0

    /// How many stalls the server announced.
    var count: Int { locked { signalled } }

    /// The server is stalling a request for `path`: fail the one in flight there as a stall.
    func serverStalled(path: String) {
        locked {
            signalled += 1
            for entry in inFlight.values where entry.path == path && !entry.stalled {
                entry.stalled = true
                entry.task?.cancel()
            }
        }
    }

    /// Runs `send` for a request to `path`; it ends as a stall if the server announces one meanwhile.
    fileprivate func run(
        path: String, stallError: HTTPError, _ send: @escaping @Sendable () async throws(HTTPError) -> HTTPResponse
    ) async throws(HTTPError) -> HTTPResponse {
        // Registered before the request can reach the server, so no announcement is missed.
        let entry = Entry(path: path)
        locked { inFlight[ObjectIdentifier(entry)] = entry }
        let task = Task<Result<HTTPResponse, HTTPError>, Never> {
            do throws(HTTPError) { return .success(try await send()) } catch { return .failure(error) }
        }
        locked {
            entry.task = task
            if entry.stalled { task.cancel() }
        }
        let result = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        let stalled = locked { inFlight.removeValue(forKey: ObjectIdentifier(entry))?.stalled ?? false }
        if stalled { throw stallError }
        return try result.get()
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

/// Wraps a transport so that a request the server announced as stalled fails at once with the
/// `timedOut(.stalled)` the wrapped transport would report after its stall timeout.
struct StallAwareTransport: HTTPTransport {
    let inner: any HTTPTransport
    let signals: StallSignals
    /// The stall timeout the failure names.
    let stallTimeout: Duration

    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let inner = self.inner
        return try await signals.run(path: request.url.path, stallError: .timedOut(.stalled, after: stallTimeout)) { () async throws(HTTPError) in
            try await inner.send(request)
        }
    }

    func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse {
        try await inner.stream(request)
    }
}

/// Passes the feed server's fault announcements (`injecting fault`, with `fault` and `path`) to
/// `signals`; drops every other line.
struct FaultAnnouncementLogHandler: LogHandler {
    let signals: StallSignals
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .notice

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.message.description == "injecting fault", case .string("stall")? = event.metadata?["fault"],
            case .string(let path)? = event.metadata?["path"]
        else { return }
        signals.serverStalled(path: path)
    }
}
