/// What kind of non-public IP address an address is: one on this machine, on a private or
/// link-local network, or otherwise not a host on the public internet.
///
/// A fetcher of URLs that come from outside (feed subscriptions, OPML files, redirects) refuses these
/// unless the user allows them, so a URL cannot make it reach the machine's own services, the local
/// network or a cloud metadata endpoint.
public enum SpecialAddressKind: String, Sendable, Equatable {
    /// 127.0.0.0/8, ::1: this machine.
    case loopback
    /// 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10, 64:ff9b:1::/48: a private network.
    case privateNetwork = "private"
    /// 100.64.0.0/10: carrier-grade NAT, shared between a provider's customers.
    case sharedNAT = "shared (carrier-grade NAT)"
    /// 169.254/16, fe80::/10: the local link (cloud metadata services live here).
    case linkLocal = "link-local"
    /// 0.0.0.0/8, ::: "this host"; connecting to it reaches the machine itself.
    case unspecified
    /// 224/4, ff00::/8: multicast groups, never a single web server.
    case multicast
    /// 255.255.255.255: the local network's broadcast.
    case broadcast
    /// Reserved, documentation, benchmarking and deprecated ranges (240/4, 192.0.2/24, 2001:db8::/32…).
    case reserved
}

/// Classifies raw IPv4 and IPv6 addresses (network byte order) as public or one of the special kinds.
///
/// IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, IPv4-translated, NAT64
/// `64:ff9b::/96` and 6to4 `2002::/16`) are judged by the IPv4 address inside, since that is where the
/// packets end up.
public enum SpecialAddress {
    /// The kind of a 4-byte IPv4 address, or nil when it is a public one.
    public static func kind(ipv4 a: [UInt8]) -> SpecialAddressKind? {
        guard a.count == 4 else { return .reserved }
        switch (a[0], a[1], a[2]) {
        case (0, _, _): return .unspecified
        case (10, _, _): return .privateNetwork
        case (100, 64...127, _): return .sharedNAT
        case (127, _, _): return .loopback
        case (169, 254, _): return .linkLocal
        case (172, 16...31, _): return .privateNetwork
        case (192, 0, 0), (192, 0, 2), (192, 88, 99), (198, 18...19, _), (198, 51, 100), (203, 0, 113): return .reserved
        case (192, 168, _): return .privateNetwork
        case (224...239, _, _): return .multicast
        case (255, 255, 255) where a[3] == 255: return .broadcast
        case (240...255, _, _): return .reserved
        default: return nil
        }
    }

    /// The kind of a 16-byte IPv6 address, or nil when it is a public one.
    public static func kind(ipv6 a: [UInt8]) -> SpecialAddressKind? {
        guard a.count == 16 else { return .reserved }
        let tail = Array(a[12..<16])
        let zeros = { (range: Range<Int>) in a[range].allSatisfy { $0 == 0 } }
        if zeros(0..<15) { return a[15] == 0 ? .unspecified : a[15] == 1 ? .loopback : .reserved }
        // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated) reach the IPv4 address.
        if zeros(0..<10), a[10] == 0xFF, a[11] == 0xFF { return kind(ipv4: tail) }
        if zeros(0..<8), a[8] == 0xFF, a[9] == 0xFF, a[10] == 0, a[11] == 0 { return kind(ipv4: tail) }
        // ::a.b.c.d (IPv4-compatible) is deprecated; nothing public uses it.
        if zeros(0..<12) { return .reserved }
        let prefix = a.prefix(6).map(UInt16.init)
        let words = [prefix[0] << 8 | prefix[1], prefix[2] << 8 | prefix[3], prefix[4] << 8 | prefix[5]]
        switch words[0] {
        case 0x0064 where words[1] == 0xFF9B && zeros(4..<12): return kind(ipv4: tail)  // NAT64, well-known prefix
        case 0x0064 where words[1] == 0xFF9B && words[2] == 0x0001: return .privateNetwork  // local-use NAT64
        case 0x0100 where zeros(2..<8): return .reserved  // discard-only
        case 0x2001 where words[1] == 0x0000 || words[1] == 0x0DB8: return .reserved  // Teredo, documentation
        case 0x2001 where words[1] == 0x0002 && words[2] == 0: return .reserved  // benchmarking
        case 0x2002: return kind(ipv4: Array(a[2..<6]))  // 6to4 carries the IPv4 address
        case 0x3FFF where words[1] <= 0x0FFF: return .reserved  // documentation (3fff::/20)
        default: break
        }
        switch a[0] {
        case 0xFC, 0xFD: return .privateNetwork
        case 0xFE where a[1] & 0xC0 == 0x80: return .linkLocal
        case 0xFE where a[1] & 0xC0 == 0xC0: return .privateNetwork  // site-local, deprecated
        case 0xFF: return .multicast
        case 0x20...0x3F: return nil  // 2000::/3, the global unicast space
        default: return .reserved  // unassigned
        }
    }
}
