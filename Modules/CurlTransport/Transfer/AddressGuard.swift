import CCurl
import Foundation
import HTTPTransport
#if canImport(Glibc)
    import Glibc
#endif

/// A numeric IPv4 or IPv6 address: its bytes, canonical text and what kind of special address it is.
struct IPAddress: Sendable, Equatable {
    /// 4 or 16 bytes, network order.
    let bytes: [UInt8]
    /// Canonical text (`10.0.0.5`, `::ffff:10.0.0.5`).
    let text: String

    /// Nil for a public address.
    var kind: SpecialAddressKind? {
        bytes.count == 4 ? SpecialAddress.kind(ipv4: bytes) : SpecialAddress.kind(ipv6: bytes)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let written = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        text = written == nil ? bytes.map(String.init).joined(separator: ".") : String(cString: buffer)
    }

    /// Parses a host that is a numeric address: IPv6 (bracketed or not) or IPv4 in any form the
    /// resolver accepts (`127.1`, `0x7f000001`, `2130706433`, `0177.0.0.1`); nil for a name.
    init?(literal host: String) {
        var host = host
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        // A zone (`fe80::1%eth0`) names an interface, not part of the address.
        if let percent = host.firstIndex(of: "%") { host = String(host[..<percent]) }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            self.init(bytes: withUnsafeBytes(of: &v6) { Array($0) })
            return
        }
        var v4 = in_addr()
        guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == "x" || $0 == "X" }),
            inet_aton(host, &v4) != 0
        else { return nil }
        self.init(bytes: withUnsafeBytes(of: &v4) { Array($0) })
    }

    /// The address and port of a socket address libcurl is about to connect to; nil for a family
    /// other than IPv4 and IPv6.
    static func endpoint(of address: UnsafeRawPointer, family: Int32) -> (address: IPAddress, port: Int)? {
        switch family {
        case AF_INET:
            var socket = sockaddr_in()
            memcpy(&socket, address, MemoryLayout<sockaddr_in>.size)
            return (IPAddress(bytes: withUnsafeBytes(of: &socket.sin_addr) { Array($0) }), Int(UInt16(bigEndian: socket.sin_port)))
        case AF_INET6:
            var socket = sockaddr_in6()
            memcpy(&socket, address, MemoryLayout<sockaddr_in6>.size)
            return (IPAddress(bytes: withUnsafeBytes(of: &socket.sin6_addr) { Array($0) }), Int(UInt16(bigEndian: socket.sin6_port)))
        default:
            return nil
        }
    }
}

extension CurlTransfer {
    /// Has libcurl ask this transfer before opening each socket, so the address policy sees the
    /// address every connection (first request, retries, redirects, the proxy) really goes to.
    /// Nothing is installed when every address is allowed.
    func installAddressGuard() -> CURLcode {
        guard !configuration.addressPolicy.allowsPrivateAddresses else { return CURLE_OK }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let installed = pb_easy_setopt_opensocket_function(handle) { context, _, address in
            guard let context, let address else { return pb_socket_bad }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().openSocket(address)
        }
        guard installed == CURLE_OK else { return installed }
        return pb_easy_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, context)
    }

    /// Opens the socket libcurl asked for, or refuses (remembering why) when the policy forbids the
    /// address; libcurl then tries the host's next address or fails to connect.
    private func openSocket(_ request: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = request.pointee.family
        let addressOffset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr) ?? 16
        let raw = UnsafeRawPointer(request).advanced(by: addressOffset)
        guard let (address, port) = IPAddress.endpoint(of: raw, family: family) else {
            refusedAddress = .invalidRequest(detail: "refusing a connection of address family \(family): only IPv4 and IPv6 are used")
            return pb_socket_bad
        }
        if let refusal = configuration.addressPolicy.refusal(connectingTo: address, port: port, url: currentURL) {
            refusedAddress = refusal
            return pb_socket_bad
        }
        // Close-on-exec, so a pager or browser started later does not inherit the connection.
        return socket(family, request.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), request.pointee.protocol)
    }

    /// The URL being fetched now: after a redirect, the redirect's target.
    private var currentURL: String {
        var pointer: UnsafeMutablePointer<CChar>?
        guard pb_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &pointer) == CURLE_OK, let pointer else {
            return job.request.url.absoluteString
        }
        return String(cString: pointer)
    }
}
