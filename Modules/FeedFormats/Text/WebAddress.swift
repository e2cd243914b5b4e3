import Foundation

/// Small URL helpers for feed content: hosts as source ids and relative links made absolute.
enum WebAddress {
    /// The lowercased host of an absolute URL without a leading `www.`, e.g. `harbor-courier.example`.
    static func domain(of url: String) -> String? {
        guard let host = URLComponents(string: trimmed(url))?.host?.lowercased() else { return nil }
        var domain = host.hasSuffix(".") ? String(host.dropLast()) : host
        if domain.hasPrefix("www.") { domain.removeFirst(4) }
        return domain.isEmpty ? nil : domain
    }

    /// An absolute `http(s)` URL for `reference`, resolving a relative one against `base`; nil for other
    /// schemes (`javascript:`, `mailto:`, `data:`), bare fragments and anything unparseable.
    static func absoluteWebURL(_ reference: String, base: String?) -> String? {
        let ref = trimmed(reference)
        guard !ref.isEmpty, !ref.hasPrefix("#") else { return nil }
        if let scheme = URLComponents(string: ref)?.scheme?.lowercased() {
            return scheme == "http" || scheme == "https" ? ref : nil
        }
        let baseURL = base.flatMap { URL(string: trimmed($0)) }
        if ref.hasPrefix("//") {
            let scheme = baseURL?.scheme?.lowercased() == "http" ? "http:" : "https:"
            return URL(string: scheme + ref)?.absoluteString
        }
        guard let baseURL, let scheme = baseURL.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let resolved = URL(string: ref, relativeTo: baseURL)
        else { return nil }
        return resolved.absoluteString
    }

    /// `text` without leading and trailing whitespace and newlines. Foundation's
    /// `trimmingCharacters` was the largest single cost of converting feed HTML (called per link).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace
        else { return text }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
