import FeedFormats
import Foundation
import NewsModels
import Testing

/// `../shared/seeds`, beside the repository (a clone on its own has none).
let seedFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/seeds")

extension Trait where Self == ConditionTrait {
    /// Skips a test, saying why, when `../shared/seeds` is not beside the repository.
    static var needsSeeds: Self {
        .enabled(if: FileManager.default.fileExists(atPath: seedFolder.path),
                 "needs the seed dumps in ../shared/seeds beside the repository; absent here")
    }
}

extension FeedFormatsTests {
    /// The five seed dumps in `../shared/seeds` (real outlets' coverage of one event). Their text is not
    /// copied here: expected values are the seed's own lines, referred to by line number, plus the
    /// short facts (dates, domains, handles) its README names. Skipped when the folder is absent.
    @Suite(.needsSeeds) struct SeedImport {
        static let folder = seedFolder
        static let source = Source(id: "seed.example", name: "Seed")
        static let fallback = Timestamp(rfc3339: "2025-02-10T00:00:00Z")!

        /// One seed: its raw lines (1-based, trimmed) and what the parser made of it.
        struct Seed {
            let lines: [String]
            let result: FeedParseResult
            var main: Article { result.articles[0] }

            func line(_ number: Int) -> String { lines[number - 1] }

            /// `line(number)` without a leading `- `.
            func item(_ number: Int) -> String { String(line(number).dropFirst(2)) }

            /// The markdown image on `line(number)`: its alt text (nil when empty) and URL.
            func image(_ number: Int) -> (alt: String?, url: String) {
                let text = line(number)
                let split = text.range(of: "](")!
                let alt = String(text[text.index(text.startIndex, offsetBy: 2)..<split.lowerBound])
                return (alt.isEmpty ? nil : alt, String(text[split.upperBound..<text.index(before: text.endIndex)]))
            }

            var headings: [String] { main.blocks.compactMap { if case let .heading(_, text) = $0 { text } else { nil } } }
            var lists: [[String]] { main.blocks.compactMap { if case let .list(_, items) = $0 { items } else { nil } } }
            var images: [ImageRef] { main.blocks.compactMap { if case let .image(image) = $0 { image } else { nil } } }
        }

        /// The seed file whose name starts with `prefix`: its name without `.txt` and its bytes.
        static func file(_ prefix: String) throws -> (key: String, data: Data) {
            try #require(FileManager.default.fileExists(atPath: folder.path), "the seed dumps are missing at \(folder.path)")
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix(prefix + "_") && $0.hasSuffix(".txt") },
                                    "no seed \(prefix)_*.txt in \(folder.path)")
            return (String(name.dropLast(4)), try Data(contentsOf: folder.appendingPathComponent(name)))
        }

        static func load(_ prefix: String, fallback: Timestamp? = fallback) throws -> Seed {
            let (key, data) = try file(prefix)
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let result = try TextDumpParser(source: source, publishedFallback: fallback).parse(data, key: key)
            try #require(!result.articles.isEmpty, "\(key): \(result.problems)")
            return Seed(lines: lines, result: result)
        }

        static let boilerplate = ["Leave a comment", "Register or Login", "No Comments on", "POPULAR ARTICLE", "ACCESS RANKING"]

        @Test(arguments: ["000", "001", "002", "003", "004"])
        func noBoilerplateSurvives(_ prefix: String) throws {
            let seed = try Self.load(prefix)
            #expect(seed.result.problems.isEmpty)
            for article in seed.result.articles {
                for block in article.blocks {
                    let text = block.plainText
                    for pattern in Self.boilerplate { #expect(!text.contains(pattern), "\(prefix): \(pattern) in \(block)") }
                    #expect(text.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces) != "-" }, "\(prefix): lone dash in \(block)")
                }
                #expect(article.contentHash == article.computeContentHash())
            }
        }

        @Test func titleDekHeadingsAndCitations000() throws {
            let seed = try Self.load("000")
            #expect(seed.result.articles.count == 1)
            #expect(seed.main.title == seed.line(1))
            #expect(seed.main.dek == seed.line(2))
            #expect(seed.main.byline == nil && seed.main.dateline == nil && seed.main.image == nil)
            // "In February 2025" in the text, capped by the fallback: the middle of February 1 to 10.
            #expect(seed.main.publishedAt.rfc3339 == "2025-02-05T12:00:00Z")
            #expect(seed.headings == [6, 10, 12, 14, 16].map(seed.line))
            let cited = seed.main.blocks.compactMap { block -> (String, [Citation])? in
                guard case let .paragraph(text, citations) = block, !citations.isEmpty else { return nil }
                return (text, citations)
            }
            #expect(cited.map(\.1) == ["apnews.com", "reuters.com", "ft.com", "apnews.com", "reuters.com", "apnews.com"].map { [Citation(domain: $0)] })
            #expect(cited.map(\.0) == zip([7, 8, 9, 11, 13, 15], ["apnews.com", "reuters.com", "ft.com", "apnews.com", "reuters.com", "apnews.com"])
                .map { String(seed.line($0).dropLast($1.count)) })
            #expect(cited.allSatisfy { $0.0.hasSuffix(".") })
            #expect(seed.main.blocks.first == .paragraph(text: seed.line(4)))
            #expect(seed.main.blocks.last == .paragraph(text: seed.line(17)))
        }

        @Test func imagesMetaLineAndEmbeddedPost001() throws {
            let seed = try Self.load("001", fallback: nil)
            let lead = seed.image(1)
            #expect(seed.main.image == ImageRef(url: lead.url, alt: lead.alt))
            #expect(seed.main.title == seed.line(2))
            #expect(seed.main.dek == nil)  // a meta line separates headline and first paragraph
            #expect(seed.main.categories == ["Asia-Pacific", "News", "US"])
            #expect(seed.main.publishedAt.rfc3339 == "2025-02-09T00:00:00Z")
            #expect(seed.main.readingMinutes == 4)
            #expect(seed.headings == [7, 14, 21].map(seed.line))
            let second = seed.image(18)
            #expect(seed.images == [ImageRef(url: second.url, alt: second.alt)])
            let embeds = seed.main.blocks.compactMap { if case let .embed(embed) = $0 { embed } else { nil } }
            // Line 10 is the post with its media link last; line 11 reads `— Name (@handle) date`.
            let post = seed.line(10), attribution = seed.line(11)
            let link = try #require(post.split(separator: " ").last)
            let open = try #require(attribution.range(of: " (@")), close = try #require(attribution.firstIndex(of: ")"))
            #expect(link.hasPrefix("pic.twitter.com/"))
            #expect(embeds == [Embed(
                kind: "x", author: String(attribution[attribution.index(attribution.startIndex, offsetBy: 2)..<open.lowerBound]),
                handle: String(attribution[attribution.index(open.lowerBound, offsetBy: 2)..<close]), date: "February 8, 2025",
                url: "https://" + link, text: String(post.dropLast(link.count + 1)))])
            #expect(seed.main.blocks.contains(.paragraph(text: seed.line(9))))  // an inline quote stays a paragraph
            #expect(seed.main.blocks.first == .paragraph(text: seed.line(4)))
            #expect(seed.main.blocks.last == .paragraph(text: seed.line(23)))
        }

        @Test func readoutWithoutTitle002() throws {
            let seed = try Self.load("002")
            #expect(seed.main.title == "" && seed.main.dek == nil)
            #expect(seed.main.publishedAt.rfc3339 == "2025-02-05T12:00:00Z")  // as 000: February 2025 in the text
            #expect(seed.images == [3, 10, 15].map { ImageRef(caption: seed.line($0)) })
            #expect(seed.main.blocks.contains(.paragraph(text: seed.line(13))))
            #expect(seed.line(13).contains("[. . .]"))
            let paragraphs = seed.main.blocks.compactMap { if case let .paragraph(text, _) = $0 { text } else { nil } }
            #expect(paragraphs == [1, 4, 5, 6, 7, 11, 12, 13].map(seed.line))
        }

        @Test func slashHeaderListsAndSideStories003() throws {
            let seed = try Self.load("003")
            let header = seed.line(1).components(separatedBy: "/ ")
            #expect(seed.main.title == header[0])
            #expect(seed.main.title == seed.line(10))
            #expect(seed.main.dek == header[5...].joined(separator: "/ "))
            #expect(seed.main.byline == "By J. Mansour")
            #expect(seed.main.byline == "By " + header[3])
            #expect(seed.main.dateline == header[2])
            #expect(header[2].allSatisfy { $0.isUppercase })
            #expect(seed.main.image == ImageRef(url: seed.image(2).url))
            let colonless = { (n: Int) in String(seed.line(n).dropLast()) }
            #expect(seed.headings == [3, 12, 18, 25, 26, 30, 32, 36, 40, 42].map(seed.line)
                + [seed.line(59), colonless(60), seed.line(65), seed.line(70), colonless(71), colonless(76)])
            #expect(seed.lists == [Array(4...9), Array(22...24), Array(27...29), Array(33...35), Array(37...39), Array(44...46),
                                   Array(61...63), Array(67...68), Array(72...75), Array(77...79)].map { $0.map(seed.item) })
            #expect(seed.main.blocks.allSatisfy { if case let .list(ordered, _) = $0 { !ordered } else { true } })
            // The exact repeat of the headline and the alternative headline under it are gone.
            let texts = seed.main.blocks.map(\.plainText)
            #expect(!texts.contains(seed.line(10)) && !texts.contains(seed.line(11)))
            // The two unrelated stories are their own articles, and nothing of them is left in the main one.
            let key = "003_d349797a489458ff"
            #expect(seed.result.articles.dropFirst().map(\.title) == [seed.line(48), seed.line(53)])
            #expect(seed.result.articles.dropFirst().map(\.id) == [1, 2].map { FeedArticleID.make(sourceID: Self.source.id, itemKey: "\(key)#side-\($0)") })
            #expect(seed.result.articles[1].blocks == (49...52).map { .paragraph(text: seed.line($0)) })
            #expect(seed.result.articles[2].blocks == (54...58).map { .paragraph(text: seed.line($0)) })
            let mainText = texts.joined(separator: "\n")
            for n in 48...58 { #expect(!mainText.contains(seed.line(n)), "line \(n) of 003 in the main article") }
        }

        @Test func datelineCaptionAndRankings004() throws {
            let seed = try Self.load("004", fallback: nil)
            #expect(seed.result.articles.count == 1)
            #expect(seed.main.title == seed.line(1))
            #expect(seed.main.dek == nil && seed.main.byline == nil)
            #expect(seed.main.dateline == "13:58 JST, February 1, 2025")
            #expect(seed.main.dateline == seed.line(4))
            #expect(seed.main.publishedAt.rfc3339 == "2025-02-01T13:58:00+09:00")
            #expect(seed.main.blocks == [.image(ImageRef(caption: seed.line(3)))] + (5...14).map { .paragraph(text: seed.line($0)) })
            let listed = (17...36).map(seed.line).filter { $0 != "-" && !$0.contains("RANKING") }
            #expect(listed.count == 10)
            let text = seed.main.blocks.map(\.plainText).joined(separator: "\n")
            for headline in listed { #expect(!text.contains(headline), "\(headline)") }
        }

        @Test func undatedSeedsAreDatedFromTheirTextWithoutAFallback() throws {
            for prefix in ["000", "002", "003"] {
                let (key, data) = try Self.file(prefix)
                let result = try TextDumpParser(source: Self.source).parse(data, key: key)
                #expect(result.problems.isEmpty)
                #expect(result.articles.count == (prefix == "003" ? 3 : 1))
                #expect(result.articles.allSatisfy { $0.publishedAt.rfc3339 == "2025-02-15T12:00:00Z" }, "\(prefix)")
                #expect(Set(result.inferredDates.keys) == Set(result.articles.map(\.id)))
            }
        }
    }
}
