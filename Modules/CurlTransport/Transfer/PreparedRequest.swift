import Foundation
import HTTPTransport

/// A request checked and turned into the strings libcurl takes, on the caller's thread, so the
/// single I/O thread does as little per request as possible.
struct PreparedRequest: Sendable {
    let url: String
    let isHTTPS: Bool
    let method: HTTPMethod
    let body: Data?
    let userAgent: String
    let acceptEncoding: String
    /// `Name: value` lines for `CURLOPT_HTTPHEADER`.
    let headerLines: [String]

    init(_ request: HTTPRequest, configuration: CurlTransport.Configuration) throws(HTTPError) {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = request.url.host, !host.isEmpty
        else { throw .invalidURL(request.url.absoluteString) }
        if let refusal = configuration.addressPolicy.refusal(for: request.url) { throw refusal }
        url = request.url.absoluteString
        isHTTPS = scheme == "https"
        method = request.method
        body = request.body ?? (request.method == .post ? Data() : nil)
        userAgent = request.headers["User-Agent"] ?? configuration.userAgent
        // A caller's own Accept-Encoding goes through libcurl's option so the body is still decoded.
        acceptEncoding = request.headers["Accept-Encoding"] ?? CurlRuntime.acceptEncoding
        // Waiting for "100 Continue" costs a round trip (or a second) for no benefit here.
        var lines = ["Expect:"]
        for field in request.headers {
            let name = field.name.lowercased()
            guard name != "user-agent" && name != "accept-encoding" else { continue }
            guard !field.name.isEmpty, !field.name.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == ":" }),
                !field.value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" })
            else { throw .invalidRequest(detail: "header '\(field.name)' has a line break, NUL or colon where none may be") }
            // "Name;" is libcurl's way to send a header with an empty value.
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        headerLines = lines
    }
}
