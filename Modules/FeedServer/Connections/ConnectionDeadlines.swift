import NIOCore
import NIOHTTPTypes

/// How long a connection may take over each part of its life before the server closes it, so slow
/// or stalled clients cannot hold connections (and the memory behind them) open.
public struct ConnectionTimeouts: Sendable, Equatable {
    /// From accepting a connection to its first complete request head (`serve --header-timeout`).
    public var header: Duration = .seconds(10)
    /// From a request's head to the end of its body (`serve --request-timeout`).
    public var request: Duration = .seconds(30)
    /// From the end of a response to the next complete request head (`serve --idle-timeout`).
    public var idle: Duration = .seconds(60)

    /// The default timeouts.
    public init() {}
}

/// Closes a connection whose next deadline passes: the first request head after `header`, a
/// request's body after `request`, the next request head after `idle`. Nothing runs out while the
/// server is answering (that is the server's own time, not the client's).
///
/// It sits after HTTP decoding, so bytes of an unfinished head do not count as progress: a client
/// sending a header a byte at a time is still closed when the head's deadline passes.
final class ConnectionDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase {
        /// Waiting for a request head (a new or an idle connection).
        case awaitingHead
        /// A head arrived; its body is still coming (`answered`: the answer already went out).
        case readingBody(answered: Bool)
        /// The whole request arrived; the server is answering.
        case answering
    }

    private let timeouts: ConnectionTimeouts
    private var phase = Phase.awaitingHead
    private var armed: Scheduled<Void>?

    init(timeouts: ConnectionTimeouts) {
        self.timeouts = timeouts
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(timeouts.header, context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if armed == nil { arm(timeouts.header, context: context) }
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            phase = .readingBody(answered: false)
            arm(timeouts.request, context: context)
        case .body:
            break
        case .end:
            if case .readingBody(answered: true) = phase {
                phase = .awaitingHead
                arm(timeouts.idle, context: context)
            } else {
                phase = .answering
                disarm()
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            switch phase {
            case .answering:
                phase = .awaitingHead
                arm(timeouts.idle, context: context)
            case .readingBody:
                // Answered before the body was read (401, 413): the body's deadline keeps running,
                // and the idle one starts when the body ends.
                phase = .readingBody(answered: true)
            case .awaitingHead:
                break
            }
        }
        context.write(data, promise: promise)
    }

    private func arm(_ timeout: Duration, context: ChannelHandlerContext) {
        disarm()
        let components = timeout.components
        let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
        armed = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(max(0, nanoseconds))) {
            context.close(promise: nil)
        }
    }

    private func disarm() {
        armed?.cancel()
        armed = nil
    }
}
