import Foundation
import NewsModels
@testable import NewsStore
import Testing

@Suite struct SearchTests {
    static func filled() throws -> NewsStore {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...12), remote: "main", cursor: 12)
        return store
    }

    @Test func wordsPhrasesAndPrefixes() throws {
        let store = try Self.filled()
        let deficit = try store.search("trade deficit")
        #expect(Set(deficit.map(\.entry.id)) == ["art-4", "art-8", "art-12"])
        #expect(deficit.allSatisfy { $0.snippet.contains { $0.isMatch && $0.text.lowercased().contains("trade") } })
        #expect(Set(try store.search("\"machine parts\"").map(\.entry.id)) == ["art-4", "art-8", "art-12"])
        #expect(try store.search("\"parts machine\"").isEmpty)
        #expect(Set(try store.search("accord*").map(\.entry.id)) == ["art-3", "art-7", "art-11"])
        #expect(try store.search("frost OR accordion").count == 6)
        #expect(Set(try store.search("report -frost -accordion -deficit").map(\.entry.id)) == ["art-1", "art-5", "art-9"])
        #expect(try store.search("title:frost").count == 3)
        #expect(try store.search("byline:frost").isEmpty)
    }

    @Test func titleOutranksBody() throws {
        let store = try StoreFixtures.store()
        var inBody = StoreFixtures.article(1, title: "Quiet week downtown")
        inBody.blocks = [.paragraph(text: "A lighthouse keeper retired after forty years.")]
        let inTitle = StoreFixtures.article(2, title: "Lighthouse keeper retires")
        try store.apply([.put(seq: 1, article: inBody), .put(seq: 2, article: inTitle)], remote: "main", cursor: 2)
        #expect(try store.search("lighthouse").map(\.entry.id) == ["art-2", "art-1"])
    }

    @Test func sourceFilter() throws {
        let store = try Self.filled()
        #expect(try store.search("report source:ridgeline.example").allSatisfy { $0.entry.sourceId == "ridgeline.example" })
        #expect(try store.search("report source:ridgeline").count == 4)
        #expect(try store.search("report source:\"Tidewater Gazette\"").map(\.entry.sourceId) == Array(repeating: "tidewater.example", count: 4))
        #expect(try store.search("report source:nowhere").isEmpty)
    }

    @Test(arguments: ["\"", "*", "-x", "NOT", "OR OR", "(((", "source:tidewater.example", "  "])
    func meaninglessQueriesAreRejectedNotCrashed(_ text: String) throws {
        let store = try Self.filled()
        #expect(throws: StoreError.self) { try store.search(text) }
    }

    @Test(arguments: ["AND", "ferry\"s", "a:b:c", "NEAR(a b)", "x' OR 1=1 --", "{title}: x", "ü", "日本", "title:"])
    func operatorsInInputNeverReachFTS(_ text: String) throws {
        let store = try Self.filled()
        // Either results or a clear "invalid search"; never an FTS5 syntax error from SQLite.
        do { _ = try store.search(text) } catch {
            guard case .invalidSearch = error else { Issue.record("\(text): \(error)"); return }
        }
    }

    @Test func pagingAndLimit() throws {
        let store = try Self.filled()
        let all = try store.search("report", limit: 100)
        #expect(all.count == 12)
        let page = try store.search("report", limit: 5, offset: 5)
        #expect(page.map(\.entry.id) == Array(all[5..<10]).map(\.entry.id))
    }
}

@Suite struct RankingWindowTests {
    @Test func windowRanksOnlyTheNewestMatchesAndEqualsFullRankingWhenLarger() throws {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...40), remote: "main", cursor: 40)
        var full = try SearchQuery("report")
        full.rankingWindow = nil
        var wide = full
        wide.rankingWindow = 100
        var narrow = full
        narrow.rankingWindow = 5
        #expect(try store.search(wide, limit: 50).map(\.entry.id) == store.search(full, limit: 50).map(\.entry.id))
        #expect(Set(try store.search(narrow, limit: 50).map(\.entry.id)) == Set((36...40).map { "art-\($0)" }))
    }
}

@Suite struct SnippetTests {
    @Test func marksWholeWordsPrefixesAndAccentedWords() throws {
        let query = try SearchQuery("cafe tarif* -ignored")
        let builder = SnippetBuilder(terms: query.terms)
        let parts = builder.snippet(title: "", dek: "", body: "At the Café, \"tariffs\" were the talk; tarif-free goods, ignored.")
        #expect(parts.filter(\.isMatch).map(\.text) == ["Café", "tariffs", "tarif-free"])
        #expect(parts.map(\.text).joined() == "At the Café, \"tariffs\" were the talk; tarif-free goods, ignored.")
    }

    @Test func excerptStartsNearTheFirstMatchAndFallsBackToTitle() throws {
        let body = (1...100).map { "word\($0)" }.joined(separator: " ") + " harbor ends here"
        let builder = SnippetBuilder(terms: try SearchQuery("harbor").terms)
        let parts = builder.snippet(title: "t", dek: "", body: body)
        #expect(parts.first?.text.hasPrefix("… ") == true)
        #expect(parts.contains { $0.isMatch && $0.text == "harbor" })
        let titleOnly = SnippetBuilder(terms: try SearchQuery("lighthouse").terms).snippet(title: "The lighthouse", dek: "", body: "Nothing here.")
        #expect(titleOnly.contains { $0.isMatch && $0.text == "lighthouse" })
        let japanese = SnippetBuilder(terms: try SearchQuery("東京").terms).snippet(title: "", dek: "", body: "会談は 東京 で開かれた")
        #expect(japanese.contains { $0.isMatch && $0.text == "東京" })
    }
}
