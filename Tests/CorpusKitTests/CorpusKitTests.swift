import CorpusKit
import Foundation
import NewsModels
import Testing

/// Properties other tests and benchmarks rely on: same input, same bytes; realistic sizes and shapes.
@Suite struct SyntheticCorpusTests {
    let corpus = SyntheticCorpus(seed: 1)

    /// Indices spread over a large corpus, so window and story boundaries far from 0 are exercised.
    static let sample = Array(stride(from: 0, to: 100_000, by: 500))

    @Test func sameSeedAndIndexGiveIdenticalArticles() throws {
        for index in [0, 1, 23, 24, 25, 4_321, 99_999, 1_000_003] {
            let a = SyntheticCorpus(seed: 1).article(at: index)
            let b = corpus.article(at: index)
            #expect(a == b)
            #expect(try NewsJSON.encode(a) == NewsJSON.encode(b))
        }
    }

    @Test func slicesMatchSingleArticlesInAnyOrder() {
        let slice = corpus.articles(40..<60)
        let backwards = (40..<60).reversed().map(corpus.article(at:)).reversed()
        #expect(slice == Array(backwards))
        #expect(slice.map(\.id) == (40..<60).map { "syn-1-\($0)" })
    }

    @Test func parallelGenerationMatchesSequential() async {
        let corpus = self.corpus
        let parallel = await withTaskGroup(of: (Int, Article).self) { group in
            for index in 0..<64 { group.addTask { (index, corpus.article(at: index)) } }
            var result: [Int: Article] = [:]
            for await (index, article) in group { result[index] = article }
            return result
        }
        for index in 0..<64 { #expect(parallel[index] == corpus.article(at: index)) }
    }

    @Test func differentSeedsGiveDifferentCorpora() {
        let other = SyntheticCorpus(seed: 2)
        for index in 0..<20 {
            let a = corpus.article(at: index), b = other.article(at: index)
            #expect(a.id != b.id)
            #expect(a.blocks != b.blocks)
            #expect(a.contentHash != b.contentHash)
        }
    }

    @Test func bodiesAreTwoToFourKilobytes() {
        for index in Self.sample {
            let size = corpus.article(at: index).bodyText.utf8.count
            #expect((2_048...4_096).contains(size), "article \(index) has \(size) bytes of body text")
        }
    }

    @Test func everyBlockKindAppearsInTheFirst500() {
        var kinds: Set<String> = []
        for article in corpus.articles(0..<500) {
            for block in article.blocks {
                switch block {
                case let .paragraph(_, citations): kinds.insert(citations.isEmpty ? "paragraph" : "cited paragraph")
                case let .heading(level, _): kinds.insert("heading \(level)")
                case let .list(ordered, _): kinds.insert(ordered ? "ordered list" : "bulleted list")
                case let .quote(_, attribution): kinds.insert(attribution == nil ? "quote" : "attributed quote")
                case let .image(image): kinds.insert(image.alt != nil && image.caption != nil ? "image" : "bare image")
                case .embed: kinds.insert("embed")
                }
            }
        }
        let expected: Set = [
            "paragraph", "cited paragraph", "heading 2", "heading 3", "ordered list", "bulleted list",
            "attributed quote", "image", "embed",
        ]
        #expect(expected.isSubset(of: kinds), "missing: \(expected.subtracting(kinds).sorted())")
    }

    @Test func articlesRoundTripThroughNewsJSON() throws {
        for index in Self.sample.prefix(50) {
            let article = corpus.article(at: index)
            let decoded = try NewsJSON.decode(Article.self, from: NewsJSON.encode(article))
            #expect(decoded == article)
            #expect(decoded.computeContentHash() == article.contentHash)
        }
    }

    @Test func changesArePutsNumberedFromFirstSeq() throws {
        let changes = corpus.changes(10..<30, firstSeq: 11)
        #expect(changes.map(\.seq) == Array(11...30))
        #expect(changes.map(\.articleId) == (10..<30).map { "syn-1-\($0)" })
        var lines = Data()
        for change in changes { lines.append(try NewsJSON.encode(change)); lines.append(0x0A) }
        #expect(try NewsJSON.decodeLines(Change.self, from: lines) == changes)
    }

    @Test func metadataLooksLikeAnArchive() {
        let articles = corpus.articles(0..<1_000)
        let earliest = SyntheticCorpus.earliest.epochMilliseconds, latest = SyntheticCorpus.latest.epochMilliseconds
        for article in articles {
            #expect((earliest..<latest).contains(article.publishedAt.epochMilliseconds))
            #expect((1...3).contains(article.categories.count))
            #expect(article.language == "en")
            #expect(article.rev == 1 && article.contentHash.count == 64)
            #expect(article.readingMinutes == max(1, (article.wordCount + 115) / 230))
            let domain = article.source.domain ?? ""
            #expect(article.source.id == domain && domain.hasSuffix(".example"))
            #expect(article.url?.hasPrefix("https://\(domain)/20") == true)
            if let updated = article.updatedAt { #expect(updated > article.publishedAt) }
        }
        #expect(Set(articles.compactMap(\.url)).count == articles.count)
        #expect(Set(articles.map(\.publishedAt.offsetMinutes)).isSuperset(of: [540, -300, 0, 60, 330]))
        #expect(Set(articles.map(\.source.id)).count >= 20)
        #expect((50...150).contains(articles.filter { $0.updatedAt != nil }.count))
        #expect(articles.contains { $0.dateline?.contains(" JST, ") == true })
        #expect((20...30).contains(SyntheticCorpus.sources.count))
    }

    @Test func storiesGroupOneToSixConsecutiveArticlesFromDifferentOutlets() {
        let articles = corpus.articles(0..<600)
        var groups: [[Article]] = []
        for article in articles {
            if let last = groups.last?.last, last.storyId == article.storyId { groups[groups.count - 1].append(article) } else { groups.append([article]) }
        }
        #expect(Set(groups.map { $0[0].storyId }).count == groups.count, "a story id reappears later")
        #expect(groups.allSatisfy { (1...6).contains($0.count) })
        #expect(Set(groups.map(\.count)).count == 6, "expected every group size from 1 to 6")
        for group in groups { #expect(Set(group.map(\.source.id)).count == group.count) }
        #expect(corpus.storyId(at: 123) == corpus.article(at: 123).storyId)
    }

    @Test func phrasesHitDifferentShares() {
        let texts = corpus.articles(0..<2_000).map { ($0.title + " " + ($0.dek ?? "") + " " + $0.bodyText).lowercased() }
        func share(_ phrase: String) -> Double { Double(texts.filter { $0.contains(phrase) }.count) / Double(texts.count) }
        let deficit = share("trade deficit"), election = share("election"), climate = share("climate")
        #expect((0.01...0.06).contains(deficit), "trade deficit in \(deficit)")
        #expect(election > deficit * 2 && election < 0.5, "election in \(election)")
        #expect(climate > deficit && climate < 0.5, "climate in \(climate)")
    }
}

/// The hand-written fixtures must stay loadable and keep covering what tests elsewhere depend on.
@Suite struct FixtureTests {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/articles.ndjson")

    func load() throws -> [Article] {
        try NewsJSON.decodeLines(Article.self, from: Data(contentsOf: Self.url))
    }

    @Test func fixturesDecode() throws {
        let articles = try load()
        #expect((10...14).contains(articles.count))
        #expect(Set(articles.map(\.id)).count == articles.count)
        #expect(articles.allSatisfy { $0.contentHash == $0.computeContentHash() && $0.language == "en" })
    }

    @Test func fixturesCoverTheShapesTestsNeed() throws {
        let articles = try load()
        let stories = Dictionary(grouping: articles.compactMap(\.storyId), by: { $0 })
        #expect(stories.values.contains { $0.count >= 3 })
        #expect(articles.filter { $0.bodyText.contains("trade deficit") }.count >= 2)
        #expect(articles.contains { $0.publishedAt.offsetMinutes == 540 && $0.dateline?.contains("JST") == true })
        #expect(articles.contains { $0.rev == 2 && $0.updatedAt != nil && $0.changedFields?.isEmpty == false })
        #expect(articles.contains { text in
            text.bodyText.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) || (0x3040...0x30FF).contains($0.value) }
                && text.bodyText.unicodeScalars.contains { $0.properties.isEmoji && $0.value > 0x2000 }
        })
        #expect(Set(articles.map(\.source.id)).count >= 8)
        var kinds: Set<String> = []
        for block in articles.flatMap(\.blocks) {
            switch block {
            case let .paragraph(_, citations): if !citations.isEmpty { kinds.insert("citation") }
            case .heading: kinds.insert("heading")
            case let .list(ordered, _): kinds.insert(ordered ? "ordered" : "bulleted")
            case .quote: kinds.insert("quote")
            case .image: kinds.insert("image")
            case .embed: kinds.insert("embed")
            }
        }
        #expect(kinds == ["citation", "heading", "ordered", "bulleted", "quote", "image", "embed"])
    }
}
