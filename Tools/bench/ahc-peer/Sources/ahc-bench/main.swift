// async-http-client measured the same way as CurlTransport's http-bench: `many URL REQUESTS
// CONCURRENCY` sends GETs with a fixed number in flight; `download URL` streams one body. Prints one
// JSON object with the time and peak RSS (VmHWM).
import AsyncHTTPClient
import Foundation
import NIOCore

func peakRSS() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    return (line.flatMap { Int($0.split(separator: " ")[1]) } ?? 0) * 1024
}

func report(_ fields: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

func elapsed(since start: ContinuousClock.Instant) -> Double {
    let duration = ContinuousClock.now - start
    return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, ["many", "download"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: ahc-bench many URL [REQUESTS] [CONCURRENCY] | ahc-bench download URL\n".utf8))
    exit(2)
}
let url = arguments[2]
var configuration = HTTPClient.Configuration()
configuration.decompression = .enabled(limit: .none)
configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)

if arguments[1] == "many" {
    let requests = arguments.count > 3 ? Int(arguments[3]) ?? 20_000 : 20_000
    let concurrency = arguments.count > 4 ? Int(arguments[4]) ?? 16 : 16
    let start = ContinuousClock.now
    let (bytes, failures) = await withTaskGroup(of: (Int, Int).self) { group in
        for worker in 0..<concurrency {
            let count = requests / concurrency + (worker < requests % concurrency ? 1 : 0)
            group.addTask {
                var bytes = 0
                var failures = 0
                for _ in 0..<count {
                    do {
                        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
                        let body = try await response.body.collect(upTo: 64 << 20)
                        if response.status == .ok { bytes += body.readableBytes } else { failures += 1 }
                    } catch {
                        failures += 1
                    }
                }
                return (bytes, failures)
            }
        }
        var totals = (0, 0)
        for await partial in group {
            totals.0 += partial.0
            totals.1 += partial.1
        }
        return totals
    }
    let seconds = elapsed(since: start)
    _ = try? await client.shutdown()
    try report([
        "client": "async-http-client", "requests": requests, "concurrency": concurrency, "failures": failures,
        "bytes": bytes, "seconds": seconds, "requestsPerSecond": Double(requests) / seconds, "peakRSSBytes": peakRSS(),
    ])
    exit(failures == 0 ? 0 : 1)
} else {
    let start = ContinuousClock.now
    var total = 0
    do {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .hours(1))
        for try await buffer in response.body { total += buffer.readableBytes }
    } catch {
        FileHandle.standardError.write(Data("ahc-bench: \(error)\n".utf8))
        _ = try? await client.shutdown()
        exit(1)
    }
    let seconds = elapsed(since: start)
    _ = try? await client.shutdown()
    try report([
        "client": "async-http-client", "bytes": total, "seconds": seconds,
        "megabytesPerSecond": Double(total) / 1_000_000 / seconds, "peakRSSBytes": peakRSS(),
    ])
}
