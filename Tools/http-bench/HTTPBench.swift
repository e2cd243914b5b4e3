import ArgumentParser
import CurlTransport
import Foundation
import HTTPTransport

/// Drives `CurlTransport` for benchmarks and end-to-end tests: one request, many small requests at a
/// fixed concurrency, or one large streamed download, reporting time and peak memory as JSON.
@main
struct HTTPBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http-bench",
        abstract: "Measure CurlTransport: single GETs, many small GETs, or one large streamed download.",
        discussion: """
            Results are one JSON object on standard output, with peak resident memory read from \
            /proc/self/status (VmHWM). Proxies come from http_proxy / https_proxy / all_proxy as usual.
            Examples:
              http-bench get http://127.0.0.1:8080/2k
              http-bench many http://127.0.0.1:8080/2k --requests 20000 --concurrency 16
              http-bench download http://127.0.0.1:8080/500m
            """,
        subcommands: [Get.self, Many.self, Download.self])
}

struct TransportOptions: ParsableArguments {
    @Option(help: "A PEM file of extra trusted CA certificates.")
    var caFile: String?

    @Option(help: "Open connections per host.")
    var connections: Int = 16

    func transport() throws -> CurlTransport {
        var configuration = CurlTransport.Configuration()
        configuration.extraCAFile = caFile
        configuration.maxConnectionsPerHost = connections
        configuration.maxResponseBytes = 4 << 30
        // The URL is the one the user typed, usually a server on loopback.
        configuration.addressPolicy = .anyAddress
        return try CurlTransport(configuration: configuration)
    }
}

struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fetch one URL and print its status and body.")

    @Argument(help: "The http:// or https:// URL to fetch.")
    var url: String

    @OptionGroup var transportOptions: TransportOptions

    func run() async throws {
        let transport = try transportOptions.transport()
        do {
            let response = try await transport.send(try HTTPRequest(get: url))
            FileHandle.standardOutput.write(Data("\(response.status)\n".utf8) + response.body)
        } catch {
            FileHandle.standardError.write(Data("http-bench: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct Many: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send many GETs with a fixed number in flight.")

    @Argument(help: "The URL to fetch repeatedly.")
    var url: String

    @Option(help: "Total number of requests.")
    var requests: Int = 20_000

    @Option(help: "Requests in flight at once.")
    var concurrency: Int = 16

    @OptionGroup var transportOptions: TransportOptions

    func run() async throws {
        let transport = try transportOptions.transport()
        let request = try HTTPRequest(get: url)
        let clock = ContinuousClock()
        let started = clock.now
        let (bytes, failures) = await withTaskGroup(of: (Int, Int).self) { group in
            let perWorker = requests / concurrency
            for worker in 0..<concurrency {
                let count = perWorker + (worker < requests % concurrency ? 1 : 0)
                group.addTask {
                    var bytes = 0
                    var failures = 0
                    for _ in 0..<count {
                        do {
                            let response = try await transport.send(request)
                            if response.status == 200 { bytes += response.body.count } else { failures += 1 }
                        } catch {
                            failures += 1
                        }
                    }
                    return (bytes, failures)
                }
            }
            return await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        let seconds = (clock.now - started).seconds
        try BenchReport.print([
            "client": "CurlTransport", "requests": requests, "concurrency": concurrency, "failures": failures,
            "bytes": bytes, "seconds": seconds, "requestsPerSecond": Double(requests) / seconds,
            "peakRSSBytes": BenchReport.peakRSS(),
        ])
        if failures > 0 { throw ExitCode(1) }
    }
}

struct Download: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stream one large body, counting bytes.")

    @Argument(help: "The URL to download.")
    var url: String

    @Option(name: .customLong("pause-ms-per-mib"), help: "Sleep this many milliseconds after each MiB read, to act as a slow consumer.")
    var pauseMsPerMiB: Int = 0

    @Flag(help: "Check that byte i equals i mod 251 (the test server's pattern).")
    var verifyPattern = false

    @OptionGroup var transportOptions: TransportOptions

    func run() async throws {
        let transport = try transportOptions.transport()
        let clock = ContinuousClock()
        let started = clock.now
        var total: Int64 = 0
        var nextPause: Int64 = 1 << 20
        let pattern = verifyPattern ? TestPattern() : nil
        do {
            let response = try await transport.stream(try HTTPRequest(get: url))
            guard response.status == 200 else { throw HTTPError.status(HTTPStatusFailure(head: response.head, body: Data())) }
            for try await chunk in response.body {
                if let pattern, let wrong = pattern.firstMismatch(in: chunk, at: total) {
                    throw ValidationError("byte \(wrong.offset) is \(wrong.byte), expected \(TestPattern.expected(at: wrong.offset))")
                }
                total += Int64(chunk.count)
                if pauseMsPerMiB > 0 && total >= nextPause {
                    nextPause += 1 << 20
                    try await Task.sleep(for: .milliseconds(pauseMsPerMiB))
                }
            }
        } catch let error as HTTPError {
            FileHandle.standardError.write(Data("http-bench: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let seconds = (clock.now - started).seconds
        try BenchReport.print([
            "client": "CurlTransport", "bytes": total, "seconds": seconds,
            "megabytesPerSecond": Double(total) / 1_000_000 / seconds, "peakRSSBytes": BenchReport.peakRSS(),
        ])
    }
}

enum BenchReport {
    static func print(_ fields: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        Swift.print(String(decoding: data, as: UTF8.self))
    }

    /// Peak resident set size in bytes, from the kernel's high-water mark.
    static func peakRSS() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return (Int(line.split(separator: " ")[1]) ?? 0) * 1024
        }
        return 0
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
