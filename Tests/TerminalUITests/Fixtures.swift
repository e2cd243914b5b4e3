import Foundation
import NewsModels
import NewsStore

/// Articles in the project's own words that exercise every block type and every header field.
enum Fixtures {
    static let harbour = Source(id: "harbour-ledger.example", name: "Harbour Ledger", domain: "harbour-ledger.example")
    static let kanto = Source(id: "kanto-evening.example", name: "関東イブニング 📰", domain: "kanto-evening.example")

    /// 14:05 at +09:00 on 3 March 2025, shown in UTC by the tests.
    static let published = Timestamp(epochMilliseconds: 1_740_978_300_000, offsetMinutes: 540)
    /// The reference "now" for ages: two days and three hours later.
    static let now = Timestamp(epochMilliseconds: 1_740_978_300_000 + 51 * 3_600_000)

    static let everyBlock = StoredArticle(number: 42, seq: 7, article: Article(
        id: "harbour-ledger.example/ferry-timetable", rev: 3, url: "https://harbour-ledger.example/2025/03/ferry-timetable-overhaul-announced",
        source: harbour, storyId: "story-ferry", title: "Ferry timetable overhaul announced after a winter of cancelled crossings",
        dek: "The island service will add two evening sailings and retire its oldest vessel by the autumn.",
        byline: "By Morwenna Castellane and Tobiah Renwick", dateline: "PORT ELLISON", language: "en",
        publishedAt: published, updatedAt: Timestamp(epochMilliseconds: published.epochMilliseconds + 5_400_000, offsetMinutes: 540),
        categories: ["Transport"], readingMinutes: 4,
        image: ImageRef(url: "https://harbour-ledger.example/img/ferry.jpg", alt: "The Ellison ferry leaving the north quay at dusk", caption: "The oldest vessel, in service since 1989."),
        blocks: [
            .paragraph(text: "The harbour board voted on Monday to rewrite the ferry timetable, the first full change in eleven years.",
                       citations: [Citation(url: "https://board.example/minutes/march", domain: "board.example", label: "Board minutes")]),
            .heading(level: 2, text: "What changes"),
            .list(ordered: false, items: ["Two extra evening sailings on weekdays", "A single fare for foot passengers and cyclists, whatever the hour of travel"]),
            .heading(level: 3, text: "When it starts"),
            .list(ordered: true, items: ["April: new evening sailings", "June: fares change", "September: the old vessel retires", "October: winter timetable",
                                         "November: review", "December: report", "January: consultation", "February: vote", "March: final timetable",
                                         "April again: the second year begins"]),
            .quote(text: "We heard every complaint this winter, and most of them were fair.", attribution: "Ines Varga, harbour board chair"),
            .image(ImageRef(url: "https://harbour-ledger.example/img/quay.jpg", alt: nil, caption: nil)),
            .embed(Embed(kind: "post", author: "Port Ellison Council", handle: "@ellisoncouncil", date: "March 3, 2025",
                         url: "https://social.example/ellisoncouncil/status/1", text: "The new timetable is published today. Tell us what you think before Friday.")),
            .paragraph(text: "Crossings were cancelled on 31 days between November and February, according to figures the board published last week.",
                       citations: [Citation(url: "https://board.example/figures", domain: "board.example", label: nil),
                                   Citation(url: nil, domain: "coastguard.example", label: "Coastguard log")]),
        ],
        changedFields: ["title", "blocks"]),
        state: ArticleState(articleId: "harbour-ledger.example/ferry-timetable"))

    static let wide = StoredArticle(number: 7, seq: nil, article: Article(
        id: "kanto-evening.example/typhoon", url: "https://kanto-evening.example/articles/typhoon-2025",
        source: kanto, title: "台風10号、関東に接近 🌀 交通機関に乱れ", dek: "気象庁は１日、沿岸部に高潮への警戒を呼びかけた。🇯🇵",
        byline: "社会部 山田花子", dateline: "13:58 JST、2025年3月3日", language: "ja", publishedAt: published,
        blocks: [
            .paragraph(text: "台風10号は３日午後、関東地方の南の海上を北上しており、鉄道各社は夕方以降の運転を見合わせると発表した。空の便も欠航が相次いでいる。"),
            .heading(level: 2, text: "各地の状況 ☔"),
            .list(ordered: false, items: ["東京：雨風が強まる見込み 🌧️", "横浜：沿岸部に避難指示 👩‍👩‍👧", "千葉：停電 約1万2千戸"]),
            .quote(text: "早めの避難をお願いします。", attribution: "気象庁の担当者"),
            .paragraph(text: "Mixed line: 🚆 trains stop at 18:00, ✈️ flights resume tomorrow, and 한국어 readers get the same notice."),
            .image(ImageRef(url: "https://kanto-evening.example/img/map.png", alt: "台風の進路予想図", caption: nil)),
            .embed(Embed(author: "気象庁", handle: "@JMA_kishou", date: nil, url: nil, text: "台風第10号に関する情報（第15号）を発表しました。")),
        ]),
        state: ArticleState(articleId: "kanto-evening.example/typhoon"))

    static let entries: [TimelineEntry] = [
        TimelineEntry(number: 104, id: "a", rev: 1, title: "台風10号、関東に接近 🌀 交通機関に乱れ 鉄道各社が運転見合わせ", sourceId: kanto.id, sourceName: kanto.name,
                      storyId: nil, publishedAt: Timestamp(epochMilliseconds: now.epochMilliseconds - 25 * 60_000), isRead: false, isStarred: true),
        TimelineEntry(number: 98, id: "b", rev: 2, title: "Ferry timetable overhaul announced after a winter of cancelled crossings", sourceId: harbour.id,
                      sourceName: harbour.name, storyId: "story-ferry", publishedAt: Timestamp(epochMilliseconds: now.epochMilliseconds - 5 * 3_600_000),
                      isRead: true, isStarred: false),
        TimelineEntry(number: 7, id: "c", rev: 1, title: "🎉🎉🎉 Lantern festival returns 🏮", sourceId: "lantern.example", sourceName: "The Lantern Post",
                      storyId: nil, publishedAt: Timestamp(epochMilliseconds: now.epochMilliseconds - 9 * 86_400_000), isRead: false, isStarred: false),
        TimelineEntry(number: 3, id: "d", rev: 1, title: "서울 지하철 파업 이틀째", sourceId: "han.example", sourceName: "한강 헤럴드 Han River Herald",
                      storyId: nil, publishedAt: Timestamp(epochMilliseconds: now.epochMilliseconds - 400 * 86_400_000), isRead: false, isStarred: false),
    ]
}
