import Foundation
import NewsModels
import Testing

@Suite struct ClockAndTimeTests {
    @Test func timestampParsesAndKeepsOffset() throws {
        let t = try #require(Timestamp(rfc3339: "2025-02-01T13:58:00+09:00"))
        #expect(t.epochMilliseconds == 1_738_385_880_000)
        #expect(t.offsetMinutes == 540)
        #expect(t.rfc3339 == "2025-02-01T13:58:00+09:00")
        #expect(Timestamp(rfc3339: "2025-02-01T04:58:00Z") == Timestamp(epochMilliseconds: 1_738_385_880_000))
        #expect(Timestamp(rfc3339: "1969-12-31T23:59:59.5-00:30")?.rfc3339 == "1969-12-31T23:59:59.500-00:30")
        #expect(Timestamp(rfc3339: "2024-02-29T00:00:00Z") != nil)
        for bad in ["2025-02-30T00:00:00Z", "2025-02-01", "2025-02-01T13:58:00", "2025-02-01T25:00:00Z", "2025-02-01T13:58:00+0900", "x"] {
            #expect(Timestamp(rfc3339: bad) == nil, "\(bad)")
        }
    }

    @Test func hlcOrderMatchesStringOrder() {
        let readings = [
            HLC(wallMillis: 5, counter: 0, node: "b"), HLC(wallMillis: 5, counter: 0, node: "a"),
            HLC(wallMillis: 5, counter: 12, node: "a"), HLC(wallMillis: 1_741_000_000_000, counter: 0, node: "a"),
        ]
        #expect(readings.sorted().map(\.description) == readings.map(\.description).sorted())
        #expect(HLC("0001741000000000-000003-client-with-dashes")?.node == "client-with-dashes")
        #expect(HLC("1741000000000-3-c") == nil)
    }

    @Test func clockIsMonotonicWhenWallClockGoesBack() {
        var clock = HybridLogicalClock(node: "c")
        let a = clock.tick(now: 1000)
        let b = clock.tick(now: 900)
        let c = clock.tick(now: 900)
        #expect(a < b && b < c)
        clock.observe(HLC(wallMillis: 5000, counter: 7, node: "server"), now: 1000)
        let d = clock.tick(now: 1000)
        #expect(d > HLC(wallMillis: 5000, counter: 7, node: "server"))
        #expect(HLC(wallMillis: 9_999_999, node: "x").clamped(notAfter: 100).wallMillis == 100)
    }

    @Test func newerStateWins() {
        let old = StateValue(value: true, hlc: HLC(wallMillis: 1, node: "a"))
        let new = StateValue(value: false, hlc: HLC(wallMillis: 2, node: "b"))
        #expect(StateValue.newer(old, new) == new)
        #expect(StateValue.newer(new, old) == new)
        let merged = ArticleState(articleId: "x", read: old, starred: new).merged(with: ArticleState(articleId: "x", read: new))
        #expect(merged.read == new && merged.starred == new)
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// Lengths on each side of the padding and block boundaries, read in place (`Data`, arrays) and
    /// through a collection without contiguous storage; digests from Python's hashlib.
    @Test(arguments: [
        (55, "e40272620990d5f772101e014a0fe168d9ab13215739a04bdcb4b9cadc303c75"),
        (56, "5b3154594d65c2a11e797576e2b4ece47f48373d8acfc0ae2cc3b87ca7adaedc"),
        (63, "2caeed71c024d190f2f9633bdac2b8f283b1cb86dfe7709023ab70f11f747a1b"),
        (64, "3483dc12a3fea6618642162f88124ea56e797597a97483d5ba597a42d98aaf6b"),
        (65, "3a513663aae909c328f43e2d74265dc5ec35495c99dfde7b8f9dd37f297dfa40"),
        (119, "c06b1fcfb8d206bb4fe8e8cde10de7af236f619ff29c720de0083f7377491fd9"),
        (120, "f425d2567f5c636c99335e5e8bb04669475b3b8b6f7523bbabbd11115cef8550"),
        (128, "43a42610c7b657d1ce21bf0255e86be7ea01aa9dddf0701f596e99a4c6f61001"),
        (1_000_003, "a79aaccf39831e39ad9382f03c515510dcde695830c65a91620160cbe434b410"),
    ])
    func sha256AcrossBlockBoundaries(length: Int, expected: String) {
        let bytes = (0..<length).lazy.map { UInt8(($0 * 31 + 7) % 251) }
        #expect(SHA256.hex(Array(bytes)) == expected)
        #expect(SHA256.hex(Data(bytes)) == expected)
        #expect(SHA256.hex(bytes) == expected)
    }

    @Test func contentHashIgnoresBookkeeping() {
        let a = ModelFixtures.article()
        var b = a
        b.rev = 4; b.id = "other"; b.storyId = "elsewhere"; b.changedFields = ["title"]
        #expect(a.computeContentHash() == b.computeContentHash())
        var c = a
        c.blocks.append(.paragraph(text: "A correction was added."))
        #expect(a.computeContentHash() != c.computeContentHash())
        #expect(a.changedFields(comparedTo: c) == ["blocks"])
        #expect(a.contentHash == a.computeContentHash() && a.contentHash.count == 64)
    }
}

@Suite struct CivilTimeTests {
    @Test func civilReadingIsInTheTimestampsOwnOffset() throws {
        let t = try #require(Timestamp(rfc3339: "2025-02-01T13:58:07.250+09:00"))
        let c = t.civil
        #expect(c.year == 2025 && c.month == 2 && c.day == 1)
        #expect(c.hour == 13 && c.minute == 58 && c.second == 7 && c.millisecond == 250)
        #expect(Timestamp.epochMilliseconds(year: 2025, month: 2, day: 1, hour: 4, minute: 58) == 1_738_385_880_000)
    }
}
