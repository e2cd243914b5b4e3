/// A named hole in a sentence template, e.g. `{surname}` or `{pct}`.
///
/// Story-level slots (people, organisations, the event) read from the `Cast` so every article of a
/// story names the same actors; the rest are drawn per use, which keeps sibling articles distinct.
enum Slot: String, CaseIterable {
    case person, surname, role, person2, surname2, role2, org, org2
    case city, country, region, event, team, team2, work
    case thing, thing2, num, big, pct, money, score, month, weekday, year
}

/// A template split once, at start-up, into literal runs and slots, so rendering is only appends.
struct Template {
    enum Piece {
        case text(String)
        case slot(Slot)
    }

    let pieces: [Piece]

    /// Parses `text`; an unknown `{name}` is a bug in the word lists, so it stops the program at once
    /// rather than leaking braces into a corpus.
    init(_ text: String) {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}"),
                  let slot = Slot(rawValue: String(rest[rest.index(after: open)..<close]))
            else { preconditionFailure("CorpusKit: bad template slot in \"\(text)\"") }
            pieces.append(.slot(slot))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// Parses a list of templates.
    static func all(_ texts: [String]) -> [Template] { texts.map(Template.init) }
}

/// The people, places and names one story is about, fixed per story so its articles agree.
struct Cast {
    let beat: Beat
    let person: String, surname: String, role: String
    let person2: String, surname2: String, role2: String
    let org: String, org2: String
    let place: Place
    let region: String
    let team: String, team2: String, work: String
    /// The match result, fixed so every report of a game agrees on it.
    let score: String
    var event: String = ""
}

/// Renders templates for one article: owns the article's random stream and the cast.
struct Renderer {
    var rng: SplitMix64
    let cast: Cast
    /// Year of the article's publication; `{year}` renders an earlier year ("the last such case, in 2019").
    let year: Int

    /// Appends the rendered template to `out`. Every template is a sentence, headline or label, so a
    /// leading slot is capitalised ("the Electoral Commission said" opens as "The Electoral …").
    mutating func render(_ template: Template, into out: inout String) {
        var first = true
        for piece in template.pieces {
            switch piece {
            case let .text(text): out += text
            case let .slot(slot) where first:
                var value = ""
                append(slot, to: &value)
                if let head = value.utf8.first, head >= 0x61, head <= 0x7A {
                    out += value.prefix(1).uppercased()
                    out += value.dropFirst()
                } else {
                    out += value
                }
            case let .slot(slot): append(slot, to: &out)
            }
            first = false
        }
    }

    /// The rendered template as a new string.
    mutating func string(_ template: Template) -> String {
        var out = ""
        out.reserveCapacity(160)
        render(template, into: &out)
        return out
    }

    // Numbers are assembled from small integers rather than String(format:), which is slow and
    // locale-sensitive on some platforms.
    private mutating func append(_ slot: Slot, to out: inout String) {
        switch slot {
        case .person: out += cast.person
        case .surname: out += cast.surname
        case .role: out += cast.role
        case .person2: out += cast.person2
        case .surname2: out += cast.surname2
        case .role2: out += cast.role2
        case .org: out += cast.org
        case .org2: out += cast.org2
        case .city: out += cast.place.city
        case .country: out += cast.place.country
        case .region: out += cast.region
        case .event: out += cast.event
        case .team: out += cast.team
        case .team2: out += cast.team2
        case .work: out += cast.work
        case .thing: out += rng.pick(cast.beat.things)
        case .thing2: out += rng.pick(cast.beat.things2)
        case .num: out += Words.smallNumbers[rng.below(Words.smallNumbers.count)]
        case .big:
            let value = rng.inRange(120...98_000)
            if value >= 1000 {
                let rest = value % 1000
                out += String(value / 1000)
                out += rest < 100 ? (rest < 10 ? ",00" : ",0") : ","
                out += String(rest)
            } else {
                out += String(value)
            }
        case .pct:
            out += String(rng.inRange(0...14))
            out += "."
            out += String(rng.inRange(1...9))
        case .money:
            out += "$"
            out += String(rng.inRange(1...95))
            out += "."
            out += String(rng.inRange(1...9))
            out += rng.chance(60) ? " billion" : " million"
        case .score: out += cast.score
        case .month: out += Words.months[rng.below(12)]
        case .weekday: out += rng.pick(Words.weekdays)
        case .year: out += String(year - rng.inRange(2...9))
        }
    }
}
