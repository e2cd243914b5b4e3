import Foundation
import Testing
@testable import NewsModels

/// Keeping a put's article JSON as the log line carried it.
@Suite struct LoggedChangeTests {
    @Test func keepsEachPutsArticleBytesWhateverTheKeyOrderAndContent() throws {
        let tricky = #"{ "op" : "put", "note": {"a": [1, "}\"{", {"b": "]"}]}, "seq": 4, "article" : {"id":"x-1","rev":2,"source":{"id":"s","name":"S \"quoted\" {brace}"},"title":"A [title] \\ with } braces","publishedAt":"2026-11-21T10:00:00Z","blocks":[{"type":"paragraph","text":"one, two}"}]} , "z": null }"#
        let data = Data((tricky + "\n" + #"{"seq":5,"op":"del","id":"x-1","reason":"retracted"}"# + "\n\n").utf8)
        let changes = try NewsJSON.decodeChanges(from: data)
        #expect(changes.map(\.seq) == [4, 5])
        let json = try #require(changes[0].articleJSON)
        #expect(String(decoding: json, as: UTF8.self).hasPrefix(#"{"id":"x-1""#))
        #expect(String(decoding: json, as: UTF8.self).hasSuffix(#""text":"one, two}"}]}"#))
        guard case let .put(_, article) = changes[0].change else { Issue.record("not a put"); return }
        #expect(try NewsJSON.decode(Article.self, from: json) == article)
        #expect(changes[1].articleJSON == nil)
        // Without blocks the decoded article is lighter; the JSON still carries them, hash unchanged.
        let light = try NewsJSON.decodeChanges(from: data, keepBlocks: false)
        guard case let .put(_, bare) = light[0].change else { Issue.record("not a put"); return }
        #expect(bare.blocks.isEmpty && bare.contentHash == article.contentHash && light[0].articleJSON == json)
    }

    @Test func memberRangeIsNilForAbsentMembersAndNonObjects() {
        for text in [#"{"seq":1}"#, "[1,2]", #""article""#, "{}", #"{"article"}"#] {
            let found = Data(text.utf8).withUnsafeBytes { NewsJSON.memberRange("article", in: $0) }
            #expect(found == nil, "\(text)")
        }
    }

    @Test func badLinesAreNamedLikeDecodeLines() {
        let data = Data("{\"seq\":1,\"op\":\"del\",\"id\":\"a\"}\n{\"seq\":2,\"op\":\"put\"\n".utf8)
        #expect(throws: NewsJSONError.self) { try NewsJSON.decodeChanges(from: data) }
        do {
            _ = try NewsJSON.decodeChanges(from: data)
        } catch {
            #expect(error.line == 2)
        }
    }
}
