import CCurl
import Foundation
import HTTPTransport

/// Turns libcurl result codes into `HTTPError` cases a user can act on.
enum CurlErrorMapping {
    static func error(for code: CURLcode, transfer: CurlTransfer) -> HTTPError {
        let url = transfer.job.request.url
        let host = url.host ?? url.absoluteString
        let message = transfer.errorMessage ?? String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_URL_MALFORMAT:
            return .invalidURL(url.absoluteString)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .network(detail: "\(message) (only http and https are followed)")
        case CURLE_COULDNT_RESOLVE_HOST:
            return .dnsFailure(host: host)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY:
            return .proxyFailure(detail: message)
        case CURLE_COULDNT_CONNECT:
            return .connectionRefused(host: host, port: url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80))
        case CURLE_OPERATION_TIMEDOUT:
            return timeout(message: message, transfer: transfer)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return .tlsFailure(host: host, detail: message)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(limit: transfer.configuration.maxRedirects)
        case CURLE_FILESIZE_EXCEEDED:
            return .bodyTooLarge(limit: transfer.job.maxResponseBytes)
        case CURLE_PARTIAL_FILE:
            let expected = transfer.info(CURLINFO_CONTENT_LENGTH_DOWNLOAD_T)
            return .truncatedBody(
                received: transfer.info(CURLINFO_SIZE_DOWNLOAD_T), expected: expected >= 0 ? expected : nil)
        case CURLE_BAD_CONTENT_ENCODING:
            return .badContentEncoding(detail: message)
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        default:
            return .network(detail: message)
        }
    }

    /// libcurl reports every timeout as one code; its message and the connect time say which.
    private static func timeout(message: String, transfer: CurlTransfer) -> HTTPError {
        if message.hasPrefix("Operation too slow") {
            return .timedOut(.stalled, after: transfer.configuration.stallTimeout)
        }
        let connected = transfer.info(CURLINFO_CONNECT_TIME_T) > 0
        if !connected, message.localizedCaseInsensitiveContains("connect") || transfer.job.timeout == nil {
            return .timedOut(.connect, after: transfer.configuration.connectTimeout)
        }
        return .timedOut(.total, after: transfer.job.timeout ?? transfer.configuration.connectTimeout)
    }
}
