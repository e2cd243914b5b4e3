import CCurl

/// Process-wide libcurl facts: one-time global initialisation and what this libcurl can decode.
enum CurlRuntime {
    /// `curl_global_init` is not thread-safe, so it runs once, lazily, behind Swift's `static let`
    /// initialisation (which is thread-safe) before any handle is made.
    static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// `Accept-Encoding`, most compact first, limited to the decoders this libcurl was built with.
    static let acceptEncoding: String = {
        let features = pb_version_info().pointee.features
        var encodings: [String] = []
        if features & CURL_VERSION_ZSTD != 0 { encodings.append("zstd") }
        if features & CURL_VERSION_BROTLI != 0 { encodings.append("br") }
        if features & CURL_VERSION_LIBZ != 0 { encodings.append("gzip") }
        return encodings.joined(separator: ", ")
    }()

    /// libcurl's own version, for diagnostics.
    static let version: String = String(cString: pb_version_info().pointee.version)

    /// Whether this libcurl can speak HTTP/2.
    static let supportsHTTP2: Bool = pb_version_info().pointee.features & CURL_VERSION_HTTP2 != 0
}
