import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Broken dumps: typed errors for whole-document failures, problems for articles that cannot be built.
    @Suite struct TextDumpBadInput {
        static let parser = TextDumpParser(source: TextDumps.source, publishedFallback: TextDumps.fallback)

        static func error(_ data: Data, _ parser: TextDumpParser = parser) -> FeedFormatError? {
            do {
                _ = try parser.parse(data, key: "broken")
                return nil
            } catch {
                return error
            }
        }

        static func parse(_ text: String, _ parser: TextDumpParser = parser) throws -> FeedParseResult {
            try parser.parse(Data(text.utf8), key: "k")
        }

        /// Deterministic bytes that are not text.
        static func garbage(_ count: Int) -> Data {
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            return Data((0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            })
        }

        @Test func emptyDocuments() {
            #expect(Self.error(Data()) == .empty)
            #expect(Self.error(Data("  \n\r\n\t \n".utf8)) == .empty)
            #expect(Self.error(Data([0xEF, 0xBB, 0xBF, 0x0A, 0x20])) == .empty)
            #expect(FeedFormatError.empty.description == "the document is empty")
        }

        @Test func onlyBoilerplateIsAProblemNotAnArticle() throws {
            let result = try Self.parse("Advertisement\n-\nShare this article\n\"World\" MOST READ\n-\nSome Other Headline\n-\nAnother One\nLeave a comment\nRead more\n")
            #expect(result.articles.isEmpty)
            #expect(result.problems == [ItemProblem(index: 0, itemID: "k", reason: "no article text: the dump holds only boilerplate")])
        }

        @Test func invalidUTF8IsRepaired() throws {
            var bytes = Data("Caf@ opens on the quay\nThe caf@ serves tea to ferry crews from six in the morning.\nIt closes at noon.\n".utf8)
            bytes = Data(bytes.map { $0 == UInt8(ascii: "@") ? 0xE9 : $0 })  // Latin-1 é: not valid UTF-8
            let article = try #require(try Self.parser.parse(bytes, key: "k").articles.first)
            #expect(article.title == "Caf\u{FFFD} opens on the quay")
            #expect(article.blocks.first == .paragraph(text: "The caf\u{FFFD} serves tea to ferry crews from six in the morning."))
        }

        @Test func overTheSizeCap() {
            let line = Data("The harbour wall was repaired again this week after the storm.\n".utf8)
            var big = Data()
            while big.count < 10 * 1024 * 1024 { big.append(line) }
            #expect(Self.error(big) == .tooLarge(bytes: big.count, limit: 8 << 20))
            #expect(Self.error(big)?.description == "feed is \(big.count) bytes, over the 8388608-byte limit")
            let small = TextDumpParser(source: TextDumps.source, publishedFallback: TextDumps.fallback, maxBytes: 150)
            #expect(Self.error(line + line, small) == nil)
            #expect(Self.error(line + line + line, small) == .tooLarge(bytes: line.count * 3, limit: 150))
        }

        @Test func binaryGarbageIsRejected() throws {
            let error = try #require(Self.error(Self.garbage(4096)))
            guard case let .notAFeed(reason) = error else {
                Issue.record("expected notAFeed, got \(error)")
                return
            }
            #expect(reason.hasPrefix("binary data, not a text dump ("))
            #expect(error.description.hasPrefix("not a feed: binary data, not a text dump"))
            #expect(!TextDumpParser.looksLikeTextDump(Self.garbage(4096)))
            let nulPadded = Data(String(repeating: "ab\u{0}\u{0}\u{1}\u{2}", count: 200).utf8)
            #expect(Self.error(nulPadded).map { "\($0)" }?.contains("control characters") == true)
        }

        @Test func undatedDumpWithoutFallbackIsReported() throws {
            let parser = TextDumpParser(source: TextDumps.source)
            let data = Data("""
                Gull Count Falls on the Pier
                Counters found forty nests this spring, ten fewer than last year.
                Leave a comment
                Harbour Choir Sings at the Fish Market
                The choir sang for an hour and collected money for the lifeboat.
                """.utf8)
            let result = try parser.parse(data, key: "slash")
            #expect(result.articles.isEmpty)
            let reason = "no publication date in the dump or its text, and no publishedFallback was given"
            #expect(result.problems == [
                ItemProblem(index: 0, itemID: "slash", reason: reason),
                ItemProblem(index: 1, itemID: "slash#side-1", reason: reason),
            ])
            #expect(result.problems[0].description == "items[0] (id \"slash\"): \(reason)")
        }

        @Test func controlsEscapesAndBidiAreStripped() throws {
            let text = "Tide\u{1B}[31m tables\u{07} for\u{202E} May\n\u{1B}]0;owned\u{07}The tables are printed\u{0} at the harbour office.\nCopies cost nothing\u{9B}2J this year.\n"
            let article = try #require(try Self.parse(text).articles.first)
            #expect(article.title == "Tide tables for May")
            #expect(article.blocks == [
                .paragraph(text: "The tables are printed at the harbour office."),
                .paragraph(text: "Copies cost nothing this year."),
            ])
        }

        @Test func lineEndingsByteOrderMarksAndUTF16() throws {
            let lines = ["Ferry Returns (UPDATE 2)", "By Jane Roe", "March 3, 2026", "The ferry sailed at dawn.", "It was full."]
            let lf = try Self.parse(lines.joined(separator: "\n"))
            #expect(lf.articles.first?.title == "Ferry Returns")
            #expect(lf.articles.first?.byline == "By Jane Roe")
            #expect(lf.articles.first?.dateline == "March 3, 2026")
            #expect(try Self.parse(lines.joined(separator: "\r\n")) == lf)
            #expect(try Self.parse(lines.joined(separator: "\r")) == lf)
            #expect(try Self.parser.parse(Data([0xEF, 0xBB, 0xBF]) + Data(lines.joined(separator: "\n").utf8), key: "k") == lf)
            var utf16 = Data([0xFF, 0xFE])
            for unit in lines.joined(separator: "\r\n").utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
            #expect(try Self.parser.parse(utf16, key: "k") == lf)
        }

        /// Cut and scrambled fixtures never crash the reader: each parse returns articles or a typed error.
        @Test func mangledDumpsNeverCrash() throws {
            let noise = Self.garbage(4096)
            var cursor = 0
            for name in ["glued-citations", "images-meta-embed", "readout-captions", "slash-header-side-story", "dateline-rankings"] {
                let original = [UInt8](try Data(contentsOf: TextDumps.folder.appendingPathComponent(name + ".txt")))
                for step in 0..<40 {
                    var bytes = Array(original.prefix(original.count * (step + 1) / 40))
                    for _ in 0..<(step % 8) where !bytes.isEmpty {
                        let at = Int(noise[cursor % noise.count]) * bytes.count / 256
                        bytes[at] = [0x2F, 0x0A, 0x20, 0x22, 0xE2, 0x2D, 0x5B, 0x28][step % 8] ^ (noise[(cursor + 1) % noise.count] & 1)
                        cursor += 2
                    }
                    do {
                        let result = try Self.parser.parse(Data(bytes), key: "m")
                        #expect(result.articles.allSatisfy { $0.contentHash == $0.computeContentHash() })
                    } catch {
                        #expect(!error.description.isEmpty)
                    }
                }
            }
        }

        @Test func sniffing() throws {
            for name in ["glued-citations", "images-meta-embed", "readout-captions", "slash-header-side-story", "dateline-rankings"] {
                #expect(TextDumpParser.looksLikeTextDump(try Data(contentsOf: TextDumps.folder.appendingPathComponent(name + ".txt"))))
            }
            #expect(TextDumpParser.looksLikeTextDump(Data("[Photo] The harbour at dawn.\nBoats left early.".utf8)))
            for notADump in [
                "", "   \n ", "<?xml version=\"1.0\"?><rss/>", "\u{FEFF}<!DOCTYPE html><html></html>", "  <html><body>Hi</body></html>",
                "{\"version\":\"https://jsonfeed.org/version/1.1\"}", "[{\"id\":1}]", "[ \"a\" ]", "12345 678\n",
            ] {
                #expect(!TextDumpParser.looksLikeTextDump(Data(notADump.utf8)), "\(notADump)")
            }
            #expect(!TextDumpParser.looksLikeTextDump(Data(String(repeating: "text\u{1}\u{2}", count: 50).utf8)))
        }
    }
}
