import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Declared encodings are honoured, wrong ones and broken bytes repaired without a word.
    @Suite struct XMLFeedEncodings {
        @Test func shiftJIS() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "kawabe-shimbun-sjis.xml")
            #expect(result.problems.isEmpty)
            #expect(result.source.name == "川辺新聞")
            #expect(result.articles.map(\.title) == ["新しい歩道橋が完成", "週末は雪の予報"])
            // ① exists only in CP932, the Shift_JIS that Japanese sites actually write.
            #expect(result.articles[0].blocks == [.paragraph(text: "駅前の歩道橋が二月一日に開通しました。①番出口から渡れます。")])
            #expect(result.articles[0].publishedAt.rfc3339 == "2025-02-01T13:58:00+09:00")
            #expect(result.articles[1].publishedAt.rfc3339 == "2025-02-02T09:00:00+09:00")
            #expect(result.articles.allSatisfy { $0.language == "ja" })
        }

        @Test func eucJP() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "minato-nippo-eucjp.xml")
            #expect(result.problems.isEmpty)
            #expect(result.source.name == "港日報")
            #expect(result.articles.map(\.title) == ["フェリーの新航路"])
            #expect(result.articles[0].blocks == [.paragraph(text: "四月から島への直行便が一日三往復になります。")])
            #expect(result.articles[0].publishedAt.rfc3339 == "2025-03-05T08:00:00+09:00")
        }

        @Test func latin1IsReadAsWindows1252() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "lindenhof-bote-latin1.xml")
            #expect(result.problems.isEmpty)
            #expect(result.articles.map(\.title) == ["Wochenmarkt zieht um", "\u{201E}Ein schöner Tag\u{201C}, sagt die Bürgermeisterin"])
            #expect(result.articles[0].blocks == [.paragraph(text: "Der Markt findet ab Mai auf dem Schulhof statt; die Stände öffnen um 7 Uhr.")])
            #expect(result.articles[1].blocks == [.paragraph(text: "Die Eröffnung kostete 5 € pro Person \u{2013} weniger als erwartet.")])
        }

        @Test func mislabelledDocumentsAreRepaired() throws {
            let latin1Bytes = try FeedFormatsTests.parseXML(fixture: "declared-utf8-latin1-bytes.xml")
            #expect(latin1Bytes.problems.isEmpty)
            #expect(latin1Bytes.source.name == "Café Courant")
            #expect(latin1Bytes.articles.map(\.title) == ["Crème brûlée à l'honneur"])
            #expect(latin1Bytes.articles[0].blocks == [.paragraph(text: "Le chef présente sa recette d'été.")])

            let utf8Bytes = try FeedFormatsTests.parseXML(fixture: "declared-latin1-utf8-bytes.xml")
            #expect(utf8Bytes.problems.isEmpty)
            #expect(utf8Bytes.articles.map(\.title) == ["Soirée dégustation « terroir »"])
            #expect(utf8Bytes.articles[0].blocks == [.paragraph(text: "Réservation conseillée.")])
        }

        @Test func invalidUTF8BecomesReplacementCharacters() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "invalid-utf8.xml")
            #expect(result.problems.isEmpty)
            #expect(result.articles.map(\.title) == ["Tide tables \u{2013} corrected", "Crane moved"])
            #expect(result.articles[0].blocks == [
                .paragraph(text: "The café \u{FFFD} and \u{FFFD} and \u{FFFD}\u{FFFD} reopened after the flood."),
            ])
        }

        @Test func utf16WithByteOrderMark() throws {
            let xml = """
                <?xml version="1.0" encoding="UTF-16"?>
                <rss version="2.0"><channel><title>Ōtsuka Dispatch 大塚</title><link>https://otsuka-dispatch.example/</link>
                <item><guid>od-1</guid><title>Tram line 𝟙 extended</title><pubDate>Mon, 03 Mar 2025 10:00:00 +0900</pubDate></item>
                </channel></rss>
                """
            for bytes in [xml.utf16LittleEndianWithBOM, xml.utf16BigEndianWithBOM] {
                let result = try XMLFeedParser().parse(Data(bytes))
                #expect(result.source.name == "Ōtsuka Dispatch 大塚")
                #expect(result.articles.map(\.title) == ["Tram line 𝟙 extended"])
            }
        }

        @Test func brokenShiftJISKeepsTheItemsBeforeTheDamage() throws {
            var bytes = try [UInt8](FeedFormatsTests.fixture("kawabe-shimbun-sjis.xml"))
            let marker = Array("kw-0202-snow".utf8)
            let at = try #require((0...(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker })
            bytes.insert(contentsOf: [0x81, 0xFF, 0x82], at: at + marker.count + 30)  // not Shift_JIS
            let result = try XMLFeedParser().parse(Data(bytes))
            #expect(result.articles.map(\.title) == ["新しい歩道橋が完成"])
            #expect(result.problems == [ItemProblem(
                index: 1, itemID: "kw-0202-snow",
                reason: "invalid XML: bytes that are not valid Shift_JIS (input conversion failed due to input error, bytes 0xFF 0x82 0xCC 0x97); "
                    + "this item and the rest of the document are skipped")])
        }

        @Test func htmlEntitiesStrayAmpersandsAndControlsAreRepaired() throws {
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Fish &amp; Chips Weekly</title><link>https://fish-chips.example/</link>
                <item><guid>fc-1</guid><title>Caf&eacute; &nbsp;opens &mdash; Q&A at 5 < 6 pm</title>
                <description>Red\u{1B}[31m alert&#x1B;[0m and &#x202E;reversed&#0; text</description>
                <pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>
                </channel></rss>
                """
            let result = try FeedFormatsTests.parseXML(xml)
            #expect(result.problems.isEmpty)
            #expect(result.articles.map(\.title) == ["Café opens \u{2014} Q&A at 5 < 6 pm"])
            #expect(result.articles[0].blocks == [.paragraph(text: "Red alert and reversed text")])
        }

        @Test func externalDoctypeEntitiesResolveAsHTML() throws {
            let xml = """
                <?xml version="1.0"?>
                <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
                <rss version="0.91"><channel><title>Old&nbsp;Timer</title><link>https://old-timer.example/</link>
                <item><title>Caf&eacute; &amp; &unknownthing; news</title><link>https://old-timer.example/1</link>
                <pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>
                """
            let result = try FeedFormatsTests.parseXML(xml)
            #expect(result.source.name == "Old Timer")
            #expect(result.articles.map(\.title) == ["Café & &unknownthing; news"])
        }

        @Test func leadingWhitespaceBeforeTheDeclaration() throws {
            let xml = "\n\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><channel><link>https://early.example/</link>\n<item><guid>e-1</guid>"
                + "<title>Fine</title><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>\n<item><guid>e-2</guid><title>Cut</title>"
            let result = try FeedFormatsTests.parseXML(xml)
            #expect(result.articles.map(\.title) == ["Fine"])
            // Line numbers count the dropped blank lines: the cut is on line 6 of the original text.
            #expect(result.problems == [ItemProblem(index: 1, itemID: "e-2", reason: "the document is cut off inside this item at line 6; the item is lost")])
        }
    }
}
