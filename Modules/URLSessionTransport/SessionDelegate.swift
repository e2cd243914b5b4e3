import Foundation
import HTTPTransport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Routes URLSession's callbacks to each task's `Transfer`, counting redirects.
final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // @unchecked: `transfers` and `redirects` are only touched under `lock`.
    private let lock = NSLock()
    private var transfers: [Int: Transfer] = [:]
    private var redirects: [Int: Int] = [:]
    private let maxRedirects: Int
    private let refusePrivate: Bool

    init(maxRedirects: Int, refusePrivate: Bool) {
        self.maxRedirects = maxRedirects
        self.refusePrivate = refusePrivate
    }

    func register(_ transfer: Transfer, for task: URLSessionTask) {
        lock.withLock { transfers[task.taskIdentifier] = transfer }
    }

    private func transfer(_ task: URLSessionTask) -> Transfer? {
        lock.withLock { transfers[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        guard let transfer = transfer(dataTask), let http = response as? HTTPURLResponse else {
            completionHandler(.cancel)
            return
        }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            headers.add(name: "\(name)", value: "\(value)")
        }
        let head = HTTPResponseHead(
            status: http.statusCode, headers: headers, url: http.url ?? dataTask.originalRequest?.url ?? URL(fileURLWithPath: "/"),
            version: .http1_1)
        let length = http.expectedContentLength >= 0 ? http.expectedContentLength : nil
        completionHandler(transfer.receivedHead(head, expectedLength: length) ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        transfer(dataTask)?.received(data)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        let count = lock.withLock {
            redirects[task.taskIdentifier, default: 0] += 1
            return redirects[task.taskIdentifier] ?? 0
        }
        var refusal: HTTPError?
        if count > maxRedirects {
            refusal = .tooManyRedirects(limit: maxRedirects)
        } else if let url = request.url {
            if HTTPRequest.webURL(url.absoluteString) == nil {
                refusal = .invalidURL(url.absoluteString)
            } else if refusePrivate {
                refusal = LiteralAddress.refusal(for: url)
            }
        }
        guard let refusal else { return completionHandler(request) }
        transfer(task)?.fail(refusal)
        completionHandler(nil)
        task.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let transfer = lock.withLock {
            redirects[task.taskIdentifier] = nil
            return transfers.removeValue(forKey: task.taskIdentifier)
        }
        let host = task.originalRequest?.url?.host ?? ""
        let port = task.originalRequest?.url?.port ?? 0
        transfer?.completed(error: error.map { URLErrorMapping.httpError($0, host: host, port: port, stall: transfer?.stallTimeout ?? .zero) })
    }
}
