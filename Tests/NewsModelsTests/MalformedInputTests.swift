import Foundation
import NewsModels
import Testing

@Suite struct MalformedInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let json: String
        let field: String?
        var testDescription: String { field ?? "syntax" }
    }

    static let base = #""source":{"id":"s","name":"S"},"title":"T","publishedAt":"2025-01-01T00:00:00Z""#

    static let articleCases: [Case] = [
        Case(json: #"{"rev":1,\#(base)}"#, field: "id"),
        Case(json: #"{"id":"","rev":1,\#(base)}"#, field: "id"),
        Case(json: #"{"id":"a","rev":"one",\#(base)}"#, field: "rev"),
        Case(json: #"{"id":"a","rev":0,\#(base)}"#, field: "rev"),
        Case(json: #"{"id":"a","rev":1,"source":{"id":"s"},"title":"T","publishedAt":"2025-01-01T00:00:00Z"}"#, field: "source.name"),
        Case(json: #"{"id":"a","rev":1,"source":{"id":"s","name":"S"},"title":"T","publishedAt":"yesterday"}"#, field: "publishedAt"),
        Case(json: #"{"id":"a","rev":1,"source":{"id":"s","name":"S"},"title":null,"publishedAt":"2025-01-01T00:00:00Z"}"#, field: "title"),
        Case(json: #"{"id":"a","rev":1,\#(base),"blocks":[{"type":"paragraph","text":"ok"},{"type":"heading","level":9,"text":"x"}]}"#, field: "blocks[1].level"),
        Case(json: #"{"id":"a","rev":1,\#(base),"blocks":[{"type":"marquee","text":"x"}]}"#, field: "blocks[0].type"),
        Case(json: #"{"id":"a","rev":1,\#(base),"blocks":[{"type":"list","items":"x"}]}"#, field: "blocks[0].items"),
        Case(json: #"{"id":"a","rev":1,\#(base),"categories":"World"}"#, field: "categories"),
        Case(json: #"{"id":"a","rev":1,\#(base),"readingMinutes":-2}"#, field: "readingMinutes"),
        Case(json: #"{"id":"a","rev":1,"#, field: nil),
        Case(json: "not json", field: nil),
    ]

    @Test(arguments: articleCases) func articleRejected(_ c: Case) {
        do {
            _ = try NewsJSON.decode(Article.self, from: Data(c.json.utf8))
            Issue.record("decoded malformed input: \(c.json)")
        } catch {
            #expect(error.field == c.field)
            if let field = c.field { #expect(error.description.contains("'\(field)'")) } else { #expect(error.description.contains("malformed JSON")) }
        }
    }

    @Test func changeFieldsNamed() {
        let cases: [(String, String)] = [
            (#"{"seq":1,"op":"put"}"#, "article"),
            (#"{"seq":1,"op":"upsert","id":"a"}"#, "op"),
            (#"{"seq":-4,"op":"del","id":"a"}"#, "seq"),
            (#"{"seq":2,"op":"put","article":{"id":"a","rev":1,"source":{"id":"s","name":"S"},"title":"T","publishedAt":"2025-13-01T00:00:00Z"}}"#, "article.publishedAt"),
        ]
        for (json, field) in cases {
            #expect(throws: NewsJSONError.self) { try NewsJSON.decode(Change.self, from: Data(json.utf8)) }
            do { _ = try NewsJSON.decode(Change.self, from: Data(json.utf8)) } catch { #expect(error.field == field, "\(json)") }
        }
    }

    @Test func wireTypesNameFields() {
        let cases: [(any Decodable.Type, String, String)] = [
            (StateMutation.self, #"{"mid":1,"articleId":"a","field":"liked","value":true,"hlc":"0001741000000000-000003-c"}"#, "field"),
            (StateMutation.self, #"{"mid":1,"articleId":"a","field":"read","value":true,"hlc":"12:00"}"#, "hlc"),
            (StateMutation.self, #"{"mid":1,"op":"markReadUpTo","hlc":"0001741000000000-000003-c"}"#, "seq"),
            (StateMutationBatch.self, #"{"clientId":"c","mutations":[{"mid":0,"articleId":"a","field":"read","value":true,"hlc":"0001741000000000-000003-c"}]}"#, "mutations[0].mid"),
            (Manifest.self, #"{"protocol":1,"feedId":"f","segmentSize":0,"head":1,"oldest":0,"serverTime":"2025-01-01T00:00:00Z"}"#, "segmentSize"),
            (Manifest.self, #"{"protocol":1,"feedId":"f","segmentSize":1000,"head":1,"oldest":5,"serverTime":"2025-01-01T00:00:00Z"}"#, "oldest"),
            (StatePage.self, #"{"changes":[{"articleId":"a","read":{"value":"yes","hlc":"0001741000000000-000003-c"}}],"stateSeq":1}"#, "changes[0].read.value"),
        ]
        for (type, json, field) in cases {
            do {
                _ = try NewsJSON.decode(type, from: Data(json.utf8))
                Issue.record("decoded malformed \(type): \(json)")
            } catch {
                #expect(error.field == field, "\(json)")
            }
        }
    }

    @Test func ndjsonErrorsNameTheLine() {
        let lines = """
            {"id":"s","name":"One"}

            {"id":"t"}
            """
        do {
            _ = try NewsJSON.decodeLines(Source.self, from: Data(lines.utf8))
            Issue.record("decoded a source without a name")
        } catch {
            #expect(error.line == 3)
            #expect(error.description == "line 3: field 'name': missing required field")
        }
    }
}

@Suite struct NDJSONReaderTests {
    @Test func readsBatchesAcrossChunkBoundariesAndNamesBadLines() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ndjson-\(UUID().uuidString).ndjson").path
        var text = ""
        for i in 1...3000 { text += #"{"id":"s\#(i)","name":"Source number \#(i) \#(String(repeating: "x", count: i % 700))"}"# + "\n" }
        text += "\n" + #"{"id":"last","name":"No newline at end"}"#
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var reader = try NDJSONReader(path: path)
        var all: [Source] = []
        while true {
            let batch = try reader.next(Source.self, count: 700)
            if batch.isEmpty { break }
            all += batch
        }
        #expect(all.count == 3001)
        #expect(all.first?.id == "s1" && all[2999].id == "s3000" && all.last?.id == "last")

        try Data((#"{"id":"a","name":"A"}"# + "\n" + #"{"id":"b"}"# + "\n").utf8).write(to: URL(fileURLWithPath: path))
        var bad = try NDJSONReader(path: path)
        #expect(throws: NewsJSONError(field: "name", problem: "missing required field", line: 2)) { try bad.next(Source.self, count: 10) }
    }
}
