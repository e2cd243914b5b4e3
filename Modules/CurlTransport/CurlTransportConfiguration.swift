import Foundation
import NewsModels

extension CurlTransport {
    /// Limits and TLS settings shared by every request a transport sends.
    ///
    /// The defaults suit the sync engine: short connect timeout, generous body limits, and stall
    /// detection rather than a total limit for streamed downloads, which may legitimately take long.
    public struct Configuration: Sendable, Equatable {
        /// The longest to wait for a TCP (and TLS) connection.
        public var connectTimeout: Duration = .seconds(10)
        /// The longest a buffered `send` may take from start to end of body.
        public var requestTimeout: Duration = .seconds(60)
        /// The longest a streamed transfer may take; `nil` means only stall detection applies.
        public var streamTimeout: Duration? = nil
        /// A transfer that receives no data for this long fails with `timedOut(.stalled)`. Time spent
        /// paused because the consumer is behind does not count.
        public var stallTimeout: Duration = .seconds(30)
        /// The largest decoded body accepted unless a request sets its own limit.
        public var maxResponseBytes: Int64 = 64 << 20
        /// How many redirects to follow before failing with `tooManyRedirects`.
        public var maxRedirects: Int = 5
        /// A PEM file of extra trusted certificates (a private CA). The system's CA directory stays
        /// trusted; peer and host verification can never be turned off.
        public var extraCAFile: String? = nil
        /// Open connections per host; further requests wait for one (HTTP/2 multiplexes instead).
        public var maxConnectionsPerHost: Int = 8
        /// Sent as `User-Agent`.
        public var userAgent: String = "paperboy/\(PaperboyVersion.current)"
        /// Which addresses connections may go to: by default public ones only, so a URL from a feed,
        /// an OPML file or a redirect cannot reach this machine or the private network.
        public var addressPolicy: AddressPolicy = .publicOnly
        /// Bytes a streamed body may buffer before the transfer pauses for the consumer.
        public var streamBufferBytes: Int = 1 << 20

        /// The default configuration.
        public init() {}
    }
}
