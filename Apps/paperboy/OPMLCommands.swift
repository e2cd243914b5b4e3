import ArgumentParser
import FeedFormats
import Foundation
import HTTPTransport
import NewsStore
import TerminalUI

struct ImportOPMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-opml",
        abstract: "Subscribe to every feed in an OPML file (exported from another reader).",
        discussion: """
            Folders become your subscriptions' folders (nested ones kept as a path, e.g. News/Local). \
            Feeds you already follow are left as they are. Nothing is fetched yet: run `paperboy sync`.
              paperboy import-opml ~/Downloads/subscriptions.opml
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The OPML file.", completion: .file()) var file: String

    func run() throws {
        try reportingFailures {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw Failure.user("\(TerminalText.sanitize(file)): no such file or not readable")
            }
            let document: OPMLDocument
            do {
                document = try OPMLDocument.parse(data)
            } catch {
                throw Failure.user("\(TerminalText.sanitize(file)): \(error)")
            }
            let usable = document.subscriptions.filter { subscription in
                guard HTTPRequest.webURL(subscription.feedURL) != nil else {
                    Terminal.printError("paperboy: skipped \(TerminalText.sanitize(String(subscription.feedURL.prefix(120)))): not an http(s) URL")
                    return false
                }
                return true
            }
            let records = usable.map {
                SubscriptionRecord(url: $0.feedURL, title: $0.title, homePage: $0.homePageURL, categories: $0.categories)
            }
            let added = try store.open().addSubscriptions(records, failIfExists: false)
            let already = records.count - added
            Terminal.print("\(added) feed\(added == 1 ? "" : "s") added\(already > 0 ? ", \(already) already followed" : ""); fetch them with: paperboy sync")
        }
    }
}

struct ExportOPMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-opml",
        abstract: "Write your subscriptions as OPML 2.0, for another reader or a backup.",
        discussion: """
              paperboy export-opml > subscriptions.opml
              paperboy export-opml --output subscriptions.opml
            Folders are written as nested outlines.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"), completion: .file())
    var output: String?

    func run() throws {
        try reportingFailures {
            let subscriptions = try store.open().subscriptions().map {
                OPMLSubscription(title: $0.title ?? $0.url, feedURL: $0.url, homePageURL: $0.homePage, categories: $0.categories)
            }
            let xml = OPMLDocument(title: "Paperboy subscriptions", subscriptions: subscriptions).xml()
            guard let output else {
                Terminal.print(xml.hasSuffix("\n") ? String(xml.dropLast()) : xml)
                return
            }
            do {
                try Data(xml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw Failure.user("cannot write \(TerminalText.sanitize(output)): \(error.localizedDescription)")
            }
            Terminal.print("wrote \(subscriptions.count) subscription\(subscriptions.count == 1 ? "" : "s") to \(TerminalText.sanitize(output))")
        }
    }
}
