import Foundation
import HTTPTransport

/// The hand-off between the loop thread, which produces body chunks, and the async code consuming an
/// `HTTPBody`.
///
/// Memory stays bounded: once `highWater` bytes are waiting, `offer` refuses the chunk and the loop
/// pauses the transfer (curl keeps the refused bytes and offers them again). The consumer asks the
/// loop to resume when the backlog falls to `lowWater`.
final class StreamChannel: HTTPBodySource {
    typealias HeadOutcome = Result<HTTPResponseHead, HTTPError>
    typealias ChunkOutcome = Result<Data?, HTTPError>

    private struct State {
        var headWaiter: CheckedContinuation<HeadOutcome, Never>?
        var head: HeadOutcome?
        var chunks: [Data] = []
        var firstChunk = 0
        var bufferedBytes = 0
        var chunkWaiter: CheckedContinuation<ChunkOutcome, Never>?
        var end: Result<Void, HTTPError>?
        var producerPaused = false
        var cancelled = false
        var peakBufferedBytes = 0

        mutating func popChunk() -> Data? {
            guard firstChunk < chunks.count else { return nil }
            let chunk = chunks[firstChunk]
            chunks[firstChunk] = Data()
            firstChunk += 1
            if firstChunk == chunks.count {
                chunks.removeAll(keepingCapacity: true)
                firstChunk = 0
            }
            bufferedBytes -= chunk.count
            return chunk
        }
    }

    private let state = LockedState(State())
    private let loop: CurlEventLoop
    private let highWater: Int
    private let lowWater: Int

    init(loop: CurlEventLoop, bufferBytes: Int) {
        self.loop = loop
        highWater = max(bufferBytes, 64 * 1024)
        lowWater = highWater / 4
    }

    /// The most bytes ever waiting for the consumer; tests use it to check back-pressure.
    var peakBufferedBytes: Int { state.withLock { $0.peakBufferedBytes } }

    /// Whether the consumer cancelled.
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    // MARK: Consumer side

    /// Waits for the final response head. `submit` queues the transfer once the waiter is in place.
    func awaitHead(submit: @Sendable () -> Void) async -> HeadOutcome {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<HeadOutcome, Never>) in
                let ready = state.withLock { state -> HeadOutcome? in
                    if state.cancelled { return .failure(.cancelled) }
                    if let head = state.head { return head }
                    state.headWaiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) } else { submit() }
            }
        } onCancel: {
            cancel()
        }
    }

    func nextChunk() async throws(HTTPError) -> Data? {
        enum Step { case ready(ChunkOutcome, resume: Bool), wait }
        let step = state.withLock { state -> Step in take(&state) ?? .wait }
        switch step {
        case .ready(let outcome, let resume):
            if resume { loop.submit(.resume(self)) }
            return try outcome.get()
        case .wait:
            break
        }
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ChunkOutcome, Never>) in
                let ready = state.withLock { state -> Step? in
                    if let step = take(&state) { return step }
                    state.chunkWaiter = continuation
                    return nil
                }
                if case .ready(let outcome, let resume)? = ready {
                    if resume { loop.submit(.resume(self)) }
                    continuation.resume(returning: outcome)
                }
            }
        } onCancel: {
            cancel()
        }
        return try outcome.get()

        func take(_ state: inout State) -> Step? {
            if state.cancelled { return .ready(.failure(.cancelled), resume: false) }
            if let chunk = state.popChunk() {
                var resume = false
                if state.producerPaused && state.bufferedBytes <= lowWater {
                    state.producerPaused = false
                    resume = true
                }
                return .ready(.success(chunk), resume: resume)
            }
            switch state.end {
            case .success?: return .ready(.success(nil), resume: false)
            case .failure(let error)?: return .ready(.failure(error), resume: false)
            case nil: return nil
            }
        }
    }

    func cancel() {
        let waiters = state.withLock { state -> (CheckedContinuation<HeadOutcome, Never>?, CheckedContinuation<ChunkOutcome, Never>?)? in
            if state.cancelled || state.end != nil { return nil }
            state.cancelled = true
            state.chunks.removeAll()
            state.firstChunk = 0
            state.bufferedBytes = 0
            defer { state.headWaiter = nil; state.chunkWaiter = nil }
            return (state.headWaiter, state.chunkWaiter)
        }
        guard let waiters else { return }
        waiters.0?.resume(returning: .failure(.cancelled))
        waiters.1?.resume(returning: .failure(.cancelled))
        loop.submit(.cancel(self))
    }

    // MARK: Producer side (loop thread only)

    /// Hands the response head to the task waiting in `stream`.
    func deliverHead(_ head: HTTPResponseHead) {
        let waiter = state.withLock { state -> CheckedContinuation<HeadOutcome, Never>? in
            state.head = .success(head)
            defer { state.headWaiter = nil }
            return state.headWaiter
        }
        waiter?.resume(returning: .success(head))
    }

    /// What became of an offered chunk.
    enum OfferResult {
        /// The consumer has it, or will.
        case accepted
        /// The backlog is full: the bytes were not kept; pause and offer them again later.
        case full
        /// The consumer cancelled; abort the transfer.
        case cancelled
    }

    /// Takes a chunk of body bytes unless the consumer is too far behind or gone.
    func offer(_ bytes: UnsafeRawBufferPointer) -> OfferResult {
        let (result, waiter) = state.withLock { state -> (OfferResult, CheckedContinuation<ChunkOutcome, Never>?) in
            if state.cancelled { return (.cancelled, nil) }
            if let waiter = state.chunkWaiter {
                state.chunkWaiter = nil
                return (.accepted, waiter)
            }
            if state.bufferedBytes >= highWater {
                state.producerPaused = true
                return (.full, nil)
            }
            state.chunks.append(Data(bytes))
            state.bufferedBytes += bytes.count
            state.peakBufferedBytes = max(state.peakBufferedBytes, state.bufferedBytes)
            return (.accepted, nil)
        }
        waiter?.resume(returning: .success(Data(bytes)))
        return result
    }

    /// Records how the transfer ended and wakes whoever is waiting.
    func finish(_ end: Result<Void, HTTPError>) {
        let waiters = state.withLock { state -> (CheckedContinuation<HeadOutcome, Never>?, CheckedContinuation<ChunkOutcome, Never>?) in
            if state.end == nil { state.end = end }
            if state.head == nil, case .failure(let error) = end { state.head = .failure(error) }
            defer { state.headWaiter = nil; state.chunkWaiter = nil }
            return (state.headWaiter, state.chunkWaiter)
        }
        if let headWaiter = waiters.0 {
            switch end {
            case .failure(let error): headWaiter.resume(returning: .failure(error))
            case .success: headWaiter.resume(returning: .failure(.network(detail: "transfer ended without a response")))
            }
        }
        switch end {
        case .success: waiters.1?.resume(returning: .success(nil))
        case .failure(let error): waiters.1?.resume(returning: .failure(error))
        }
    }
}
