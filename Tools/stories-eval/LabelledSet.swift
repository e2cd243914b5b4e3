import Foundation
import NewsModels

/// A labelled grouping set: articles with the event each truly belongs to, in the NDJSON format of
/// `../shared/eval/stories` (`id`, `title`, `text`, `publishedAt`, `source`, `sourceName`, `url`, `event`).
struct LabelledSet {
    /// One article and its gold event.
    struct Item {
        var article: Article
        var event: String
        /// Calendar month of publication (`2021-05`), for validation across months.
        var month: String
        /// Calendar day of publication, the unit articles arrive in without an order.
        var day: Int64
    }

    /// Why a labelled file could not be read.
    enum ReadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case badLine(path: String, line: Int, reason: String)
        case empty(path: String)

        var description: String {
            switch self {
            case let .unreadable(path, reason): "cannot read \(path): \(reason)"
            case let .badLine(path, line, reason): "\(path):\(line): \(reason); each line must be one JSON object with id, title, text, publishedAt, source and event"
            case let .empty(path): "\(path) holds no articles"
            }
        }
    }

    /// The items in publication order, ties in file order.
    var items: [Item]

    private struct Line: Decodable {
        var id: String
        var title: String
        var text: String
        var publishedAt: String
        var source: String
        var sourceName: String?
        var url: String?
        var event: String
    }

    /// Reads the file at `path`.
    init(path: String) throws(ReadError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        var items: [Item] = []
        for (number, raw) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard raw.contains(where: { !($0 == 32 || $0 == 9 || $0 == 13) }) else { continue }
            let line: Line
            do { line = try JSONDecoder().decode(Line.self, from: Data(raw)) } catch {
                throw .badLine(path: path, line: number + 1, reason: "not a labelled article (\(error))")
            }
            guard let published = Timestamp(rfc3339: line.publishedAt) else {
                throw .badLine(path: path, line: number + 1, reason: "publishedAt \(line.publishedAt) is not an RFC 3339 time")
            }
            let paragraphs = line.text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let article = Article(
                id: line.id, url: line.url, source: Source(id: line.source, name: line.sourceName ?? line.source),
                title: line.title, language: "en", publishedAt: published,
                blocks: paragraphs.map { Block.paragraph(text: $0) })
            let month = String(line.publishedAt.prefix(7))
            items.append(Item(article: article, event: line.event, month: month, day: published.epochMilliseconds / 86_400_000))
        }
        guard !items.isEmpty else { throw .empty(path: path) }
        // A stable sort keeps file order among equal times.
        self.items = items.enumerated().sorted {
            ($0.element.article.publishedAt.epochMilliseconds, $0.offset) < ($1.element.article.publishedAt.epochMilliseconds, $1.offset)
        }.map(\.element)
    }

    init(items: [Item]) { self.items = items }

    /// The months present, in order.
    var months: [String] { Array(Set(items.map(\.month))).sorted() }

    /// The items of the months in `months`, in the same order.
    func only(months: Set<String>) -> LabelledSet { LabelledSet(items: items.filter { months.contains($0.month) }) }

    /// The same items with each day's articles in another order (a seeded shuffle).
    func shuffledWithinDays(seed: UInt64) -> LabelledSet {
        var generator = SplitMix(seed: seed)
        var result: [Item] = []
        var start = 0
        while start < items.count {
            var end = start
            while end < items.count && items[end].day == items[start].day { end += 1 }
            result += items[start..<end].shuffled(using: &generator)
            start = end
        }
        return LabelledSet(items: result)
    }
}

/// A small seeded generator, so shuffles repeat from run to run.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
