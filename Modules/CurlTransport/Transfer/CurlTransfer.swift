import CCurl
import Foundation
import HTTPTransport

/// One request on the loop thread: its easy handle's options, the callbacks libcurl calls while
/// it runs, and the conversion of its result into a response or an `HTTPError`.
final class CurlTransfer {
    let job: TransferJob
    let handle: UnsafeMutableRawPointer
    let configuration: CurlTransport.Configuration
    let sinkID: ObjectIdentifier
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headers = ResponseHeaderParser()
    private var body = Data()
    private var receivedBytes: Int64 = 0
    /// Set when a callback aborts the transfer, so the error says why rather than "write error".
    private var abortReason: HTTPError?
    /// Set when the address policy refused a connection, so a failure to connect says which address and why.
    var refusedAddress: HTTPError?
    private var headDelivered = false
    private var paused = false

    init(job: TransferJob, handle: UnsafeMutableRawPointer, configuration: CurlTransport.Configuration) {
        self.job = job
        self.handle = handle
        self.configuration = configuration
        switch job.sink {
        case .buffered(let sink): sinkID = ObjectIdentifier(sink)
        case .streaming(let channel): sinkID = ObjectIdentifier(channel)
        }
        errorBuffer = .allocate(capacity: Int(pb_error_size))
        errorBuffer.initialize(repeating: 0, count: Int(pb_error_size))
    }

    deinit {
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Fails a job that never reached libcurl.
    static func fail(_ job: TransferJob, with error: HTTPError) {
        switch job.sink {
        case .buffered(let sink): sink.complete(.failure(error))
        case .streaming(let channel): channel.finish(.failure(error))
        }
    }

    // MARK: Options

    /// Sets every option on the easy handle; returns an error if the request cannot be sent.
    func configure() -> HTTPError? {
        let request = job.prepared
        var failed: CURLcode = CURLE_OK
        func set(_ option: CURLoption, _ value: Int) { if failed == CURLE_OK { failed = pb_easy_setopt_long(handle, option, value) } }
        func set(_ option: CURLoption, _ value: String) { if failed == CURLE_OK { failed = pb_easy_setopt_string(handle, option, value) } }
        func set(_ option: CURLoption, offset value: Int64) { if failed == CURLE_OK { failed = pb_easy_setopt_off(handle, option, curl_off_t(value)) } }

        set(CURLOPT_URL, request.url)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        set(CURLOPT_FOLLOWLOCATION, 1)
        set(CURLOPT_MAXREDIRS, configuration.maxRedirects)
        set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // Over TLS, wait for a connection being set up to learn whether it multiplexes (HTTP/2)
        // rather than opening one per request.
        if request.isHTTPS { set(CURLOPT_PIPEWAIT, 1) }
        set(CURLOPT_TCP_KEEPALIVE, 1)
        // A proxy's CONNECT answer is not the server's response; keep it out of the head.
        set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        // Streamed downloads read in larger slices so each hand-off carries more bytes. Buffered
        // requests keep libcurl's default, which a reset handle already has allocated.
        if case .streaming = job.sink { set(CURLOPT_BUFFERSIZE, 256 * 1024) }

        // Verification is never optional; an extra CA file adds trust, it does not remove checks.
        set(CURLOPT_SSL_VERIFYPEER, 1)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = configuration.extraCAFile { set(CURLOPT_CAINFO, caFile) }

        set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        set(CURLOPT_TIMEOUT_MS, job.timeout.map(Self.milliseconds) ?? 0)
        set(CURLOPT_LOW_SPEED_LIMIT, 1)
        set(CURLOPT_LOW_SPEED_TIME, max(1, Int(configuration.stallTimeout.components.seconds)))
        set(CURLOPT_MAXFILESIZE_LARGE, offset: job.maxResponseBytes)

        set(CURLOPT_USERAGENT, request.userAgent)
        set(CURLOPT_ACCEPT_ENCODING, request.acceptEncoding)
        for line in request.headerLines { headerList = curl_slist_append(headerList, line) }
        if failed == CURLE_OK { failed = pb_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList) }

        switch request.method {
        case .get: break
        case .head: set(CURLOPT_NOBODY, 1)
        case .post: break
        default: set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
        if let payload = request.body {
            set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(payload.count))
            if failed == CURLE_OK {
                failed = payload.withUnsafeBytes { bytes in
                    // COPYPOSTFIELDS copies, so the body need not outlive this call.
                    pb_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(errorBuffer)))
                }
            }
        }

        let context = Unmanaged.passUnretained(self).toOpaque()
        if failed == CURLE_OK { failed = pb_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer) }
        if failed == CURLE_OK {
            failed = pb_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
            }
        }
        if failed == CURLE_OK { failed = pb_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context) }
        if failed == CURLE_OK {
            failed = pb_easy_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                if transfer.headers.consume(UnsafeRawBufferPointer(start: data, count: size * count)) {
                    transfer.deliverHeadIfStreaming()
                }
                return size * count
            }
        }
        if failed == CURLE_OK { failed = pb_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context) }
        if failed == CURLE_OK { failed = installAddressGuard() }
        guard failed == CURLE_OK else {
            return .invalidRequest(detail: "libcurl refused an option: \(String(cString: curl_easy_strerror(failed)))")
        }
        return nil
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    // MARK: Callbacks (inside curl_multi_perform, on the loop thread)

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        if receivedBytes + Int64(bytes.count) > job.maxResponseBytes {
            abortReason = .bodyTooLarge(limit: job.maxResponseBytes)
            return 0
        }
        switch job.sink {
        case .buffered:
            body.append(bytes.bindMemory(to: UInt8.self))
        case .streaming(let channel):
            deliverHeadIfStreaming()
            switch channel.offer(bytes) {
            case .accepted: break
            case .full:
                paused = true
                return pb_writefunc_pause
            case .cancelled:
                abortReason = .cancelled
                return 0
            }
        }
        receivedBytes += Int64(bytes.count)
        return bytes.count
    }

    /// Gives a streaming caller the head as soon as the final response's headers are in, so
    /// `stream` returns before the first body byte (which may be long in coming).
    private func deliverHeadIfStreaming() {
        guard !headDelivered, case .streaming(let channel) = job.sink else { return }
        headDelivered = true
        channel.deliverHead(currentHead())
    }

    /// Continues a transfer paused for back-pressure; libcurl may call `receiveBody` from inside.
    func resumeIfPaused() {
        guard paused else { return }
        paused = false
        _ = curl_easy_pause(handle, pb_pause_continue)
    }

    // MARK: Completion

    private func currentHead() -> HTTPResponseHead {
        var status = 0
        _ = pb_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var versionCode = 0
        _ = pb_easy_getinfo_long(handle, CURLINFO_HTTP_VERSION, &versionCode)
        var redirects = 0
        _ = pb_easy_getinfo_long(handle, CURLINFO_REDIRECT_COUNT, &redirects)
        var url = job.request.url
        if redirects > 0 {
            var urlPointer: UnsafeMutablePointer<CChar>?
            _ = pb_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &urlPointer)
            url = urlPointer.flatMap { URL(string: String(cString: $0)) } ?? url
        }
        let version: HTTPVersion
        switch versionCode {
        case Int(CURL_HTTP_VERSION_1_0): version = .http1_0
        case Int(CURL_HTTP_VERSION_2_0): version = .http2
        case Int(CURL_HTTP_VERSION_3): version = .http3
        default: version = .http1_1
        }
        return HTTPResponseHead(status: status != 0 ? status : headers.status, headers: headers.fields, url: url, version: version)
    }

    /// Converts libcurl's result code into the transfer's outcome.
    func outcome(for code: CURLcode) -> Result<Void, HTTPError> {
        if code == CURLE_OK { return .success(()) }
        if let abortReason { return .failure(abortReason) }
        if let refusedAddress, code == CURLE_COULDNT_CONNECT { return .failure(refusedAddress) }
        return .failure(CurlErrorMapping.error(for: code, transfer: self))
    }

    /// Sends the outcome to whoever waits for it.
    func deliver(_ outcome: Result<Void, HTTPError>) {
        switch (job.sink, outcome) {
        case (.buffered(let sink), .success):
            sink.complete(.success(HTTPResponse(head: currentHead(), body: body)))
        case (.buffered(let sink), .failure(let error)):
            sink.complete(.failure(error))
        case (.streaming(let channel), .success):
            deliverHeadIfStreaming()
            channel.finish(.success(()))
        case (.streaming(let channel), .failure(let error)):
            channel.finish(.failure(error))
        }
    }

    /// libcurl's message for the last failure, or `nil` if it wrote none.
    var errorMessage: String? {
        let message = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        return message.isEmpty ? nil : message
    }

    /// Reads a 64-bit transfer statistic.
    func info(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        _ = pb_easy_getinfo_off(handle, info, &value)
        return Int64(value)
    }
}
