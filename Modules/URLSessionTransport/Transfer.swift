import Foundation
import HTTPTransport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One request's state between the session delegate, which pushes the head and body chunks, and the
/// caller, which awaits the head and pulls the body. Chunks beyond `bufferLimit` suspend the task
/// until the consumer catches up (on Apple platforms); more than `limit` bytes fail the transfer
/// with `bodyTooLarge`.
final class Transfer: HTTPBodySource, @unchecked Sendable {
    // @unchecked: every mutable property is touched only under `lock`.
    let limit: Int64
    let bufferLimit: Int
    let stallTimeout: Duration
    private let lock = NSLock()
    private var dataTask: URLSessionDataTask?
    private var head: Result<HTTPResponseHead, HTTPError>?
    private var headWaiter: CheckedContinuation<Result<HTTPResponseHead, HTTPError>, Never>?
    private var chunks: [Data] = []
    private var buffered = 0
    private var received: Int64 = 0
    private var expected: Int64?
    private var finished = false
    private var failure: HTTPError?
    private var chunkWaiter: CheckedContinuation<Void, Never>?
    private var suspended = false

    init(limit: Int64, bufferLimit: Int, stallTimeout: Duration) {
        self.limit = limit
        self.bufferLimit = max(bufferLimit, 1)
        self.stallTimeout = stallTimeout
    }

    /// The URLSession task carrying the request.
    var task: URLSessionDataTask? {
        get { lock.withLock { dataTask } }
        set { lock.withLock { dataTask = newValue } }
    }

    /// Starts the transfer with `start` and waits for the final response's head (or the failure).
    func awaitHead(start: @Sendable () -> Void) async throws(HTTPError) -> HTTPResponseHead {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponseHead, HTTPError>, Never>) in
            let ready: Result<HTTPResponseHead, HTTPError>? = lock.withLock {
                if let head { return head }
                headWaiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) } else { start() }
        }
        return try result.get()
    }

    // MARK: From the session delegate

    /// The final response's head arrived; false when its announced length is already over the limit.
    func receivedHead(_ response: HTTPResponseHead, expectedLength: Int64?) -> Bool {
        if let expectedLength, expectedLength > limit {
            fail(.bodyTooLarge(limit: limit))
            return false
        }
        let waiter: CheckedContinuation<Result<HTTPResponseHead, HTTPError>, Never>? = lock.withLock {
            guard head == nil else { return nil }
            head = .success(response)
            // A length only means something for an unencoded body; a decoded one is longer.
            expected = response.headers["Content-Encoding"] == nil ? expectedLength : nil
            defer { headWaiter = nil }
            return headWaiter
        }
        waiter?.resume(returning: .success(response))
        return true
    }

    /// Body bytes arrived.
    func received(_ data: Data) {
        var overLimit = false
        let waiter: CheckedContinuation<Void, Never>? = lock.withLock {
            guard failure == nil else { return nil }
            received += Int64(data.count)
            if received > limit {
                overLimit = true
                return nil
            }
            chunks.append(data)
            buffered += data.count
            #if !canImport(FoundationNetworking)
            // FoundationNetworking (Linux) repeats or loses bytes when a running task is suspended and
            // resumed, so there the buffer grows instead (README.md).
            if buffered > bufferLimit && !suspended {
                suspended = true
                dataTask?.suspend()
            }
            #endif
            defer { chunkWaiter = nil }
            return chunkWaiter
        }
        if overLimit {
            fail(.bodyTooLarge(limit: limit))
            task?.cancel()
        }
        waiter?.resume()
    }

    /// The task ended, with `error` or after the whole body.
    func completed(error: HTTPError?) {
        if let error { return fail(error) }
        let short: HTTPError? = lock.withLock {
            if let expected, received < expected { return .truncatedBody(received: received, expected: expected) }
            return nil
        }
        if let short { return fail(short) }
        let waiters = lock.withLock {
            finished = true
            defer { chunkWaiter = nil; headWaiter = nil }
            return (chunkWaiter, headWaiter, head)
        }
        waiters.0?.resume()
        if waiters.2 == nil { waiters.1?.resume(returning: .failure(.network(detail: "the server sent no response"))) }
    }

    /// Ends the transfer with `error` (the first failure wins; a finished body stays finished).
    func fail(_ error: HTTPError) {
        let waiters = lock.withLock {
            if failure == nil && !finished { failure = error }
            let headWaiter = head == nil ? self.headWaiter : nil
            if head == nil { head = .failure(failure ?? error) }
            defer { chunkWaiter = nil; self.headWaiter = nil }
            return (chunkWaiter, headWaiter, failure ?? error)
        }
        waiters.0?.resume()
        waiters.1?.resume(returning: .failure(waiters.2))
    }

    // MARK: To the consumer

    /// The next chunk, waiting for one; nil once the whole body was read.
    func nextChunk() async throws(HTTPError) -> Data? {
        while true {
            enum Step { case chunk(Data), end, failure(HTTPError), wait }
            let step: Step = lock.withLock {
                if failure == .cancelled { return .failure(.cancelled) }
                if !chunks.isEmpty {
                    let chunk = chunks.removeFirst()
                    buffered -= chunk.count
                    if suspended && buffered <= bufferLimit / 2 {
                        suspended = false
                        dataTask?.resume()
                    }
                    return .chunk(chunk)
                }
                if let failure { return .failure(failure) }
                return finished ? .end : .wait
            }
            switch step {
            case .chunk(let chunk): return chunk
            case .end: return nil
            case .failure(let error): throw error
            case .wait:
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let ready = lock.withLock {
                        if !chunks.isEmpty || failure != nil || finished { return true }
                        chunkWaiter = continuation
                        return false
                    }
                    if ready { continuation.resume() }
                }
            }
        }
    }

    /// The consumer no longer wants the body.
    func cancel() {
        fail(.cancelled)
        task?.cancel()
    }
}
