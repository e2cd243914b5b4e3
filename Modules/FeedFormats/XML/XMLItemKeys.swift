/// The keys article ids are made from (`FeedArticleID`), for every item of one document at once.
///
/// An item's key is its guid/id, else `rdf:about`, else its link, so retitling keeps its id. Items
/// that share that key in one document are different articles to every peer reader, so they are told
/// apart instead of merging. Items without a guid that share a link are all keyed by link and title;
/// a guid reused by mistake stays the key of its first item, and the later ones add their link and
/// title. When even those are the same, the place counted from the end of the feed is added (feeds add
/// new items at the top, so older items keep their number). An item re-fetched with the same key (and,
/// when shared, the same title) keeps its id. Items with no guid and no link at all are keyed by their
/// title, else by the start of their text, else by whatever else they hold.
enum XMLItemKeys {
    /// The key of each item, in order; nil for an item with nothing to key it by.
    static func assign(_ items: [XMLRawItem]) -> [String?] {
        let own = items.map { item in item.key.map(TextCleaning.trimmed) ?? textKey(item) }
        var uses: [String: Int] = [:]
        for key in own { if let key { uses[key, default: 0] += 1 } }
        var firstUse = Set<String>()
        var keys = zip(items, own).map { item, key -> String? in
            guard let key, uses[key, default: 0] > 1 else { return key }
            let hasGuid = [item.guid, item.about].contains { $0.map(FeedItemKey.hasText) ?? false }
            if hasGuid, firstUse.insert(key).inserted { return key }
            let link = hasGuid ? (item.link ?? item.fallbackLink).map(TextCleaning.trimmed) : nil
            return [key, link ?? "", title(item) ?? ""].joined(separator: "\n")
        }
        var seen: [String: Int] = [:]
        for index in keys.indices.reversed() {
            guard let key = keys[index] else { continue }
            let earlier = seen[key, default: 0]
            seen[key] = earlier + 1
            if earlier > 0 { keys[index] = key + "\n#\(earlier)" }
        }
        return keys
    }

    /// The title (else `media:title`) as one trimmed line; nil when empty.
    static func title(_ item: XMLRawItem) -> String? {
        TextCleaning.nonEmptyLine((item.title ?? item.mediaTitle)?.value)
    }

    /// The key of an item with neither guid nor link: `title:` and its title, else `text:` and the
    /// first 200 characters of its summary or content, else what else it has (its dates, image,
    /// authors and categories). An item with nothing at all is keyed `empty:`, and `assign` tells such
    /// items apart by their place from the end. Peer readers keep every item, however bare.
    private static func textKey(_ item: XMLRawItem) -> String? {
        if let title = title(item) { return "title:" + title }
        if let text = TextCleaning.nonEmptyLine((item.summary ?? item.content ?? item.fallbackSummary)?.value) {
            return "text:" + String(text.prefix(200))
        }
        let rest = [item.published, item.updated, item.image?.url, item.itunesAuthor]
            .compactMap { TextCleaning.nonEmptyLine($0) } + item.authors + item.categories
        return "empty:" + String(rest.joined(separator: "\n").prefix(400))
    }
}
