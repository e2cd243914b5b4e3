import ArgumentParser
import FeedFormats
import FeedServer
import Foundation
import NewsModels

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add articles from NDJSON or JSON Feed files to the content log.",
        discussion: """
            The format is read from the content, not the file name:
              - JSON Feed 1.0/1.1 (a JSON object whose "version" is https://jsonfeed.org/version/…):
                every item becomes an article of the feed's source (home_page_url's domain). An item
                that cannot be used (no id or url, no date, wrong types) is reported and skipped; the
                rest import. Article ids come from the item id, so re-importing an edited feed revises
                articles instead of duplicating them.
              - NDJSON: one article per line in protocol JSON (docs/JSON.md). A malformed line stops
                the import with its line number; batches before it stay imported.
            The server assigns rev, seq and contentHash: an article whose content is unchanged writes
            nothing; a changed one is logged as rev+1 with changedFields.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "NDJSON or JSON Feed files of articles.", completion: .file())
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file to import") }
    }

    func run() throws {
        let storage = try database.open()
        for file in files {
            let summary: ImportSummary
            do {
                summary = try JSONFeedParser.isJSONFeed(Self.head(of: file))
                    ? try importJSONFeed(file, into: storage) : try importNDJSON(file, into: storage)
            } catch let error as NewsJSONError {
                throw ServerFailure("\(file): \(error.description)")
            } catch let error as FeedFormatError {
                throw ServerFailure("\(file): \(error.description)")
            } catch let error as CocoaError where error.code == .fileReadNoSuchFile || error.code == .fileNoSuchFile {
                throw ServerFailure("\(file): no such file")
            }
            print("\(file): \(summary.added) new, \(summary.revised) revised, \(summary.unchanged) unchanged; log head \(summary.head)")
        }
    }

    /// The first bytes of `path`, enough to recognise a JSON Feed.
    private static func head(of path: String) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? handle.close() }
        return try handle.read(upToCount: 64 << 10) ?? Data()
    }

    private func importNDJSON(_ file: String, into storage: SQLiteFeedStorage) throws -> ImportSummary {
        var total = ImportSummary()
        var reader = try NDJSONReader(path: file)
        while case let batch = try reader.next(Article.self, count: 1000), !batch.isEmpty {
            total.add(try storage.importArticles(batch))
        }
        return total
    }

    private func importJSONFeed(_ file: String, into storage: SQLiteFeedStorage) throws -> ImportSummary {
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= JSONFeedParser.defaultMaxBytes else {
            throw FeedFormatError.tooLarge(bytes: size, limit: JSONFeedParser.defaultMaxBytes)
        }
        let result = try JSONFeedParser().parse(try Data(contentsOf: URL(fileURLWithPath: file)))
        for problem in result.problems {
            FileHandle.standardError.write(Data("\(file): skipped \(problem.description)\n".utf8))
        }
        var total = ImportSummary()
        var start = result.articles.startIndex
        repeat {
            let end = min(start + 1000, result.articles.endIndex)
            total.add(try storage.importArticles(Array(result.articles[start..<end])))
            start = end
        } while start < result.articles.endIndex
        return total
    }
}

extension ImportSummary {
    /// Adds another batch's counts; the head is the later batch's.
    mutating func add(_ other: ImportSummary) {
        added += other.added
        revised += other.revised
        unchanged += other.unchanged
        head = other.head
    }
}
