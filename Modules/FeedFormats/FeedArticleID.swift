import NewsModels

/// The one scheme every feed format uses for article ids, so re-imports and edits keep an article's id.
public enum FeedArticleID {
    /// 16 lowercase hex digits of SHA-256 over the source id and the item's own key (JSON Feed `id`,
    /// RSS `guid`, or its URL); never the headline, so retitling keeps the id.
    public static func make(sourceID: String, itemKey: String) -> String {
        String(SHA256.hex(Array((sourceID + "\n" + itemKey).utf8)).prefix(16))
    }
}
