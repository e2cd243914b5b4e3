import ArgumentParser
import FeedServer
import Foundation
import NewsModels

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add articles from NDJSON files to the content log.",
        discussion: """
            Each line is an article in protocol JSON (docs/JSON.md). The server assigns rev, seq and
            contentHash: an article whose content is unchanged writes nothing; a changed one is logged as
            rev+1 with changedFields. A malformed line stops the import with its line number; batches
            before it stay imported.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "NDJSON files of articles.", completion: .file())
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file to import") }
    }

    func run() throws {
        let storage = try database.open()
        for file in files {
            var total = ImportSummary()
            do {
                var reader = try NDJSONReader(path: file)
                while case let batch = try reader.next(Article.self, count: 1000), !batch.isEmpty {
                    let summary = try storage.importArticles(batch)
                    total.added += summary.added
                    total.revised += summary.revised
                    total.unchanged += summary.unchanged
                    total.head = summary.head
                }
            } catch let error as NewsJSONError {
                throw ServerFailure("\(file): \(error.description)")
            } catch let error as CocoaError where error.code == .fileReadNoSuchFile || error.code == .fileNoSuchFile {
                throw ServerFailure("\(file): no such file")
            }
            print("\(file): \(total.added) new, \(total.revised) revised, \(total.unchanged) unchanged; log head \(total.head)")
        }
    }
}
