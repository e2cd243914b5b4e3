import Foundation
import HTTPTransport

extension CurlTransport {
    /// Which IP addresses a transport may connect to.
    ///
    /// The check runs on the address each connection is actually made to, after name resolution and
    /// on every redirect, so a host name that resolves to 127.0.0.1 or a redirect to 169.254.169.254
    /// is refused like the literal address. With a proxy from the environment the connection checked
    /// is the one to the proxy, and the proxy resolves the names; a literal address in the URL is
    /// still checked before sending.
    public struct AddressPolicy: Sendable, Equatable {
        /// Whether loopback, private, link-local and the other `SpecialAddressKind` addresses are allowed.
        public var allowsPrivateAddresses: Bool
        /// Special addresses allowed anyway, each on one port only (a server the user named).
        public var allowedEndpoints: Set<Endpoint>

        /// Public addresses only: what fetching URLs from feeds, OPML files and redirects needs.
        public static let publicOnly = AddressPolicy(allowsPrivateAddresses: false)
        /// Any address: for the user's own servers, home setups and tests on loopback.
        public static let anyAddress = AddressPolicy(allowsPrivateAddresses: true)

        /// Creates a policy.
        public init(allowsPrivateAddresses: Bool, allowedEndpoints: Set<Endpoint> = []) {
            self.allowsPrivateAddresses = allowsPrivateAddresses
            self.allowedEndpoints = allowedEndpoints
        }

        /// The error for connecting to `address` on `port` while fetching `url`, or nil when allowed.
        func refusal(connectingTo address: IPAddress, port: Int, url: String) -> HTTPError? {
            guard !allowsPrivateAddresses, let kind = address.kind else { return nil }
            if allowedEndpoints.contains(Endpoint(address: address, port: port)) { return nil }
            return .refusedAddress(url: url, address: address.text, kind: kind)
        }

        /// The error for a URL whose host is a literal special address (checked before sending, so
        /// the refusal holds through a proxy too), or nil when it is allowed or a name.
        func refusal(for url: URL) -> HTTPError? {
            guard !allowsPrivateAddresses, let host = url.host, let address = IPAddress(literal: host) else { return nil }
            let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
            return refusal(connectingTo: address, port: port, url: url.absoluteString)
        }
    }

    /// An IP address and port allowed even though the address is special, e.g. `127.0.0.1:8080`.
    public struct Endpoint: Sendable, Hashable {
        /// The address in its canonical text form (`127.0.0.1`, `::1`).
        public let address: String
        /// The TCP port.
        public let port: Int

        /// Creates an endpoint from a numeric address (IPv6 with or without brackets); nil for a
        /// host name or a port outside 1…65535.
        public init?(address: String, port: Int) {
            guard (1...65535).contains(port), let parsed = IPAddress(literal: address) else { return nil }
            self.init(address: parsed, port: port)
        }

        init(address: IPAddress, port: Int) {
            self.address = address.text
            self.port = port
        }
    }
}
