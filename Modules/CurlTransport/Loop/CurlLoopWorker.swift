import CCurl
import Foundation
import HTTPTransport

/// The state of the I/O thread: the multi handle and every transfer on it.
///
/// Created on the loop thread and never shared, so it needs no locks: libcurl handles are not
/// thread-safe and stay on the thread that drives them.
final class CurlLoopWorker {
    private let loop: CurlEventLoop
    private let configuration: CurlTransport.Configuration
    private let multi: UnsafeMutableRawPointer
    private var transfers: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var bySink: [ObjectIdentifier: UnsafeMutableRawPointer] = [:]
    /// Reset easy handles kept for reuse; creating one allocates several buffers.
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private static let idleHandleLimit = 64

    init(loop: CurlEventLoop, configuration: CurlTransport.Configuration) {
        self.loop = loop
        self.configuration = configuration
        // curl_multi_init fails only when out of memory, where nothing else could proceed either.
        guard let multi = curl_multi_init() else { preconditionFailure("curl_multi_init: out of memory") }
        self.multi = multi
        _ = pb_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        _ = pb_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(16, configuration.maxConnectionsPerHost * 4))
        _ = pb_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    }

    /// Runs until shutdown is requested and every transfer has finished.
    func run() {
        var shutdownSeen = false
        var stillRunning: Int32 = 0
        while true {
            let (commands, shutdownRequested) = loop.takeCommands()
            shutdownSeen = shutdownRequested
            for command in commands { apply(command) }
            if shutdownSeen && transfers.isEmpty && loop.terminateIfIdle() { break }

            _ = curl_multi_perform(multi, &stillRunning)
            collectFinishedTransfers()

            if loop.prepareToSleep(shutdownSeen: shutdownSeen) {
                var wake = curl_waitfd(fd: loop.wakeReadFD, events: Int16(CURL_WAIT_POLLIN), revents: 0)
                _ = curl_multi_poll(multi, &wake, 1, 1000, nil)
                loop.didWake()
            }
        }
        for handle in idleHandles { curl_easy_cleanup(handle) }
        curl_multi_cleanup(multi)
    }

    private func apply(_ command: LoopCommand) {
        switch command {
        case .start(let job):
            start(job)
        case .cancelBuffered(let sink):
            abort(sinkID: ObjectIdentifier(sink))
        case .cancel(let channel):
            abort(sinkID: ObjectIdentifier(channel))
        case .resume(let channel):
            if let handle = bySink[ObjectIdentifier(channel)], let transfer = transfers[handle] {
                transfer.resumeIfPaused()
            }
        }
    }

    private func start(_ job: TransferJob) {
        let sinkID: ObjectIdentifier
        switch job.sink {
        case .buffered(let sink):
            if sink.isCancelled { return sink.complete(.failure(.cancelled)) }
            sinkID = ObjectIdentifier(sink)
        case .streaming(let channel):
            if channel.isCancelled { return channel.finish(.failure(.cancelled)) }
            sinkID = ObjectIdentifier(channel)
        }
        guard let handle = idleHandles.popLast() ?? curl_easy_init() else {
            return CurlTransfer.fail(job, with: .network(detail: "libcurl could not create a transfer (out of memory)"))
        }
        let transfer = CurlTransfer(job: job, handle: handle, configuration: configuration)
        if let error = transfer.configure() {
            recycle(handle)
            return CurlTransfer.fail(job, with: error)
        }
        let added = curl_multi_add_handle(multi, handle)
        guard added == CURLM_OK else {
            recycle(handle)
            return CurlTransfer.fail(job, with: .network(detail: String(cString: curl_multi_strerror(added))))
        }
        transfers[handle] = transfer
        bySink[sinkID] = handle
    }

    private func abort(sinkID: ObjectIdentifier) {
        guard let handle = bySink[sinkID], let transfer = transfers[handle] else { return }
        finish(handle, transfer: transfer, outcome: .failure(.cancelled))
    }

    private func collectFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                let transfer = transfers[handle]
            else { continue }
            finish(handle, transfer: transfer, outcome: transfer.outcome(for: message.pointee.data.result))
        }
    }

    private func finish(_ handle: UnsafeMutableRawPointer, transfer: CurlTransfer, outcome: Result<Void, HTTPError>) {
        _ = curl_multi_remove_handle(multi, handle)
        transfers[handle] = nil
        bySink[transfer.sinkID] = nil
        transfer.deliver(outcome)
        recycle(handle)
    }

    private func recycle(_ handle: UnsafeMutableRawPointer) {
        if idleHandles.count < Self.idleHandleLimit {
            curl_easy_reset(handle)
            idleHandles.append(handle)
        } else {
            curl_easy_cleanup(handle)
        }
    }
}
