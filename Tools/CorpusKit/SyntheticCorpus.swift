import NewsModels

/// A deterministic, endless synthetic news archive: article `i` of seed `s` is always the same.
///
/// Each article is a pure function of `(seed, index)`, so any slice can be generated on its own, in
/// any order or in parallel, and two machines agree byte for byte. Articles come in stories of one to
/// six consecutive indices that share a `storyId`, a beat, a cast and a time window, but each is
/// written by a different outlet with its own headline and body.
public struct SyntheticCorpus: Sendable {
    /// The seed that, with an index, determines every article.
    public let seed: UInt64

    /// Creates a corpus for `seed`.
    public init(seed: UInt64 = 1) { self.seed = seed }

    /// Every outlet an article can come from, in a fixed order.
    public static let sources: [Source] = Catalog.outlets.map(\.source)

    /// Names of the beats (topics) stories are drawn from.
    public static let topics: [String] = Beat.all.map(\.name)

    /// Earliest publication time: 2025-04-01T00:00Z, about 18 months before `latest`.
    public static let earliest = Timestamp(epochMilliseconds: Dates.epochMilliseconds(year: 2025, month: 4, day: 1))

    /// No article is published at or after 2026-10-01T00:00Z.
    public static let latest = Timestamp(epochMilliseconds: Dates.epochMilliseconds(year: 2026, month: 10, day: 1))

    /// The article at `index` (0 or more).
    public func article(at index: Int) -> Article {
        precondition(index >= 0, "SyntheticCorpus: index must not be negative, got \(index)")
        return ArticleWriter(corpus: self, index: index).write()
    }

    /// The articles at `range`, in order.
    public func articles(_ range: Range<Int>) -> [Article] {
        range.map(article(at:))
    }

    /// The articles at `range` as content-log puts, numbered from `firstSeq`.
    public func changes(_ range: Range<Int>, firstSeq: Int64 = 1) -> [Change] {
        range.map { .put(seq: firstSeq + Int64($0 - range.lowerBound), article: article(at: $0)) }
    }

    /// The story id of the article at `index`, without generating the article.
    public func storyId(at index: Int) -> String {
        "syn-" + String(seed) + "-s" + String(story(at: index).first)
    }

    // MARK: Stories

    /// Indices are cut into fixed windows, and each window into stories of 1–6 articles, so finding
    /// an article's story looks at one window only and stays a pure function of the index.
    static let window = 24

    /// Where `index` sits in its story: the story's first index, its size, and the article's position.
    func story(at index: Int) -> (first: Int, size: Int, position: Int) {
        let windowStart = index - index % Self.window
        var rng = SplitMix64(seed, 1, UInt64(windowStart))
        var first = windowStart
        while true {
            let size = min(rng.inRange(1...6), windowStart + Self.window - first)
            if index < first + size { return (first, size, index - first) }
            first += size
        }
    }

    /// The cast of the story starting at `first`: who and what every article of that story is about.
    func cast(storyFirst first: Int) -> Cast {
        var rng = SplitMix64(seed, 2, UInt64(first))
        let beat = Beat.pick(&rng)
        let (person, surname) = Self.name(&rng)
        var (person2, surname2) = Self.name(&rng)
        if surname2 == surname { (person2, surname2) = Self.name(&rng) }
        let roleIndex = rng.below(beat.roles.count)
        let orgIndex = rng.below(beat.orgs.count)
        let teamIndex = rng.below(Words.teams.count)
        var cast = Cast(
            beat: beat, person: person, surname: surname, role: beat.roles[roleIndex],
            person2: person2, surname2: surname2,
            role2: beat.roles[(roleIndex + 1 + rng.below(beat.roles.count - 1)) % beat.roles.count],
            org: beat.orgs[orgIndex], org2: beat.orgs[(orgIndex + 1 + rng.below(beat.orgs.count - 1)) % beat.orgs.count],
            place: rng.pick(Catalog.places), region: rng.pick(Words.regions),
            team: Words.teams[teamIndex],
            team2: Words.teams[(teamIndex + 1 + rng.below(Words.teams.count - 1)) % Words.teams.count],
            work: rng.pick(Words.works), score: Self.score(&rng))
        var renderer = Renderer(rng: rng, cast: cast, year: 2025)
        let event = renderer.rng.pick(beat.events)
        cast.event = renderer.string(event)
        return cast
    }

    /// When the story broke, in milliseconds; its articles follow within a couple of days.
    func storyStart(storyFirst first: Int) -> Int64 {
        var rng = SplitMix64(seed, 3, UInt64(first))
        let span = Self.latest.epochMilliseconds - Self.earliest.epochMilliseconds - 3 * 86_400_000
        return Self.earliest.epochMilliseconds + Int64(rng.below(Int(span / 1000))) * 1000
    }

    /// A winning score such as `2-1`.
    static func score(_ rng: inout SplitMix64) -> String {
        let winner = rng.inRange(1...5)
        return String(winner) + "-" + String(rng.below(winner))
    }

    /// A random full name and its surname.
    static func name(_ rng: inout SplitMix64) -> (String, String) {
        let last = rng.pick(Words.lastNames)
        return (rng.pick(Words.firstNames) + " " + last, last)
    }
}
