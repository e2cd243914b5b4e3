/// A news beat: the vocabulary and sentence templates for one kind of story.
///
/// Beats keep their own words (tariffs for trade, turnout for elections) so a search for a phrase
/// hits the subset of the corpus a real archive would, at roughly its own frequency.
struct Beat {
    let name: String
    /// Relative share of stories on this beat.
    let weight: Int
    /// Whether the institutional filler sentences (`Words.civicSentences`) suit this beat.
    let civic: Bool
    /// Section labels; the first is always used, one of the others sometimes.
    let categories: [String]
    let roles: [String]
    let orgs: [String]
    let events: [Template]
    let things: [String]
    let things2: [String]
    let headlines: [Template]
    let deks: [Template]
    let ledes: [Template]
    let sentences: [Template]
    let headings: [String]
    let items: [Template]
    let quotes: [Template]
    let captions: [Template]
    let alts: [Template]
    let posts: [Template]

    init(
        _ name: String, weight: Int, civic: Bool = true, categories: [String], roles: [String], orgs: [String], events: [String],
        things: [String], things2: [String], headlines: [String], deks: [String], ledes: [String],
        sentences: [String], headings: [String], items: [String], quotes: [String], captions: [String],
        alts: [String], posts: [String]
    ) {
        self.name = name
        self.weight = weight
        self.civic = civic
        self.categories = categories
        self.roles = roles
        self.orgs = orgs
        self.events = Template.all(events)
        self.things = things
        self.things2 = things2
        self.headlines = Template.all(headlines)
        self.deks = Template.all(deks)
        self.ledes = Template.all(ledes)
        self.sentences = Template.all(sentences)
        self.headings = headings
        self.items = Template.all(items)
        self.quotes = Template.all(quotes)
        self.captions = Template.all(captions)
        self.alts = Template.all(alts)
        self.posts = Template.all(posts)
    }

    /// Every beat, in a fixed order (the order is part of the corpus definition: changing it changes
    /// which beat a seed produces).
    static let all: [Beat] = [
        trade, tradeDeficit, markets, technology, elections, diplomacy, health, climate, science, sport, culture,
    ]

    /// Running totals of the weights, for a weighted pick with one random draw.
    static let cumulativeWeights: [Int] = {
        var total = 0
        return all.map { total += $0.weight; return total }
    }()

    /// Picks a beat in proportion to its weight.
    static func pick(_ rng: inout SplitMix64) -> Beat {
        let roll = rng.below(cumulativeWeights[cumulativeWeights.count - 1])
        var i = 0
        while cumulativeWeights[i] <= roll { i += 1 }
        return all[i]
    }
}
