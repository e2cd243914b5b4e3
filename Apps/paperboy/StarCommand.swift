import ArgumentParser
import Foundation
import NewsModels
import NewsStore

struct StarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "star",
        abstract: "Star articles to keep them at hand (`paperboy list --starred`).",
        discussion: """
            paperboy star 42 43       star two articles (numbers from `paperboy list`)
            Starred articles are kept when their feed is unsubscribed. The change is sent by the next sync.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Article numbers, ids or id prefixes.", completion: Completions.articles) var ids: [String]

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("name at least one article (its number from `paperboy list`)") }
    }

    func run() throws {
        try FlagChange.apply(.starred, true, to: ids, store: store, verb: "starred")
    }
}

struct UnstarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unstar",
        abstract: "Remove the star from articles.",
        discussion: "paperboy unstar 42       (the change is sent by the next sync)")

    @OptionGroup var store: StoreOptions
    @Argument(help: "Article numbers, ids or id prefixes.", completion: Completions.articles) var ids: [String]

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("name at least one article (its number from `paperboy list`)") }
    }

    func run() throws {
        try FlagChange.apply(.starred, false, to: ids, store: store, verb: "unstarred")
    }
}

/// Sets one flag on articles the user named, all or none.
enum FlagChange {
    static func apply(_ field: StateField, _ value: Bool, to references: [String], store: StoreOptions, verb: String) throws {
        try reportingFailures {
            let newsStore = try store.open()
            // Resolve everything first so one bad id changes nothing.
            let articleIds = try references.map { try newsStore.resolve($0).article.id }
            try newsStore.set(field, to: value, articleIds: articleIds)
            let noun = articleIds.count == 1 ? "article" : "articles"
            Terminal.printError("\(verb) \(articleIds.count) \(noun)")
        }
    }
}
