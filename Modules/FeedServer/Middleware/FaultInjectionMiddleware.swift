import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Deliberate failures on a share of requests, so clients can be tested against a misbehaving server
/// over a real socket (`paperboy-server serve --inject-faults`). Never enable it in production.
public struct FaultInjection: Sendable {
    /// One way of spoiling a response.
    public enum Fault: String, Sendable, CaseIterable {
        /// 500 with a problem body.
        case serverError
        /// 429 with `Retry-After: 1`.
        case tooManyRequests
        /// Silence for `stall` before the answer starts, like a server stuck on a lock.
        case stall
        /// The full `Content-Length` is promised, half the body is sent, and the connection closes.
        case truncatedBody
        /// `Content-Encoding: gzip` over bytes that are not gzip.
        case corruptEncoding
        /// A 200 whose JSON is cut off halfway, with a `Content-Length` that matches the cut body.
        case malformedJSON
    }

    /// Every `every`-th request is spoiled (3: a third of requests).
    public var every: Int
    /// The faults used, in turn.
    public var faults: [Fault]
    /// How long a stalled response stays silent before its connection closes.
    public var stall: Duration

    /// Spoils every `every`-th request, cycling through `faults`.
    public init(every: Int = 3, faults: [Fault] = Fault.allCases, stall: Duration = .seconds(35)) {
        self.every = max(1, every)
        self.faults = faults.isEmpty ? Fault.allCases : faults
        self.stall = stall
    }
}

/// Applies a `FaultInjection` plan. It sits outermost so its failures reach the client as they would
/// from a broken proxy or a dying server. `/healthz` is left alone so scripts can tell it is up.
struct FaultInjectionMiddleware<Context: RequestContext>: RouterMiddleware {
    let plan: FaultInjection
    let counter = RequestCounter()

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.uri.path != "/healthz" else { return try await next(request, context) }
        let number = await counter.next()
        guard number % plan.every == 0 else { return try await next(request, context) }
        let fault = plan.faults[(number / plan.every) % plan.faults.count]
        context.logger.notice("injecting fault", metadata: ["fault": "\(fault.rawValue)", "path": "\(request.uri.path)"])
        switch fault {
        case .serverError:
            return ProblemError(.internalServerError, detail: "injected fault").makeResponse()
        case .tooManyRequests:
            return ProblemError(.tooManyRequests, detail: "injected fault", headers: [.retryAfter: "1"]).makeResponse()
        case .stall:
            try await Task.sleep(for: plan.stall)
            return try await next(request, context)
        case .truncatedBody:
            // The request runs for real first: a POST that is applied and then loses its answer is
            // exactly the case idempotent mutation ids exist for.
            let response = try await next(request, context)
            let body = try await Self.collect(response.body)
            guard body.readableBytes > 1 else { throw InjectedFault(fault: fault) }
            var cut = response
            cut.headers[.contentLength] = String(body.readableBytes)
            let half = body.getSlice(at: body.readerIndex, length: body.readableBytes / 2) ?? ByteBuffer()
            cut.body = ResponseBody(contentLength: body.readableBytes) { writer in
                try await writer.write(half)
                throw InjectedFault(fault: fault)
            }
            return cut
        case .corruptEncoding:
            var response = try await next(request, context)
            var junk = ByteBuffer(bytes: [0x1f, 0x8b, 0x08, 0x00])
            junk.writeString(String(repeating: "not a deflate stream ", count: 8))
            response.headers[.contentEncoding] = "gzip"
            response.headers[.contentLength] = String(junk.readableBytes)
            response.body = ResponseBody(byteBuffer: junk)
            return response
        case .malformedJSON:
            // Ask for identity so the cut lands inside the JSON itself, not inside a compressed frame.
            var head = request.head
            head.headerFields[.acceptEncoding] = nil
            var response = try await next(Request(head: head, body: request.body), context)
            let body = try await Self.collect(response.body)
            let half = body.getSlice(at: body.readerIndex, length: body.readableBytes / 2) ?? ByteBuffer()
            response.headers[.contentLength] = String(half.readableBytes)
            response.body = ResponseBody(byteBuffer: half)
            return response
        }
    }

    /// Reads a response body into one buffer.
    private static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let sink = BodySink()
        try await body.write(CollectingWriter(sink: sink))
        return await sink.buffer
    }
}

/// The error that closes a spoiled connection.
struct InjectedFault: Error, CustomStringConvertible {
    let fault: FaultInjection.Fault
    var description: String { "injected fault: \(fault.rawValue)" }
}

/// Numbers requests in arrival order.
actor RequestCounter {
    private var count = 0

    func next() -> Int {
        count += 1
        return count
    }
}

/// Where `CollectingWriter` leaves the bytes (`finish` consumes the writer, so they live outside it).
private actor BodySink {
    private(set) var buffer = ByteBuffer()

    func append(_ part: ByteBuffer) {
        var part = part
        buffer.writeBuffer(&part)
    }
}

private struct CollectingWriter: ResponseBodyWriter {
    let sink: BodySink

    mutating func write(_ buffer: ByteBuffer) async throws {
        await sink.append(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
