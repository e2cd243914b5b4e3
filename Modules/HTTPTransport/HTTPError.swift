import Foundation

/// Why an HTTP exchange failed, in terms a user can act on.
///
/// Every case's `description` is one line that names the problem and, where there is one, the next
/// step (check the address, raise a limit, try again later).
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL is not an absolute `http` or `https` URL.
    case invalidURL(String)
    /// The request was refused before sending, for example a header value with a line break.
    case invalidRequest(detail: String)
    /// The host name could not be resolved.
    case dnsFailure(host: String)
    /// Nothing accepted the connection (server down, wrong port, or firewall).
    case connectionRefused(host: String, port: Int)
    /// The exchange took too long; `phase` says which limit was hit.
    case timedOut(TimeoutPhase, after: Duration)
    /// The TLS handshake or certificate verification failed.
    case tlsFailure(host: String, detail: String)
    /// The server redirected more times than allowed.
    case tooManyRedirects(limit: Int)
    /// The decoded body was larger than the limit.
    case bodyTooLarge(limit: Int64)
    /// The connection ended before the whole body arrived.
    case truncatedBody(received: Int64, expected: Int64?)
    /// The body's content encoding (gzip, br, zstd) could not be decoded.
    case badContentEncoding(detail: String)
    /// The proxy named by the environment could not be used.
    case proxyFailure(detail: String)
    /// The URL (or a redirect) leads to this machine or a private network, which the transport was
    /// not told to allow; `address` is the IP address it resolved to.
    case refusedAddress(url: String, address: String, kind: SpecialAddressKind)
    /// The caller cancelled the request.
    case cancelled
    /// The server answered with an error status.
    case status(HTTPStatusFailure)
    /// Any other network failure, with the underlying library's message.
    case network(detail: String)

    /// Which timeout fired.
    public enum TimeoutPhase: String, Sendable, Equatable {
        /// No connection could be made in time.
        case connect
        /// Data stopped arriving for too long.
        case stalled
        /// The whole exchange exceeded its time limit.
        case total
    }

    /// A one-line explanation for the user.
    public var description: String {
        switch self {
        case .invalidURL(let url):
            return "invalid URL '\(url)': expected an absolute http:// or https:// address"
        case .invalidRequest(let detail):
            return "request not sent: \(detail)"
        case .dnsFailure(let host):
            return "could not resolve host '\(host)': check the server address and your network"
        case .connectionRefused(let host, let port):
            return "connection to \(host):\(port) refused or unreachable: is the server running?"
        case .timedOut(.connect, let after):
            return "could not connect within \(Self.seconds(after)): the server or network is not answering"
        case .timedOut(.stalled, let after):
            return "the server stopped sending data for \(Self.seconds(after)): try again later"
        case .timedOut(.total, let after):
            return "the request did not finish within \(Self.seconds(after))"
        case .tlsFailure(let host, let detail):
            return "secure connection to \(host) failed: \(detail)"
        case .tooManyRedirects(let limit):
            return "too many redirects (more than \(limit)): the server's redirects loop or go too deep"
        case .bodyTooLarge(let limit):
            return "response body is larger than the \(Self.bytes(limit)) limit; refused"
        case .truncatedBody(let received, let expected?):
            return "response cut short: received \(received) of \(expected) bytes"
        case .truncatedBody(let received, nil):
            return "response cut short after \(received) bytes: the connection closed mid-body"
        case .badContentEncoding(let detail):
            return "could not decode the compressed response: \(detail)"
        case .proxyFailure(let detail):
            return "proxy failed (set by http_proxy/https_proxy/all_proxy): \(detail)"
        case .refusedAddress(let url, let address, let kind):
            return "refusing to fetch \(url.prefix(200)): \(address) is a \(kind.rawValue) address; pass --allow-private-addresses to allow it"
        case .cancelled:
            return "request cancelled"
        case .status(let failure):
            return failure.description
        case .network(let detail):
            return "network error: \(detail)"
        }
    }

    /// Whether trying the same request again later may succeed (timeouts, dropped connections,
    /// 408/429/5xx), as PROTOCOL.md §5 asks clients to decide. A body that fails to decompress counts:
    /// it is almost always a stream cut or mangled on the way, not a server that cannot encode.
    public var isRetryable: Bool {
        switch self {
        case .dnsFailure, .connectionRefused, .timedOut, .truncatedBody, .badContentEncoding, .network: return true
        case .status(let failure): return failure.status == 408 || failure.status == 429 || failure.status >= 500
        case .invalidURL, .invalidRequest, .tlsFailure, .tooManyRedirects, .bodyTooLarge, .proxyFailure,
            .refusedAddress, .cancelled:
            return false
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : String(format: "%.1f s", Double(ms) / 1000)
    }

    private static func bytes(_ count: Int64) -> String {
        if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(count)-byte"
    }
}

/// An error status from the server, with what the user needs to decide what to do next.
public struct HTTPStatusFailure: Sendable, Equatable, CustomStringConvertible {
    /// The status code (4xx or 5xx, or an unexpected 1xx/3xx).
    public var status: Int
    /// The URL that answered.
    public var url: URL
    /// The start of the body with control characters removed: a problem+json `title: detail`, or
    /// the first 200 characters of text.
    public var excerpt: String
    /// How long the server asked the client to wait (`Retry-After`), if it said.
    public var retryAfter: Duration?

    /// Creates a failure description directly.
    public init(status: Int, url: URL, excerpt: String, retryAfter: Duration? = nil) {
        self.status = status
        self.url = url
        self.excerpt = excerpt
        self.retryAfter = retryAfter
    }

    /// Builds the failure from a response head and as much of its body as was read.
    public init(head: HTTPResponseHead, body: Data, now: Date = Date()) {
        self.init(
            status: head.status, url: head.url, excerpt: Self.excerpt(of: body),
            retryAfter: head.headers["Retry-After"].flatMap { RetryAfter.parse($0, now: now) })
    }

    /// One line: status, excerpt and any retry hint.
    public var description: String {
        var line = "server answered \(status) for \(url.path.isEmpty ? "/" : url.path)"
        if !excerpt.isEmpty { line += ": \(excerpt)" }
        if let retryAfter { line += " (retry after \(retryAfter.components.seconds) s)" }
        return line
    }

    static let excerptLimit = 200

    static func excerpt(of body: Data) -> String {
        let prefix = body.prefix(16 * 1024)
        if let object = try? JSONSerialization.jsonObject(with: prefix) as? [String: Any] {
            let parts = [object["title"], object["detail"]].compactMap { $0 as? String }.filter { !$0.isEmpty }
            if !parts.isEmpty { return clean(parts.joined(separator: ": ")) }
        }
        return clean(String(decoding: body.prefix(4 * excerptLimit), as: UTF8.self))
    }

    /// Collapses whitespace and drops control and format characters so an error body cannot move
    /// the cursor or recolour a terminal.
    static func clean(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                pendingSpace = !out.isEmpty
                continue
            }
            if scalar.properties.generalCategory == .format || scalar == "\u{FFFD}" { continue }
            if pendingSpace { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
            if out.count >= excerptLimit { return out + "…" }
        }
        return out
    }
}

/// Parses `Retry-After` values (RFC 9110 §10.2.3).
public enum RetryAfter {
    /// The wait the header asks for: delay-seconds or an HTTP-date relative to `now`; `nil` if the
    /// value is neither. Dates in the past give zero.
    public static func parse(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int64(trimmed), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .seconds(max(0, Int64(date.timeIntervalSince(now).rounded(.up))))
    }
}
