import NewsModels

/// Values built from the project's own sentences, covering every block type.
enum ModelFixtures {
    static let source = Source(id: "lantern-daily.example", name: "Lantern Daily", domain: "lantern-daily.example", url: "https://lantern-daily.example/")

    static let blocks: [Block] = [
        .paragraph(text: "Harbor officials said the new ferry schedule starts in spring.", citations: [Citation(url: "https://port.example/notice", domain: "port.example", label: "Port notice")]),
        .heading(level: 2, text: "What changes for riders"),
        .list(ordered: false, items: ["Earlier first sailing", "A late boat on Fridays"]),
        .list(ordered: true, items: ["Buy a pass", "Board at gate 3"]),
        .quote(text: "We listened to the night-shift workers.", attribution: "Mara Ilves, harbor director"),
        .image(ImageRef(url: "https://lantern-daily.example/ferry.jpg", alt: "A white ferry at dawn", caption: "The ferry leaves the north pier.")),
        .embed(Embed(kind: "x", author: "Harbor Authority", handle: "@harbor", date: "March 3, 2025", url: "https://x.example/harbor/1", text: "New timetable is live 🚢 新しい時刻表")),
    ]

    static func article(id: String = "lantern-1", rev: Int = 1, title: String = "Ferry timetable gets an early boat") -> Article {
        Article(
            id: id, rev: rev, url: "https://lantern-daily.example/2025/03/ferry", source: source, storyId: "story-ferry",
            title: title, dek: "Riders asked for it for years.", byline: "By Oskar Venn", dateline: "NORTH PIER",
            language: "en", publishedAt: Timestamp(rfc3339: "2025-03-03T08:15:00+09:00")!,
            updatedAt: Timestamp(rfc3339: "2025-03-03T10:00:00.250+09:00")!, categories: ["Transport", "City"],
            readingMinutes: 3, image: ImageRef(url: "https://lantern-daily.example/lead.jpg", alt: "Pier", caption: nil),
            blocks: blocks, changedFields: rev > 1 ? ["title"] : nil)
    }

    static let hlc = HLC(wallMillis: 1_741_000_000_000, counter: 3, node: "client-a")
}
