import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import TerminalUI

struct SubscriptionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriptions",
        abstract: "List the feeds you follow directly, with their folders and last poll.",
        discussion: """
            Numbered lines: pass the number to `paperboy unsubscribe`. A feed whose last poll failed \
            shows the error and how many polls in a row have failed.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print JSON: an array of {url,title,homePage,folders,lastSuccessAt,lastError,failures}.") var json = false

    func run() throws {
        try reportingFailures {
            let all = try store.open().subscriptions()
            if json {
                let rows = all.map(SubscriptionJSON.init)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                CommandContext.current.printJSON(rows.isEmpty ? Data("[]".utf8) : try encoder.encode(rows))
                return
            }
            guard !all.isEmpty else {
                Terminal.print("no subscriptions; follow a feed with: paperboy subscribe URL (or paperboy import-opml FILE)")
                return
            }
            var lines: [String] = []
            for (index, record) in all.enumerated() {
                let folder = record.categories.isEmpty ? "" : "[\(record.categories.joined(separator: "/"))] "
                let title = record.title ?? "(not polled yet)"
                var line = "\(index + 1). \(folder)\(title) <\(record.url)>"
                if let error = record.lastError {
                    line += " — failing (\(record.failures)x): \(error)"
                } else if let success = record.lastSuccessAt {
                    line += " — polled \(success.rfc3339)"
                }
                lines.append(TerminalText.sanitize(line))
            }
            Terminal.print(lines)
        }
    }
}

/// The `--json` shape of one subscription.
private struct SubscriptionJSON: Encodable {
    var url: String
    var title: String?
    var homePage: String?
    var folders: [String]
    var lastSuccessAt: String?
    var lastError: String?
    var failures: Int

    init(_ record: SubscriptionRecord) {
        url = record.url
        title = record.title
        homePage = record.homePage
        folders = record.categories
        lastSuccessAt = record.lastSuccessAt?.rfc3339
        lastError = record.lastError
        failures = record.failures
    }
}
