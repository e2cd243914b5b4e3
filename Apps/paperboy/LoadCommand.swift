import ArgumentParser
import Foundation
import NewsModels
import NewsStore

struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Add articles to the store from NDJSON files.",
        discussion: """
            Each line of FILE is either an article (protocol JSON, as `paperboy read --json` prints) or a \
            content-log change ({"seq":N,"op":"put","article":{…}} or {"seq":N,"op":"del","id":…}), as \
            served by a Paperboy server's segments and written by `paperboy-corpus`. Loading the same file \
            again changes nothing; a newer revision of a stored article replaces it. A malformed line \
            stops the load with its line number; batches before it stay stored.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "NDJSON files to load.", completion: .file()) var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one NDJSON file to load") }
    }

    func run() throws {
        try reportingFailures {
            let newsStore = try store.open()
            for file in files {
                let total = try load(file, into: newsStore)
                Terminal.printError("\(file): \(total.inserted) new, \(total.updated) updated, \(total.deleted) removed, \(total.ignored) unchanged")
            }
        }
    }

    private struct Line: Decodable {
        let change: Change?
        let article: Article?

        init(from decoder: any Decoder) throws {
            // A content-log change carries "op"; anything else must be a bare article.
            let keys = try decoder.container(keyedBy: AnyKey.self)
            if keys.contains(AnyKey("op")) {
                change = try Change(from: decoder)
                article = nil
            } else {
                article = try Article(from: decoder)
                change = nil
            }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private func load(_ file: String, into newsStore: NewsStore) throws -> ApplySummary {
        var reader: NDJSONReader
        do { reader = try NDJSONReader(path: file) } catch { throw Failure.user("\(file): cannot be opened") }
        var total = ApplySummary()
        let remote = "file:" + URL(fileURLWithPath: file).standardizedFileURL.path
        while true {
            let lines: [Line]
            do { lines = try reader.next(Line.self, count: 1000) } catch { throw Failure.user("\(file): \(error)") }
            if lines.isEmpty { break }
            let changes = lines.compactMap(\.change).sorted { $0.seq < $1.seq }
            let articles = lines.compactMap(\.article)
            let summary = changes.isEmpty ? ApplySummary() : try newsStore.apply(changes, remote: remote, cursor: changes.last?.seq ?? 0)
            let upserted = articles.isEmpty ? ApplySummary() : try newsStore.upsert(articles)
            for s in [summary, upserted] {
                total.inserted += s.inserted; total.updated += s.updated; total.deleted += s.deleted; total.ignored += s.ignored
            }
        }
        return total
    }
}
