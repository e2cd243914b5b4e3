import FeedFormats
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NewsModels
import Testing

/// One item as an independent reader sees it: Foundation's `XMLParser` or `JSONSerialization`.
struct IndependentItem {
    var title = ""
    var link: String?
    var date: String?
}

/// Reads the items of an RSS, RDF or Atom file with Foundation's `XMLParser`: each `item`/`entry`,
/// its own `title`, its `link` (Atom: the first alternate `href`) and its first date element.
final class IndependentXMLReader: NSObject, XMLParserDelegate {
    private(set) var items: [IndependentItem] = []
    private var current: IndependentItem?
    private var depth = 0, itemDepth = 0
    private var text = ""
    private static let plainNamespaces: Set<String> = [
        "", "http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#", "http://purl.org/rss/1.0/",
        "http://my.netscape.com/rdf/simple/0.9/", "http://backend.userland.com/rss2",
    ]
    /// Date elements, the publication date first: an item's date is the first of these it has.
    private static let dateNames = ["pubDate", "published", "issued", "date", "created", "updated", "modified"]
    private var dateRank = Int.max

    /// The items of `data`, nil when `XMLParser` cannot read it.
    static func items(_ data: Data) -> [IndependentItem]? {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        let reader = IndependentXMLReader()
        parser.delegate = reader
        return parser.parse() ? reader.items : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        text = ""
        if current == nil, name == "item" || name == "entry" {
            current = IndependentItem()
            itemDepth = depth
            dateRank = Int.max
        } else if current != nil, depth == itemDepth + 1, name == "link", Self.plainNamespaces.contains(namespaceURI ?? ""),
                  let href = attributes["href"], current?.link == nil, (attributes["rel"] ?? "alternate") == "alternate" {
            current?.link = href
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { depth -= 1 }
        guard current != nil else { return }
        if depth == itemDepth {
            items.append(current!)
            current = nil
            return
        }
        guard depth == itemDepth + 1 else { return }
        let plain = Self.plainNamespaces.contains(namespaceURI ?? "")
        if name == "title", plain { current?.title = text }
        if name == "link", plain, current?.link == nil, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            current?.link = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let rank = Self.dateNames.firstIndex(of: name), rank < dateRank {
            current?.date = text.trimmingCharacters(in: .whitespacesAndNewlines)
            dateRank = rank
        }
    }
}

/// The items of a JSON Feed read with `JSONSerialization`.
func independentJSONItems(_ data: Data) -> [IndependentItem]? {
    guard let feed = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let items = feed["items"] as? [[String: Any]] else { return nil }
    return items.map { item in
        IndependentItem(title: item["title"] as? String ?? "", link: item["url"] as? String ?? item["external_url"] as? String,
                        date: item["date_published"] as? String ?? item["date_modified"] as? String)
    }
}

extension FeedFormatsTests {
    /// The real feeds among the peer readers' test files (NetNewsWire's, newsboat's) are kept item for
    /// item: count, title, link and date, against an independent reading of the same file.
    @Suite(.needsEvalFeeds) struct ConformanceRealFeeds {
        /// What differs between Paperboy's reading of one file and the independent one (empty: none).
        static func differences(_ file: URL) -> [(term: String, why: String)]? {
            guard let data = try? Data(contentsOf: file) else { return nil }
            let json = file.pathExtension == "json"
            guard let independent = json ? independentJSONItems(data) : IndependentXMLReader.items(data) else { return nil }
            let articles: [Article]
            switch conformanceParse(file) {
            case let .success(result):
                articles = result.articles
                guard articles.count == independent.count else {
                    let why = result.problems.first.map { " (\($0))" } ?? ""
                    return [("count", "\(articles.count) items kept of \(independent.count)\(why)")]
                }
            case let .failure(error): return [("count", "refused: \(error)")]
            }
            var found: [(String, String)] = []
            for (index, (article, item)) in zip(articles, independent).enumerated() {
                // The title as written, or as HTML would show it (feeds disagree on whether titles are HTML).
                if ExpectEvaluator.collapsed(article.title) != ExpectEvaluator.collapsed(item.title), !ExpectEvaluator.same(article.title, item.title) {
                    found.append(("title[\(index)]", "\"\(article.title.prefix(60))\" for \"\(item.title.prefix(60))\""))
                }
                if let link = item.link?.trimmingCharacters(in: .whitespacesAndNewlines), !link.isEmpty,
                   article.url != link, !(link.hasPrefix("http") == false && article.url?.hasSuffix(link) == true) {
                    found.append(("link[\(index)]", "\(article.url ?? "none") for \(link)"))
                }
                let expected = item.date.flatMap { JSONDateReading.read($0) } ?? conformanceUndatedDate
                if article.publishedAt.epochMilliseconds != expected.epochMilliseconds {
                    found.append(("date[\(index)]", "\(article.publishedAt.rfc3339) for \(item.date ?? "no date")"))
                }
            }
            return found
        }

        @Test func everyItemIsKeptWithItsTitleLinkAndDate() throws {
            let listed = ListedDeviation.all()
            var files = 0, matched = 0, items = 0, expectedItems = 0, unlisted: [String] = [], seen: Set<ListedDeviation> = []
            for folder in ["netnewswire", "newsboat"] {
                let root = evalFeedsFolder.appendingPathComponent(folder)
                for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
                    let url = root.appendingPathComponent(name)
                    guard let data = try? Data(contentsOf: url), FeedDocumentKind.sniff(data)?.isSubscribable == true else { continue }
                    guard let found = Self.differences(url) else {
                        print("  \(folder)/\(name): the independent reader cannot read it; not compared")
                        continue
                    }
                    files += 1
                    items += (try? conformanceParse(url).get().articles.count) ?? 0
                    expectedItems += (url.pathExtension == "json" ? independentJSONItems(data) : IndependentXMLReader.items(data))?.count ?? 0
                    if found.isEmpty { matched += 1 }
                    for (term, why) in found {
                        let covering = listed.filter { $0.covers(file: "\(folder)/\(name)", term: term, why: why) }
                        seen.formUnion(covering)
                        let covered = !covering.isEmpty
                        print("  \(covered ? "listed" : "FAIL") \(folder)/\(name) \(term): \(why)")
                        if !covered { unlisted.append("\(folder)/\(name) \(term)") }
                    }
                }
            }
            for row in listed where (row.file.hasPrefix("netnewswire/") || row.file.hasPrefix("newsboat/")) && !seen.contains(row) {
                print("  listed deviation no longer seen (remove it from docs/INTEROP.md): \(row.file) \(row.term)")
            }
            print("real feeds: \(files) files compared, \(matched) match item for item, \(items) of \(expectedItems) items kept")
            #expect(unlisted.isEmpty, "\(unlisted.count) differences not listed in docs/INTEROP.md: \(unlisted.prefix(20))")
            #expect(files >= 30, "only \(files) feed files were compared: is the folder complete?")
        }
    }
}

/// The date an independent reading expects Paperboy to keep: the file's date string read as any
/// reader would (the date scanner is itself tested against feedparser's date forms).
enum JSONDateReading {
    static func read(_ text: String) -> Timestamp? {
        Timestamp(rfc3339: text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? FeedDates.parse(text)
    }
}
