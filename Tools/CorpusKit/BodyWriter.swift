import NewsModels

/// Writes an article body: mostly paragraphs, with headings, lists, quotes, pictures and posts
/// placed where a newsroom would put them, until the text reaches a target size.
///
/// Sizes are tracked in UTF-8 bytes of `Article.bodyText` (blocks joined by blank lines), so the
/// 2–4 KB guarantee holds for exactly what search indexes.
struct BodyWriter {
    /// Upper bound on body text; with a lower target of at least 2,200 bytes every body lands in 2–4 KB.
    static let cap = 3_990
    /// Longest sentence the templates can produce, with slack; a sentence is only started when it fits.
    static let sentenceRoom = 300

    var renderer: Renderer
    let outlet: Outlet
    let local: Dates.Civil
    let mediaPrefix: String
    private(set) var blocks: [Block] = []
    private(set) var bytes = 0
    private(set) var words = 0
    /// Beat sentences already used in this body (a bit per template).
    private var beatUsed: UInt64 = 0
    /// Shared sentences already used: neutral ones, then civic ones.
    private var sharedUsed: UInt64 = 0

    init(renderer: Renderer, outlet: Outlet, local: Dates.Civil, mediaPrefix: String) {
        self.renderer = renderer
        self.outlet = outlet
        self.local = local
        self.mediaPrefix = mediaPrefix
        blocks.reserveCapacity(14)
    }

    enum Extra { case quote, heading, subheading, list, image, embed }

    mutating func write() {
        let target = renderer.rng.inRange(2_200...3_600)
        // Each extra is anchored after a paragraph number; anything not reached is added at the end.
        var extras: [(after: Int, kind: Extra)] = []
        if renderer.rng.chance(20) { extras.append((renderer.rng.inRange(1...2), .image)) }
        if renderer.rng.chance(40) { extras.append((2, .quote)) }
        if renderer.rng.chance(40) {
            extras.append((3, .heading))
            if renderer.rng.chance(35) { extras.append((5, .subheading)) }
        }
        if renderer.rng.chance(25) { extras.append((renderer.rng.chance(50) ? 3 : 4, .list)) }
        if renderer.rng.chance(6) { extras.append((4, .embed)) }
        extras.sort { $0.after < $1.after }

        paragraph(lede: true)
        var written = 1, next = 0
        while bytes < target, bytes + 2 + Self.sentenceRoom <= Self.cap {
            while next < extras.count, extras[next].after <= written {
                extra(extras[next].kind)
                next += 1
            }
            paragraph(lede: false)
            written += 1
        }
        // A heading with nothing under it would look broken, so late headings are dropped.
        for item in extras[next...] where item.kind != .heading && item.kind != .subheading { extra(item.kind) }
    }

    // MARK: Blocks

    private mutating func paragraph(lede: Bool) {
        var text = ""
        text.reserveCapacity(640)
        let beat = renderer.cast.beat
        let count = lede ? renderer.rng.inRange(2...3) : renderer.rng.inRange(2...4)
        for i in 0..<count {
            if i > 0 {
                guard bytes + 2 + text.utf8.count + 1 + Self.sentenceRoom <= Self.cap else { break }
                text += " "
            }
            if lede && i == 0 {
                renderer.render(renderer.rng.pick(beat.ledes), into: &text)
                continue
            }
            renderer.render(nextSentence(beat), into: &text)
        }
        var citations: [Citation] = []
        if !lede, renderer.rng.chance(15), bytes + 2 + text.utf8.count + 110 <= Self.cap {
            citations.append(cite(&text))
        }
        add(.paragraph(text: text, citations: citations), bytes: text.utf8.count, words: Self.countWords(text))
    }

    /// Half beat sentences, half shared ones, never repeating a template until its pool runs out;
    /// beats have fewer sentences than the shared pools, so they are favoured while they last.
    private mutating func nextSentence(_ beat: Beat) -> Template {
        let beatLeft = beatUsed.nonzeroBitCount < beat.sentences.count
        if beatLeft && renderer.rng.chance(55) {
            return beat.sentences[Self.fresh(&beatUsed, beat.sentences.count, &renderer.rng)]
        }
        let neutral = Words.neutralSentences, civic = Words.civicSentences
        let pick = Self.fresh(&sharedUsed, neutral.count + (beat.civic ? civic.count : 0), &renderer.rng)
        return pick < neutral.count ? neutral[pick] : civic[pick - neutral.count]
    }

    /// Adds a sentence crediting another outlet or a research body, and returns the matching citation.
    private mutating func cite(_ text: inout String) -> Citation {
        let form = renderer.rng.pick(Words.citationSentences)
        let reference = String(renderer.rng.next() % 1_000_000, radix: 36)
        let name: String, citation: Citation
        if renderer.rng.chance(60) {
            var rival = renderer.rng.pick(Catalog.outlets)
            if rival.source.id == outlet.source.id { rival = Catalog.outlets[0].source.id == outlet.source.id ? Catalog.outlets[1] : Catalog.outlets[0] }
            let domain = rival.source.domain ?? rival.source.id
            let path: String = String(local.year) + "/" + Dates.twoDigits[local.month] + "/report-" + reference
            name = rival.source.name
            citation = Citation(url: "https://" + domain + "/" + path, domain: domain, label: name)
        } else {
            let body = renderer.rng.pick(Words.citedBodies)
            name = body.name
            citation = Citation(url: "https://" + body.domain + "/reports/" + reference, domain: body.domain, label: String(body.name.dropFirst(4)))
        }
        text += " "
        if form.before.isEmpty, name.hasPrefix("the ") {
            text += "The" + name.dropFirst(3)
        } else {
            text += form.before + name
        }
        text += form.after
        return citation
    }

    private mutating func extra(_ kind: Extra) {
        let beat = renderer.cast.beat
        let cast = renderer.cast
        switch kind {
        case .heading, .subheading:
            let text = beat.headings[kind == .heading ? renderer.rng.below(beat.headings.count - 1) : beat.headings.count - 1]
            add(.heading(level: kind == .heading ? 2 : 3, text: text), bytes: text.utf8.count, words: Self.countWords(text))
        case .quote:
            let text = renderer.string(renderer.rng.pick(beat.quotes))
            let attribution = renderer.rng.chance(50) ? cast.person + ", " + cast.role : cast.person2 + ", " + cast.role2
            add(.quote(text: text, attribution: attribution), bytes: text.utf8.count + 1 + attribution.utf8.count,
                words: Self.countWords(text) + Self.countWords(attribution))
        case .list:
            var used: UInt64 = 0
            var items: [String] = []
            for _ in 0..<renderer.rng.inRange(3...min(5, beat.items.count)) {
                items.append(renderer.string(beat.items[Self.fresh(&used, beat.items.count, &renderer.rng)]))
            }
            add(.list(ordered: renderer.rng.chance(40), items: items),
                bytes: items.reduce(items.count - 1) { $0 + $1.utf8.count }, words: items.reduce(0) { $0 + Self.countWords($1) })
        case .image:
            let alt = renderer.string(renderer.rng.pick(beat.alts))
            let caption = renderer.string(renderer.rng.pick(beat.captions))
            add(.image(ImageRef(url: mediaPrefix + "-" + String(blocks.count) + ".jpg", alt: alt, caption: caption)),
                bytes: alt.utf8.count + 1 + caption.utf8.count, words: Self.countWords(alt) + Self.countWords(caption))
        case .embed:
            embed()
        }
    }

    private mutating func embed() {
        let cast = renderer.cast
        let roll = renderer.rng.below(10)
        let author = roll < 5 ? cast.person2 : roll < 8 ? Self.accountName(cast.org) : SyntheticCorpus.name(&renderer.rng).0
        let handle = "@" + Self.handle(author)
        let kind = renderer.rng.pick(Words.embedKinds)
        let text = renderer.string(renderer.rng.pick(cast.beat.posts))
        let post = Embed(
            kind: kind, author: author, handle: handle,
            date: Words.months[local.month - 1] + " " + String(local.day) + ", " + String(local.year),
            url: "https://" + kind + ".social.example/" + handle + "/" + String(renderer.rng.next() % 1_000_000_000_000),
            text: text)
        add(.embed(post), bytes: author.utf8.count + handle.utf8.count + text.utf8.count + 2,
            words: Self.countWords(author) + 1 + Self.countWords(text))
    }

    /// Appends a block whose plain text is `bytes` long, unless it would push the body over the cap.
    private mutating func add(_ block: Block, bytes size: Int, words count: Int) {
        let separator = blocks.isEmpty ? 0 : 2
        guard bytes + separator + size <= Self.cap else { return }
        blocks.append(block)
        bytes += separator + size
        words += count
    }

    // MARK: Helpers

    /// A random index below `count` (≤ 64) that is not yet in `used`: a used pick moves on to the next
    /// free one, so a body repeats no sentence until it has used them all (then it starts over).
    static func fresh(_ used: inout UInt64, _ count: Int, _ rng: inout SplitMix64) -> Int {
        let all: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) - 1
        if used & all == all { used = 0 }
        var index = rng.below(count)
        while used & (1 << UInt64(index)) != 0 { index = index + 1 == count ? 0 : index + 1 }
        used |= 1 << UInt64(index)
        return index
    }

    /// Words in generated text, matching `Article.wordCount`: every text this module writes is single
    /// spaced with no leading, trailing or line-breaking whitespace, so words are spaces plus one.
    static func countWords(_ text: String) -> Int {
        if text.isEmpty { return 0 }
        let spaces = text.utf8.withContiguousStorageIfAvailable(countSpaces)
        return 1 + (spaces ?? Array(text.utf8).withUnsafeBufferPointer(countSpaces))
    }

    // Eight bytes at a time (SWAR): a byte-by-byte scan of every article's text cost more than
    // rendering it, and the compiler does not vectorise that loop.
    private static func countSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, spaces: UInt64 = 0x2020_2020_2020_2020
        var count = 0, i = 0
        while i + 8 <= raw.count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ spaces
            // The high bit ends up set in exactly the bytes of `x` that are zero, i.e. were spaces.
            count &+= (~(((x & low7) &+ low7) | x | low7)).nonzeroBitCount
            i += 8
        }
        while i < raw.count {
            if raw[i] == 0x20 { count += 1 }
            i += 1
        }
        return count
    }

    /// "the Regional Water Board" as an account's display name: "Regional Water Board".
    static func accountName(_ org: String) -> String {
        org.hasPrefix("the ") ? String(org.dropFirst(4)) : org
    }

    /// A handle from a display name: its ASCII letters and digits, lowercased, at most 15.
    static func handle(_ name: String) -> String {
        var out: [UInt8] = []
        for byte in name.utf8 where out.count < 15 {
            switch byte {
            case 0x41...0x5A: out.append(byte + 0x20)
            case 0x61...0x7A, 0x30...0x39: out.append(byte)
            default: continue
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
