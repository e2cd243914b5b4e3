import Foundation
import NewsModels

/// Turns the body lines of a dump into blocks, one line at a time, looking one or two lines ahead:
/// images (with a caption line under them), social posts, lists, numbered headings, quotes, photo
/// captions, headings and paragraphs (with glued source domains as citations).
struct DumpBodyBuilder {
    private let lines: [DumpLine]
    private let title: String
    /// `title` as `same(_:_:)` compares it.
    private let titleKey: String
    private var blocks: [Block] = []
    private var index = 0
    /// Caption-only pictures so far: a document that has them likely ends with one too.
    private var captions = 0
    /// Whether a paragraph has been emitted: the body's first text is never taken for a caption.
    private var hasText = false

    /// The blocks of `lines`; `title` is the article's headline, whose reprints in the body are dropped.
    static func blocks(_ lines: [DumpLine], title: String) -> [Block] {
        var builder = DumpBodyBuilder(lines: lines, title: title)
        while builder.index < lines.count { builder.step() }
        return builder.blocks
    }

    private init(lines: [DumpLine], title: String) {
        self.lines = lines
        self.title = title
        self.titleKey = Self.comparable(title)
    }

    private func text(_ offset: Int = 0) -> String? {
        index + offset < lines.count ? lines[index + offset].text : nil
    }

    private mutating func step() {
        let line = lines[index].text
        let next = text(1)

        if !title.isEmpty, line.utf8.count <= titleKey.utf8.count + 8, Self.comparable(line) == titleKey {
            index += 1
            skipAlternativeHeadlines()
        } else if var image = DumpShape.markdownImage(line) {
            index += 1
            if let caption = text(), lines[index].blankLinesBefore == 0, Self.isCaption(caption, under: image) {
                image.caption = caption
                index += 1
            }
            blocks.append(.image(image))
        } else if let next, let attribution = EmbedAttribution(next) {
            blocks.append(.embed(attribution.embed(text: line)))
            index += 2
        } else if let attribution = EmbedAttribution(line) {
            blocks.append(.embed(attribution.embed(text: "")))
            index += 1
        } else if DumpShape.bullet(line) != nil {
            var items: [String] = []
            while let item = text().flatMap(DumpShape.bullet) { items.append(item); index += 1 }
            blocks.append(.list(ordered: false, items: items))
        } else if let (first, rest) = DumpShape.numbered(line) {
            numbered(first: first, rest: rest, line: line)
        } else if let (sentence, domain) = GluedCitation.split(line) {
            blocks.append(.paragraph(text: sentence, citations: [Citation(domain: domain)]))
            index += 1
        } else if let quote = DumpQuote(line), let attribution = quote.attribution ?? next.flatMap({ DumpQuote.attribution($0, ownLine: true) }) {
            blocks.append(.quote(text: quote.text, attribution: attribution))
            index += quote.attribution == nil ? 2 : 1
        } else if DumpShape.isMarkedCaption(line) || isChunkLeadCaption() || isClosingCaption() {
            blocks.append(.image(ImageRef(caption: line)))
            captions += 1
            index += 1
        } else if isHeading(line, next: next) {
            let heading = DumpShape.terminal(line) == ":" ? String(line.dropLast()).trimmingCharacters(in: .whitespaces) : line
            blocks.append(.heading(level: 2, text: heading))
            index += 1
        } else {
            blocks.append(.paragraph(text: line))
            index += 1
        }
        if case .paragraph? = blocks.last { hasText = true }
    }

    /// A run of consecutively numbered lines is an ordered list; a lone numbered line shaped like a
    /// heading (`1. Trade & Investment`, with content after it) is a heading that keeps its number.
    private mutating func numbered(first: Int, rest: String, line: String) {
        var items = [rest]
        while let (number, item) = text(items.count).flatMap(DumpShape.numbered), number == first + items.count {
            items.append(item)
        }
        if items.count >= 2 {
            blocks.append(.list(ordered: true, items: items))
        } else if isHeading(rest, next: text(1)), DumpShape.terminal(rest) == nil {
            blocks.append(.heading(level: 2, text: line))
        } else {
            blocks.append(.paragraph(text: line))
        }
        index += items.count
    }

    /// After a reprint of the headline, stacked headline-shaped lines are alternative headlines: all but
    /// the last are dropped, and the last stays only as the heading of the text that follows it.
    private mutating func skipAlternativeHeadlines() {
        while let line = text(), let next = text(1), Self.isBareLabel(line), Self.isBareLabel(next),
              DumpShape.numbered(next) == nil {
            index += 1
        }
    }

    /// A section heading: a short line with content after it that ends in a word (`Trade deficit and
    /// tariffs`), or a title-case question (`What Comes Next?`), or a title-case label ending in a colon
    /// that introduces a list (`Why This Visit Matters:`).
    private func isHeading(_ line: String, next: String?) -> Bool {
        guard let next, line.first(where: { $0.isLetter || $0.isNumber })?.isLowercase == false else { return false }
        let count = DumpShape.wordCount(line)
        switch DumpShape.terminal(line) {
        case nil:
            return Self.isBareLabel(line)
        case "?":
            return count <= 10 && DumpShape.isTitleCase(line)
        case ":":
            return count <= 10 && DumpShape.isTitleCase(line) && (DumpShape.bullet(next) != nil || DumpShape.numbered(next) != nil)
        default:
            return false
        }
    }

    /// Short, ending in a word, and not a list item, image or social-post attribution.
    private static func isBareLabel(_ line: String) -> Bool {
        DumpShape.terminal(line) == nil && DumpShape.wordCount(line) <= 14 && line.count <= 120
            && DumpShape.bullet(line) == nil && DumpShape.markdownImage(line) == nil && EmbedAttribution(line) == nil
            && line.contains(where: \.isLetter)
    }

    /// The line under an image is its caption when it repeats the alt text or reads like a caption.
    static func isCaption(_ line: String, under image: ImageRef) -> Bool {
        if let alt = image.alt, Self.same(line, alt) { return true }
        return DumpShape.isMarkedCaption(line)
    }

    /// A one-sentence line that opens a blank-line-separated chunk and is followed, without a blank
    /// line, by a much longer paragraph: the caption of a photo the dump lost. Never the body's first text.
    private func isChunkLeadCaption() -> Bool {
        guard hasText, lines[index].blankLinesBefore > 0, let next = text(1), lines[index + 1].blankLinesBefore == 0,
              Self.isCaptionSentence(lines[index].text), DumpShape.bullet(next) == nil,
              let end = DumpShape.terminal(next), ".!?".contains(end)
        else { return false }
        return DumpShape.wordCount(next) >= 2 * DumpShape.wordCount(lines[index].text)
    }

    /// The last line, alone after a blank line, in a document that already had photo captions.
    private func isClosingCaption() -> Bool {
        captions > 0 && index == lines.count - 1 && lines[index].blankLinesBefore > 0
            && Self.isCaptionSentence(lines[index].text)
    }

    /// One sentence of at most 20 words ending in a period, with no quotation in it.
    private static func isCaptionSentence(_ line: String) -> Bool {
        DumpShape.terminal(line) == "." && DumpShape.wordCount(line) <= 20 && DumpShape.sentenceCount(line) == 1
            && !line.contains(where: { "“”\"".contains($0) }) && DumpShape.bullet(line) == nil && DumpShape.numbered(line) == nil
    }

    /// Equal ignoring case, apostrophe style and trailing punctuation.
    static func same(_ a: String, _ b: String) -> Bool {
        comparable(a) == comparable(b)
    }

    private static func comparable(_ text: String) -> String {
        String(DumpShape.dropTrailing(String(text.lowercased().map { $0 == "’" ? "'" : $0 }), while: { ".!?: ".contains($0) }))
    }
}
