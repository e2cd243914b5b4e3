import Foundation
import HTTPTransport
import NewsModels

/// A transport that answers each request from a script, by path, and records them. Past
/// `maxRequests` it answers `.cancelled`, so a sync that would loop on the script ends at once
/// (as `SyncError.cancelled`) and the test fails fast instead of hanging.
final class ScriptedServer: HTTPTransport, @unchecked Sendable {
    // @unchecked: `sent` is only touched under `lock`.
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []
    private let maxRequests: Int
    private let answer: @Sendable (HTTPRequest) -> CannedTransport.CannedResponse

    init(maxRequests: Int = 500, answer: @escaping @Sendable (HTTPRequest) -> CannedTransport.CannedResponse) {
        self.maxRequests = maxRequests
        self.answer = answer
    }

    /// Every request sent so far, in order.
    var requests: [HTTPRequest] { lock.withLock { sent } }

    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let count = lock.withLock {
            sent.append(request)
            return sent.count
        }
        guard count <= maxRequests else { throw .cancelled }
        switch answer(request) {
        case let .reply(status, headers, body):
            return HTTPResponse(head: HTTPResponseHead(status: status, headers: headers, url: request.url, version: .http1_1), body: body)
        case let .failure(error):
            throw error
        }
    }

    func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse {
        let response = try await send(request)
        return try await CannedTransport([.reply(status: response.head.status, headers: response.head.headers, body: response.body)])
            .stream(request)
    }

    /// A manifest body.
    static func manifest(head: Int64, segmentSize: Int64 = 10) -> Data {
        Data("""
            {"protocol":1,"feedId":"paperboy","title":"Paperboy","segmentSize":\(segmentSize),"head":\(head),"oldest":0,\
            "snapshot":null,"serverTime":"2025-11-21T06:00:00.000Z"}
            """.utf8)
    }

    /// A segment of tombstones for seqs `seqs`, each line valid protocol NDJSON.
    static func segment(_ seqs: ClosedRange<Int64>) -> Data {
        Data(seqs.map { #"{"seq":\#($0),"op":"del","id":"gone-\#($0)","reason":"retracted"}"# }.joined(separator: "\n").utf8)
    }

    /// A state page of `count` records, each for its own article, ending at `stateSeq`.
    static func statePage(count: Int, stateSeq: Int64, first: Int = 0) throws -> Data {
        let hlc = HLC(wallMillis: 1_763_700_000_000, node: "other-device")
        let changes = (first..<(first + count)).map { ArticleState(articleId: "a-\($0)", read: StateValue(value: true, hlc: hlc)) }
        return try NewsJSON.encode(StatePage(changes: changes, stateSeq: stateSeq))
    }
}
