import Foundation
import NewsModels
import Testing

@Suite struct RoundTripTests {
    func roundTrip<T: Codable & Equatable>(_ value: T) throws {
        let bytes = try NewsJSON.encode(value)
        let decoded = try NewsJSON.decode(T.self, from: bytes)
        #expect(decoded == value)
        // Stable: re-encoding the decoded value yields the very same bytes.
        #expect(try NewsJSON.encode(decoded) == bytes)
    }

    @Test func article() throws {
        try roundTrip(ModelFixtures.article())
        try roundTrip(ModelFixtures.article(rev: 2))
        try roundTrip(Article(id: "bare", source: Source(id: "s", name: "S"), title: "", publishedAt: Timestamp(epochMilliseconds: 0)))
    }

    @Test(arguments: ModelFixtures.blocks) func block(_ block: Block) throws {
        try roundTrip(block)
    }

    @Test func sourceStoryAndImage() throws {
        try roundTrip(ModelFixtures.source)
        try roundTrip(Source(id: "only", name: "Only Id"))
        try roundTrip(Story(id: "s1", headline: "Ferries", firstSeen: Timestamp(epochMilliseconds: 1), lastSeen: Timestamp(epochMilliseconds: 2), sourceIds: ["a", "b"], articleCount: 2))
        try roundTrip(ImageRef(url: nil, alt: nil, caption: "Caption only"))
    }

    @Test func stateTypes() throws {
        let state = ArticleState(articleId: "a", read: StateValue(value: true, hlc: ModelFixtures.hlc), starred: nil)
        try roundTrip(state)
        try roundTrip(StatePage(changes: [state, ArticleState(articleId: "b")], stateSeq: 17))
        try roundTrip(ModelFixtures.hlc)
        try roundTrip(StateMutationAck(appliedMid: 4, hlc: ModelFixtures.hlc))
    }

    @Test func changes() throws {
        try roundTrip(Change.put(seq: 5, article: ModelFixtures.article()))
        try roundTrip(Change.del(seq: 6, id: "lantern-1", reason: .retracted))
        try roundTrip(Change.del(seq: 7, id: "lantern-1", reason: DeletionReason(rawValue: "legal")))
        let text = String(decoding: try NewsJSON.encode(Change.del(seq: 6, id: "x", reason: .expired)), as: UTF8.self)
        #expect(text == #"{"id":"x","op":"del","reason":"expired","seq":6}"#)
    }

    @Test func mutations() throws {
        let set = StateMutation.set(mid: 1, articleId: "a", field: .starred, value: true, hlc: ModelFixtures.hlc)
        let upTo = StateMutation.markReadUpTo(mid: 2, seq: 900, sourceId: "lantern-daily.example", hlc: ModelFixtures.hlc)
        try roundTrip(set)
        try roundTrip(upTo)
        try roundTrip(StateMutation.markReadUpTo(mid: 3, seq: 1, sourceId: nil, hlc: ModelFixtures.hlc))
        try roundTrip(StateMutationBatch(clientId: "client-a", mutations: [set, upTo]))
        // Flag writes carry no "op", exactly as the protocol shows them.
        let text = String(decoding: try NewsJSON.encode(set), as: UTF8.self)
        #expect(text == #"{"articleId":"a","field":"starred","hlc":"0001741000000000-000003-client-a","mid":1,"value":true}"#)
    }

    @Test func manifestAndProblem() throws {
        let manifest = Manifest(feedId: "main", title: "Paperboy", head: 2500, oldest: 0,
                                snapshot: SnapshotRef(seq: 2000, chunks: ["/v1/snapshot/2000/0"]), serverTime: Timestamp(epochMilliseconds: 1_741_000_000_000))
        try roundTrip(manifest)
        var bare = manifest
        bare.snapshot = nil
        try roundTrip(bare)
        #expect(String(decoding: try NewsJSON.encode(bare), as: UTF8.self).contains(#""snapshot":null"#))
        try roundTrip(Problem(title: "Gone", status: 410, detail: "segment 0 was compacted"))
    }

    @Test func unknownFieldsAreIgnored() throws {
        let json = #"{"id":"a","rev":1,"source":{"id":"s","name":"S","logo":"x"},"title":"T","publishedAt":"2025-01-01T00:00:00Z","futureField":{"nested":[1,2]},"blocks":[{"type":"paragraph","text":"p","style":"lead"}]}"#
        let article = try NewsJSON.decode(Article.self, from: Data(json.utf8))
        #expect(article.blocks == [.paragraph(text: "p")])
        #expect(article.categories.isEmpty)
    }

    @Test func encodingIsSortedAndUnescaped() throws {
        let text = String(decoding: try NewsJSON.encode(ModelFixtures.source), as: UTF8.self)
        #expect(text == #"{"domain":"lantern-daily.example","id":"lantern-daily.example","name":"Lantern Daily","url":"https://lantern-daily.example/"}"#)
    }
}
