import Foundation

/// Small URL helpers for feed content: hosts as source ids and relative links made absolute.
enum WebAddress {
    /// The lowercased host of an absolute URL without a leading `www.`, e.g. `harbor-courier.example`.
    static func domain(of url: String) -> String? {
        guard let host = URLComponents(string: url.trimmingCharacters(in: .whitespaces))?.host?.lowercased() else { return nil }
        var domain = host.hasSuffix(".") ? String(host.dropLast()) : host
        if domain.hasPrefix("www.") { domain.removeFirst(4) }
        return domain.isEmpty ? nil : domain
    }

    /// An absolute `http(s)` URL for `reference`, resolving a relative one against `base`; nil for other
    /// schemes (`javascript:`, `mailto:`, `data:`), bare fragments and anything unparseable.
    static func absoluteWebURL(_ reference: String, base: String?) -> String? {
        let ref = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !ref.isEmpty, !ref.hasPrefix("#") else { return nil }
        if let scheme = URLComponents(string: ref)?.scheme?.lowercased() {
            return scheme == "http" || scheme == "https" ? ref : nil
        }
        let baseURL = base.flatMap { URL(string: $0.trimmingCharacters(in: .whitespaces)) }
        if ref.hasPrefix("//") {
            let scheme = baseURL?.scheme?.lowercased() == "http" ? "http:" : "https:"
            return URL(string: scheme + ref)?.absoluteString
        }
        guard let baseURL, let scheme = baseURL.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let resolved = URL(string: ref, relativeTo: baseURL)
        else { return nil }
        return resolved.absoluteString
    }
}
