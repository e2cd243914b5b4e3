import Foundation
import NewsModels

/// What the top of a dump says about its article.
struct DumpHeader {
    /// The headline, "" when the dump starts straight with body text.
    var title = ""
    /// The summary under the headline.
    var dek: String?
    /// `By …`, from a byline line, a name above the date line or the slash header's author.
    var byline: String?
    /// A place-and-time line as printed, or the slash header's place.
    var dateline: String?
    /// The dump's own publication date, when it prints one.
    var published: Timestamp?
    /// An `Updated …` date next to a publication date.
    var updated: Timestamp?
    /// Labels from a meta line.
    var categories: [String] = []
    /// Reading time printed by the outlet (`4 minute read`).
    var readingMinutes: Int?
    /// The first image above the body, with an http(s) URL.
    var leadImage: ImageRef?
    /// Header pictures that are not the lead image, e.g. a photo caption printed above the dateline.
    var blocks: [Block] = []
    /// Index of the first body line.
    var bodyStart = 0
}

/// Reads the header of one dump: lead image, title (plain or a slash header), dek, meta lines,
/// byline, dateline and photo captions above the dateline, stopping at the first body line.
enum DumpHeaderReader {
    static func read(_ lines: [DumpLine]) -> DumpHeader {
        var header = DumpHeader()
        var i = 0
        while i < lines.count, let image = DumpShape.markdownImage(lines[i].text) {
            take(image, into: &header)
            i += 1
        }
        guard i < lines.count else { header.bodyStart = i; return header }

        if let slash = SlashHeader(lines[i].text) {
            header.title = slash.title
            header.byline = slash.byline
            header.dateline = slash.place
            header.published = slash.published
            header.dek = slash.summary
            i += 1
        } else if isTitleShaped(lines[i].text), DumpMetaLine(lines[i].text, title: "") == nil {
            header.title = DumpBoilerplate.withoutUpdateMarker(lines[i].text)
            i += 1
            if i + 1 < lines.count, isDekShaped(lines[i].text), endsHeaderParagraph(lines, i + 1) {
                header.dek = lines[i].text
                i += 1
            }
        } else {
            header.bodyStart = i
            return header
        }

        while i < lines.count {
            let text = lines[i].text
            if var image = DumpShape.markdownImage(text) {
                if i + 1 < lines.count, DumpBodyBuilder.isCaption(lines[i + 1].text, under: image) {
                    image.caption = lines[i + 1].text
                    i += 1
                }
                take(image, into: &header)
            } else if let meta = DumpMetaLine(text, title: header.title) {
                apply(meta, to: &header)
            } else if i + 1 < lines.count, DumpShape.terminal(text) == nil, DumpShape.wordCount(text) <= 25,
                      let next = DumpMetaLine(lines[i + 1].text, title: header.title), next.published != nil {
                // A label right above the date line: the author's name, else the caption of a photo
                // the dump lost (outlets print captions between headline and dateline).
                if DumpShape.isPersonName(text), header.byline == nil {
                    header.byline = DumpMetaLine.byline(text)
                } else {
                    header.blocks.append(.image(ImageRef(caption: text)))
                }
            } else {
                break
            }
            i += 1
        }
        header.bodyStart = i
        if header.published == nil { swap(&header.published, &header.updated) }
        return header
    }

    private static func take(_ image: ImageRef, into header: inout DumpHeader) {
        if header.leadImage == nil, image.url != nil { header.leadImage = image } else { header.blocks.append(.image(image)) }
    }

    private static func apply(_ meta: DumpMetaLine, to header: inout DumpHeader) {
        if header.categories.isEmpty { header.categories = meta.categories }
        if header.published == nil { header.published = meta.published }
        if header.updated == nil { header.updated = meta.updated }
        if header.readingMinutes == nil { header.readingMinutes = meta.readingMinutes }
        if header.dateline == nil { header.dateline = meta.dateline }
        if header.byline == nil { header.byline = meta.byline }
    }

    /// A headline: one short line that does not end like a sentence or a clause (`?` and `!` may end it).
    static func isTitleShaped(_ line: String) -> Bool {
        let count = DumpShape.wordCount(line)
        guard count <= 30, line.count <= 220, line.contains(where: \.isLetter) else { return false }
        if let end = DumpShape.terminal(line), ".,;:…".contains(end) { return false }
        return DumpShape.bullet(line) == nil && DumpShape.numbered(line) == nil && DumpShape.markdownImage(line) == nil
    }

    /// A standfirst: one to three sentences, at most 70 words, not a quotation or list item.
    static func isDekShaped(_ line: String) -> Bool {
        guard let end = DumpShape.terminal(line), ".!?".contains(end), let first = line.first,
              DumpShape.quotePairs[first] == nil, DumpShape.bullet(line) == nil, DumpShape.numbered(line) == nil
        else { return false }
        return DumpShape.wordCount(line) <= 70 && DumpShape.sentenceCount(line) <= 3
    }

    /// Whether a paragraph ends before line `next`: a blank line, or header material (meta line,
    /// byline, image) follows it. Without that break the paragraph is the body's first, not a dek.
    private static func endsHeaderParagraph(_ lines: [DumpLine], _ next: Int) -> Bool {
        let line = lines[next]
        return line.blankLinesBefore > 0 || DumpShape.markdownImage(line.text) != nil
            || DumpMetaLine(line.text, title: "") != nil
    }
}

/// A `Headline/ Outlet/ CITY/ Author/ Edition/ summary` line: segments separated by a slash and a space.
/// The outlet and edition are recognised so they are not mistaken for anything else, then left out:
/// the article keeps the caller's source.
struct SlashHeader {
    var title: String
    var place: String?
    var byline: String?
    var published: Timestamp?
    var summary: String?

    init?(_ line: String) {
        guard line.utf8.count <= 4000, line.contains("/ ") else { return nil }
        var segments: [String] = []
        var current = ""
        var previous: Character = " "
        for c in line {
            if previous == "/", c == " " {
                current.removeLast()
                segments.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
            previous = c
        }
        segments.append(current.trimmingCharacters(in: .whitespaces))
        guard segments.count >= 4, DumpHeaderReader.isTitleShaped(segments[0]) else { return nil }
        title = DumpBoilerplate.withoutUpdateMarker(segments[0])
        var labels = 0, unknown = 0
        for (index, segment) in segments.enumerated().dropFirst() {
            let count = DumpShape.wordCount(segment)
            if count >= 8 || DumpShape.terminal(segment).map({ ".!?".contains($0) }) == true {
                summary = segments[index...].joined(separator: "/ ")
                break
            }
            guard count >= 1, count <= 6 else { return nil }
            labels += 1
            if let date = DumpDateScanner.first(in: segment), published == nil, date.range.count >= segment.count - 1 {
                published = date.timestamp
            } else if segment.lowercased().hasSuffix("edition") {
                continue
            } else if DumpShape.isAllCaps(segment), place == nil {
                place = segment
            } else if DumpShape.isPersonName(segment), byline == nil {
                byline = DumpMetaLine.byline(segment)
            } else {
                unknown += 1  // the outlet's name; a second unknown label means this is not a header
            }
        }
        guard labels >= 2, unknown <= 1 else { return nil }
    }
}
