import Foundation
import HTTPTransport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// URLSession's errors as the `HTTPError` cases the contract names.
enum URLErrorMapping {
    static func httpError(_ error: any Error, host: String, port: Int, stall: Duration) -> HTTPError {
        guard let urlError = error as? URLError else { return .network(detail: "\(error)") }
        switch urlError.code {
        case .cancelled: return .cancelled
        case .timedOut: return .timedOut(.stalled, after: stall)
        case .cannotFindHost, .dnsLookupFailed: return .dnsFailure(host: host)
        case .cannotConnectToHost, .notConnectedToInternet: return .connectionRefused(host: host, port: port)
        case .httpTooManyRedirects, .redirectToNonExistentLocation: return .tooManyRedirects(limit: 0)
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
            .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return .tlsFailure(host: host, detail: urlError.localizedDescription)
        case .networkConnectionLost: return .truncatedBody(received: 0, expected: nil)
        case .cannotDecodeContentData, .cannotDecodeRawData: return .badContentEncoding(detail: urlError.localizedDescription)
        case .dataLengthExceedsMaximum: return .bodyTooLarge(limit: 0)
        default: return .network(detail: urlError.localizedDescription)
        }
    }
}

/// Refuses URLs whose host is a loopback, private or otherwise special IP literal. Names are not
/// resolved: URLSession connects to whatever a name resolves to, with no hook in between.
enum LiteralAddress {
    static func refusal(for url: URL) -> HTTPError? {
        guard var host = url.host?.lowercased() else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host.hasSuffix(".localhost") {
            return .refusedAddress(url: url.absoluteString, address: host, kind: .loopback)
        }
        if let v4 = ipv4(host), let kind = SpecialAddress.kind(ipv4: v4) {
            return .refusedAddress(url: url.absoluteString, address: host, kind: kind)
        }
        if let v6 = ipv6(host), let kind = SpecialAddress.kind(ipv6: v6) {
            return .refusedAddress(url: url.absoluteString, address: host, kind: kind)
        }
        return nil
    }

    private static func ipv4(_ host: String) -> [UInt8]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let bytes = parts.compactMap { UInt8($0) }
        return bytes.count == 4 ? bytes : nil
    }

    /// Parses an IPv6 literal (with `::` and a trailing dotted IPv4 part) into 16 bytes.
    private static func ipv6(_ host: String) -> [UInt8]? {
        guard host.contains(":"), host.count <= 45 else { return nil }
        let halves = host.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = ipv4(String(piece)) {
                    bytes += v4
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
