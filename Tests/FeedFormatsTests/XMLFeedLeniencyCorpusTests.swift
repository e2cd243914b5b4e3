import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// `../shared/eval/feeds`: peer readers' own test feeds, read at run time and never copied here.
    static let evalFeedsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/eval/feeds")

    /// Every RSS, Atom and RDF file in the real-feed folders keeps one article per `<item>`/`<entry>`,
    /// parsed as `import` does (a source given, undated items dated when first seen). Skipped when
    /// `../shared/eval/feeds` is absent.
    @Suite(.enabled(if: FileManager.default.fileExists(atPath: evalFeedsFolder.path),
                    "needs the peer readers' feeds in ../shared/eval/feeds beside the repository; absent here"))
    struct XMLFeedLeniencyCorpus {
        static let source = Source(id: "eval.example", name: "Eval")
        static let firstSeen = Timestamp(epochMilliseconds: 1_700_000_000_000)

        /// The XML feed files under `folder`, by content.
        static func xmlFeeds(in folder: String) throws -> [(name: String, data: Data)] {
            let directory = evalFeedsFolder.appendingPathComponent(folder)
            let names = try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted()
            return try names.compactMap { name in
                var isDirectory: ObjCBool = false
                let path = directory.appendingPathComponent(name).path
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                guard let kind = FeedDocumentKind.sniff(data), [.rss, .atom, .rdf].contains(kind) else { return nil }
                return (name, data)
            }
        }

        /// Item and entry start tags counted in the bytes, the way a simple grep would: `<item>`,
        /// `<item …>`, `<entry>`, `<entry …>`, with or without a prefix.
        static func elementCount(_ data: Data) throws -> Int {
            let text = String(decoding: data, as: UTF8.self)
            let pattern = try NSRegularExpression(pattern: #"<([A-Za-z0-9_]+:)?(item|entry)[\s>/]"#)
            return pattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
        }

        /// feedparser's test feeds: every well-formed one is read, given a source as `import --source` does,
        /// and, with no source at all, with only the address it was fetched from.
        @Test func feedparsersWellFormedFeedsAreRead() throws {
            for folder in ["feedparser/wellformed", "feedparser/encoding", "feedparser/illformed", "feedparser/entities"] {
                let files = try Self.xmlFeeds(in: folder)
                var refused: [String] = [], fromLocation = 0, items = 0
                for file in files {
                    let parser = XMLFeedParser(source: Self.source, undatedFallback: Self.firstSeen)
                    do { items += try parser.parse(file.data).articles.count } catch { refused.append("\(file.name): \(error)") }
                    let fetched = FeedOrigin.url("https://eval.example/feed.xml")
                    if (try? FeedDocument.parseFeed(file.data, origin: fetched, undatedFallback: Self.firstSeen)) != nil { fromLocation += 1 }
                }
                print("\(folder): \(files.count) XML feeds, \(files.count - refused.count) read with a source, \(fromLocation) with only a location, \(items) items")
                if folder == "feedparser/wellformed" {
                    #expect(refused.isEmpty, "refused: \(refused.joined(separator: "; "))")
                } else if !refused.isEmpty {
                    print("  refused (deliberately broken input): \(refused.joined(separator: "; "))")
                }
            }
        }

        @Test(arguments: ["netnewswire", "newsboat"])
        func realFeedsKeepEveryItem(folder: String) throws {
            let files = try Self.xmlFeeds(in: folder)
            try #require(!files.isEmpty)
            var expected = 0, kept = 0, lost: [String] = []
            for file in files {
                let count = try Self.elementCount(file.data)
                expected += count
                let articles = (try? FeedDocument.parseFeed(file.data, source: Self.source, undatedFallback: Self.firstSeen))?.articles.count ?? 0
                kept += articles
                if articles != count { lost.append("\(file.name): \(articles) of \(count)") }
            }
            print("\(folder): \(files.count) XML feeds, \(files.count - lost.count) item for item, \(kept) of \(expected) items")
            #expect(lost.isEmpty, "items lost: \(lost.joined(separator: "; "))")
        }
    }
}
