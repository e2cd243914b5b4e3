import NewsModels

/// Writes one article: the metadata here, the body in `BodyWriter`.
struct ArticleWriter {
    let corpus: SyntheticCorpus
    let index: Int

    func write() -> Article {
        let story = corpus.story(at: index)
        let cast = corpus.cast(storyFirst: story.first)
        var rng = SplitMix64(corpus.seed, 4, UInt64(index))

        // A fixed stride coprime with the outlet count gives every article of a story a different outlet.
        let outlets = Catalog.outlets
        var outletRng = SplitMix64(corpus.seed, 5, UInt64(story.first))
        let outletBase = outletRng.below(outlets.count)
        let outlet = outlets[(outletBase + story.position * 7) % outlets.count]

        // Follow-ups trail the first report by 20 minutes to 10 hours each; most outlets stamp whole minutes.
        var published = corpus.storyStart(storyFirst: story.first)
            + Int64(story.position) * Int64(rng.inRange(20...600)) * 60_000 + Int64(rng.below(3600)) * 1000
        if rng.chance(60) { published -= published % 60_000 }
        published = min(published, SyntheticCorpus.latest.epochMilliseconds - 60_000)
        let offset = outlet.offset(month: Dates.civil(epochMilliseconds: published, offsetMinutes: 0).month)
        let local = Dates.civil(epochMilliseconds: published, offsetMinutes: offset)
        var updatedAt: Timestamp?
        if rng.chance(10) {
            updatedAt = Timestamp(epochMilliseconds: published + Int64(rng.inRange(15...1800)) * 60_000, offsetMinutes: offset)
        }

        var renderer = Renderer(rng: rng, cast: cast, year: local.year)
        let beat = cast.beat
        let title = renderer.string(renderer.rng.pick(beat.headlines))
        var dek: String?
        if renderer.rng.chance(85) { dek = renderer.string(renderer.rng.pick(beat.deks)) }
        let byline = Self.byline(&renderer.rng)
        let dateline = Self.dateline(outlet: outlet, place: cast.place, local: local, rng: &renderer.rng)

        var categories = [beat.categories[0]]
        if renderer.rng.chance(50) { categories.append(beat.categories[1 + renderer.rng.below(beat.categories.count - 1)]) }
        if renderer.rng.chance(30) { categories.append(cast.place.area) }

        let token = String(index, radix: 36)
        let datePath = String(local.year) + "/" + Dates.twoDigits[local.month] + "/"
        let domain = outlet.source.domain ?? outlet.source.id
        let site: String = "https://" + domain + "/"
        let mediaPrefix: String = site + "media/" + datePath + token
        var image: ImageRef?
        if renderer.rng.chance(45) {
            let alt = renderer.rng.pick(beat.alts), caption = renderer.rng.pick(beat.captions)
            image = ImageRef(url: mediaPrefix + "-lead.jpg", alt: renderer.string(alt), caption: renderer.string(caption))
        }

        var body = BodyWriter(renderer: renderer, outlet: outlet, local: local, mediaPrefix: mediaPrefix)
        body.write()
        let words = BodyWriter.countWords(title) + (dek.map(BodyWriter.countWords) ?? 0) + body.words

        return Article(
            id: "syn-" + String(corpus.seed) + "-" + String(index),
            url: site + datePath + Self.slug(title) + "-" + token,
            source: outlet.source,
            storyId: "syn-" + String(corpus.seed) + "-s" + String(story.first),
            title: title, dek: dek, byline: byline, dateline: dateline, language: "en",
            publishedAt: Timestamp(epochMilliseconds: published, offsetMinutes: offset), updatedAt: updatedAt,
            categories: categories, readingMinutes: Article.readingMinutes(words: words), image: image,
            blocks: body.blocks, contentHash: nil)
    }

    /// Most pieces carry one named reporter, some two, a few a desk credit, a few nothing at all.
    static func byline(_ rng: inout SplitMix64) -> String? {
        let roll = rng.below(100)
        if roll < 8 { return nil }
        if roll < 18 { return rng.pick(Words.staffBylines) }
        let first = "By " + SyntheticCorpus.name(&rng).0
        return roll < 33 ? first + " and " + SyntheticCorpus.name(&rng).0 : first
    }

    /// `TOKYO` style usually; outlets that print time-first datelines do so about half the time.
    static func dateline(outlet: Outlet, place: Place, local: Dates.Civil, rng: inout SplitMix64) -> String? {
        if let label = outlet.timeZoneLabel, rng.chance(50) {
            return Dates.twoDigits[local.hour] + ":" + Dates.twoDigits[local.minute] + " " + label + ", "
                + Words.months[local.month - 1] + " " + String(local.day) + ", " + String(local.year)
        }
        return rng.chance(80) ? place.dateline : nil
    }

    /// A URL slug: lowercase ASCII words joined by hyphens, cut at a word boundary near 60 bytes.
    static func slug(_ title: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(72)
        bytes: for byte in title.utf8 {
            switch byte {
            case 0x41...0x5A: out.append(byte + 0x20)
            case 0x61...0x7A, 0x30...0x39: out.append(byte)
            case 0x27: continue  // "Varga's" reads better as "vargas" than "varga-s"
            default:
                if out.count >= 60 { break bytes }
                if let last = out.last, last != 0x2D { out.append(0x2D) }
            }
            if out.count >= 72 { break }
        }
        while out.last == 0x2D { out.removeLast() }
        return out.isEmpty ? "story" : String(decoding: out, as: UTF8.self)
    }
}
