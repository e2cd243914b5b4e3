import Dispatch
import Foundation

/// Maps a document's items on every core and hands the results on in feed order, so the output is
/// exactly what one thread would produce: mapping an item (HTML to blocks, the content hash) reads
/// only that item and what the feed as a whole says. Items go in windows of `window`, so at most one
/// window of results waits to be collected, whatever the feed's size.
enum ParallelItems {
    /// Items mapped before their results are collected: enough to keep every core busy.
    static let window = 512
    /// Items one worker takes at a time, so cores that finish early take more.
    static let chunk = 8

    /// The cores this process may use.
    static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `map` on every index in `0..<count`, on up to `workers` threads at once, and `collect`
    /// with each result in index order, on the calling thread.
    static func forEach<Output: Sendable>(
        count: Int, workers: Int, map: @escaping @Sendable (Int) -> Output, collect: (Int, Output) -> Void
    ) {
        guard workers > 1, count > chunk else {
            for index in 0..<count { collect(index, map(index)) }
            return
        }
        let slots = WindowSlots<Output>(capacity: min(window, count))
        defer { slots.release() }
        var start = 0
        while start < count {
            let first = start, end = min(count, start + window)
            let chunks = (end - first + chunk - 1) / chunk
            DispatchQueue.concurrentPerform(iterations: chunks) { part in
                let low = first + part * chunk
                for index in low..<min(end, low + chunk) { slots.put(map(index), at: index - first) }
            }
            for index in first..<end { collect(index, slots.take(at: index - first)) }
            start = end
        }
    }
}

/// One window's results. `@unchecked Sendable`: during `concurrentPerform` each slot is written by
/// exactly one thread and none is read; they are read only after it returns, on the calling thread.
private struct WindowSlots<Output>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Output?>

    init(capacity: Int) {
        buffer = .allocate(capacity: capacity)
        buffer.initialize(repeating: nil)
    }

    func put(_ output: Output, at slot: Int) { buffer[slot] = output }

    func take(at slot: Int) -> Output {
        guard let output = buffer[slot].take() else { preconditionFailure("slot \(slot) was not filled") }
        return output
    }

    func release() {
        _ = buffer.deinitialize()
        buffer.deallocate()
    }
}
