import Foundation
import NewsModels

/// Three invented outlets covering one invented event: a harbour authority buying a tramway. They
/// share a quote, disagree on the price, and each adds something the others leave out.
enum ComparisonFixtures {
    static let tidewater = Source(id: "tidewater-courier.example", name: "Tidewater Courier")
    static let quayside = Source(id: "quayside-post.example", name: "Quayside Post")
    static let ferrypoint = Source(id: "ferrypoint-daily.example", name: "Ferrypoint Daily")

    static func article(_ source: Source, _ time: String, title: String, _ paragraphs: [String]) -> Article {
        Article(id: source.id + "/tramway", url: "https://\(source.id)/tramway", source: source, storyId: "story-tramway", title: title,
                publishedAt: Timestamp(rfc3339: time)!, blocks: paragraphs.map { .paragraph(text: $0) })
    }

    static let articles: [Article] = [
        article(tidewater, "2031-05-06T08:05:00+01:00", title: "Harbour authority agrees to buy the Marlow tramway", [
            "The Port Ellison harbour authority has agreed to buy the Marlow Tramway Company for $3.2 billion, ending two years of talks.",
            "“We are buying the tramway so that the harbour and the hills share one ticket,” said the authority's chair, Ines Varga.",
            "The purchase still needs the approval of the Regional Transport Board, which next meets in the middle of June.",
        ]),
        article(quayside, "2031-05-06T10:15:00+01:00", title: "Tramway shareholders accept harbour offer", [
            "Shareholders in the Marlow Tramway Company accepted a $3.4 billion offer from the Port Ellison harbour authority on Tuesday.",
            "Ines Varga, who chairs the authority, told reporters: “We are buying the tramway so that the harbour and the hills share one ticket.”",
            "Drivers at the Marlow depot, represented by the Coastal Transit Union, were promised that none of their 640 jobs would go before 2034.",
        ]),
        article(ferrypoint, "2031-05-07T09:40:00+01:00", title: "Harbour to pay $3.2bn for hill trams", [
            "The harbour authority will pay $3.2 billion for the Marlow Tramway Company, according to a filing published on Tuesday.",
            "Fares on the hill line will be frozen for three years, the authority said in the same filing.",
            "Analysts at Brackwater Securities said the price valued each of the 58 trams at well above what a new one would cost.",
        ]),
    ]
}
