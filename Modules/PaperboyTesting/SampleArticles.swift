import NewsModels

/// Small articles for tests that need a few of one outlet's reports: `quay-N`, "Ferry timetable N",
/// from quay-herald.example, a minute apart from a fixed day in November 2025.
public enum SampleArticles {
    /// The outlet every sample article is from.
    public static let source = Source(id: "quay-herald.example", name: "Quay Herald")

    /// Articles `quay-<index>` for each index in `range`.
    public static func ferryTimetables(_ range: ClosedRange<Int>) -> [Article] {
        range.map { index in
            Article(
                id: "quay-\(index)", source: source, title: "Ferry timetable \(index)",
                publishedAt: Timestamp(epochMilliseconds: 1_763_700_000_000 + Int64(index) * 60_000, offsetMinutes: 0),
                blocks: [.paragraph(text: "Timetable \(index): the night ferry now leaves at ten.", citations: [])])
        }
    }
}
