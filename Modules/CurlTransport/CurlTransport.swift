import Foundation
import HTTPTransport

/// An `HTTPTransport` on libcurl's multi interface, driven by one I/O thread.
///
/// Every request shares the thread and its connection cache: connections are reused, HTTP/2 is
/// negotiated over TLS and multiplexed, and responses compressed with zstd, br or gzip are decoded.
/// TLS peer and host verification are always on. Proxies come from `http_proxy`, `https_proxy`,
/// `all_proxy` and `no_proxy`, as for the `curl` command. Cancelling the calling task aborts the
/// transfer. Make one transport per process and share it; its thread ends when it is released and
/// its last transfer has finished.
public final class CurlTransport: HTTPTransport {
    /// The limits this transport applies.
    public let configuration: Configuration
    private let loop: CurlEventLoop
    private let shutdown: Shutdown

    /// Creates a transport and starts its I/O thread; throws if libcurl cannot initialise.
    public init(configuration: Configuration = Configuration()) throws(HTTPError) {
        self.configuration = configuration
        loop = try CurlEventLoop(configuration: configuration)
        shutdown = Shutdown(loop: loop)
    }

    /// The libcurl version in use and the encodings it decodes, for `--version` output and bug reports.
    public static var libraryDescription: String {
        "libcurl \(CurlRuntime.version) (\(CurlRuntime.acceptEncoding)\(CurlRuntime.supportsHTTP2 ? ", HTTP/2" : ""))"
    }

    /// Sends a request and reads the whole body into memory.
    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let prepared = try PreparedRequest(request, configuration: configuration)
        let sink = BufferedSink()
        let job = TransferJob(
            request: request, prepared: prepared, timeout: request.timeout ?? configuration.requestTimeout,
            maxResponseBytes: request.maxResponseBytes ?? configuration.maxResponseBytes, sink: .buffered(sink))
        let loop = self.loop
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                sink.install(continuation)
                loop.submit(.start(job))
            }
        } onCancel: {
            sink.markCancelled()
            loop.submit(.cancelBuffered(sink))
        }
        return try outcome.get()
    }

    /// Sends a request and returns at the final response's head; the body streams with back-pressure.
    public func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse {
        let prepared = try PreparedRequest(request, configuration: configuration)
        let channel = StreamChannel(loop: loop, bufferBytes: configuration.streamBufferBytes)
        let job = TransferJob(
            request: request, prepared: prepared, timeout: request.timeout ?? configuration.streamTimeout,
            maxResponseBytes: request.maxResponseBytes ?? configuration.maxResponseBytes, sink: .streaming(channel))
        let loop = self.loop
        let head = try await channel.awaitHead { loop.submit(.start(job)) }.get()
        return HTTPStreamingResponse(head: head, body: HTTPBody(source: channel))
    }

    /// Stops the loop thread when the transport goes away; streams still being read keep it alive
    /// until they finish.
    private final class Shutdown: Sendable {
        let loop: CurlEventLoop
        init(loop: CurlEventLoop) { self.loop = loop }
        deinit { loop.shutdown() }
    }
}
