import Foundation

/// Where an `HTTPBody` pulls its chunks from; implemented by each transport.
///
/// `nextChunk` is called by one consumer at a time. `cancel` may be called from any thread, at any
/// time, more than once; after it, `nextChunk` returns `HTTPError.cancelled`.
public protocol HTTPBodySource: AnyObject, Sendable {
    /// The next chunk of decoded body bytes, or `nil` at the end of a complete body.
    func nextChunk() async throws(HTTPError) -> Data?
    /// Stops the transfer because the consumer no longer wants the rest.
    func cancel()
}

/// A response body as an async sequence of `Data` chunks, pulled with back-pressure.
///
/// Ends normally only when the whole body arrived; a body cut short throws
/// `HTTPError.truncatedBody`. When the last copy of the body (and of its iterators) is dropped,
/// the transfer is cancelled, so abandoning a large download frees its connection.
public struct HTTPBody: AsyncSequence, Sendable {
    /// A chunk of body bytes.
    public typealias Element = Data
    /// The error a chunk can fail with.
    public typealias Failure = HTTPError

    private let lifetime: Lifetime

    /// Wraps a transport's chunk source.
    public init(source: any HTTPBodySource) {
        lifetime = Lifetime(source: source)
    }

    /// Creates an iterator over the chunks.
    public func makeAsyncIterator() -> Iterator { Iterator(lifetime: lifetime) }

    /// Iterates the chunks of an `HTTPBody`.
    public struct Iterator: AsyncIteratorProtocol {
        fileprivate let lifetime: Lifetime

        /// The next chunk, or `nil` at the end of the body.
        public mutating func next() async throws(HTTPError) -> Data? {
            try await lifetime.source.nextChunk()
        }
    }

    /// Reads the whole body into memory, refusing bodies longer than `limit` bytes.
    public func collect(upTo limit: Int64) async throws(HTTPError) -> Data {
        var data = Data()
        var iterator = makeAsyncIterator()
        while let chunk = try await iterator.next() {
            guard Int64(data.count + chunk.count) <= limit else {
                lifetime.source.cancel()
                throw .bodyTooLarge(limit: limit)
            }
            data.append(chunk)
        }
        return data
    }

    /// Stops the transfer; later reads throw `HTTPError.cancelled`.
    public func cancel() { lifetime.source.cancel() }

    /// Cancels the source when the last body or iterator referring to it goes away.
    fileprivate final class Lifetime: Sendable {
        let source: any HTTPBodySource
        init(source: any HTTPBodySource) { self.source = source }
        deinit { source.cancel() }
    }
}
