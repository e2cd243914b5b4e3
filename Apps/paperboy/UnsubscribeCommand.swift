import ArgumentParser
import Foundation
import NewsStore
import TerminalUI

struct UnsubscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unsubscribe",
        abstract: "Stop following a feed and remove its articles (starred ones stay).",
        discussion: """
              paperboy unsubscribe https://lantern.example/feed.xml
              paperboy unsubscribe 3                  line 3 of `paperboy subscriptions`
              paperboy unsubscribe 3 --keep-articles  stop polling, keep what was fetched
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The feed's URL, or its number in `paperboy subscriptions`.") var feed: String
    @Flag(help: "Keep the feed's articles in the store.") var keepArticles = false

    func run() throws {
        try reportingFailures {
            let store = try store.open()
            let url = try SubscriptionReference.resolve(feed, in: store)
            let removed = try store.removeSubscription(url: url, keepArticles: keepArticles)
            let kept = keepArticles ? "; its articles stay" : "; \(removed) article\(removed == 1 ? "" : "s") removed"
            Terminal.print("unsubscribed from \(TerminalText.sanitize(url))\(kept)")
        }
    }
}

/// Turns what the user typed (a URL or a list number) into a subscribed URL.
enum SubscriptionReference {
    static func resolve(_ reference: String, in store: NewsStore) throws -> String {
        let all = try store.subscriptions()
        if let number = Int(reference) {
            guard (1...max(all.count, 1)).contains(number), number <= all.count else {
                throw Failure.notFound("no subscription number \(number); there \(all.count == 1 ? "is 1" : "are \(all.count)"); see: paperboy subscriptions")
            }
            return all[number - 1].url
        }
        guard all.contains(where: { $0.url == reference }) else {
            throw Failure.notFound(Failure.message(for: .subscriptionNotFound(TerminalText.sanitize(String(reference.prefix(200))))))
        }
        return reference
    }
}
