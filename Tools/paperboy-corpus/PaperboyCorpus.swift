import ArgumentParser
import CorpusKit
import Foundation
import NewsModels

/// `paperboy-corpus`: writes a slice of the deterministic synthetic corpus as NDJSON.
@main
struct PaperboyCorpus: AsyncParsableCommand {
    /// Command name, help text and examples.
    static let configuration = CommandConfiguration(
        commandName: "paperboy-corpus",
        abstract: "Write a deterministic synthetic news corpus as NDJSON.",
        discussion: """
            Every article is a pure function of the seed and its index, so the same arguments always \
            produce the same bytes, and separate slices (--start) can be generated independently and \
            concatenated. Articles are invented English news (trade, elections, climate, markets, sport \
            and more) from about 27 fictional outlets, grouped into stories of one to six articles.

            With --format changes (the default) each line is a content-log entry, \
            {"seq":N,"op":"put","article":{...}}, with seq = index + 1. With --format articles each \
            line is a bare article object.

            Examples:
              paperboy-corpus --count 1000 > corpus.ndjson
              paperboy-corpus --count 100000 --seed 7 --output /tmp/corpus.ndjson
              paperboy-corpus --count 500 --start 500 --format articles > part2.ndjson
            """)

    /// What each output line holds.
    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        /// A content-log `put` change per line.
        case changes
        /// A bare article per line.
        case articles
    }

    /// Number of articles to write.
    @Option(parsing: .unconditional, help: "How many articles to write (0 or more).")
    var count: Int

    /// Corpus seed.
    @Option(parsing: .unconditional, help: "Corpus seed; different seeds give unrelated corpora.")
    var seed: UInt64 = 1

    /// First index to write.
    @Option(parsing: .unconditional, help: "Index of the first article (0 or more); seqs start at start + 1.")
    var start: Int = 0

    /// Output line format.
    @Option(help: "Line format: 'changes' (content-log puts) or 'articles' (bare articles).")
    var format: Format = .changes

    /// Destination file; stdout when absent.
    @Option(help: "File to write (created or truncated); standard output when omitted.")
    var output: String?

    /// Worker count.
    @Option(parsing: .unconditional, help: "How many chunks to generate in parallel (one per core by default).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Rejects impossible arguments with one line on stderr and the usage exit status (64), without
    /// the usage dump ArgumentParser adds to a `ValidationError`, which would bury the one fact that matters.
    mutating func validate() throws {
        func reject(_ message: String) -> ExitCode {
            FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
            return ExitCode(64)
        }
        if count < 0 { throw reject("--count must be 0 or more, got \(count)") }
        if start < 0 { throw reject("--start must be 0 or more, got \(start)") }
        if start.addingReportingOverflow(count).overflow { throw reject("--start plus --count is too large") }
        if jobs < 1 { throw reject("--jobs must be 1 or more, got \(jobs)") }
        if let output, output.isEmpty { throw reject("--output must not be empty") }
    }

    /// Generates chunks in parallel and writes them in index order as they complete.
    mutating func run() async throws {
        let sink = try OutputSink(path: output)
        let corpus = SyntheticCorpus(seed: seed)
        let (start, count, format) = (self.start, self.count, self.format)
        // 256 articles ≈ 1 MB of JSON: large enough to amortise a write, small enough that `jobs` chunks
        // in flight (plus any finished out of order) bound memory to a few megabytes per core.
        let chunkSize = 256
        let chunks = (count + chunkSize - 1) / chunkSize
        let window = jobs
        try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            var started = 0, written = 0
            var finished: [Int: Data] = [:]
            func launch(_ chunk: Int) {
                let lower = start + chunk * chunkSize
                let range = lower..<min(lower + chunkSize, start + count)
                group.addTask { (chunk, try Self.encode(corpus, range, format)) }
            }
            while started < min(chunks, window) { launch(started); started += 1 }
            while let (chunk, data) = try await group.next() {
                finished[chunk] = data
                while let ready = finished.removeValue(forKey: written) {
                    try sink.write(ready)
                    written += 1
                }
                if started < chunks { launch(started); started += 1 }
            }
        }
        try sink.close()
    }

    /// One chunk as NDJSON bytes.
    static func encode(_ corpus: SyntheticCorpus, _ range: Range<Int>, _ format: Format) throws -> Data {
        var data = Data()
        data.reserveCapacity(range.count * 4_800)
        for index in range {
            let article = corpus.article(at: index)
            switch format {
            case .articles: data.append(try NewsJSON.encode(article))
            case .changes: data.append(try NewsJSON.encode(Change.put(seq: Int64(index) + 1, article: article)))
            }
            data.append(0x0A)
        }
        return data
    }
}
