import ArgumentParser
import Foundation
import NewsModels
import NewsStore

struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Mark articles read or unread, starred or unstarred.",
        discussion: """
            paperboy mark read 42 43       mark two articles read
            paperboy mark unread 42        mark it unread again
            paperboy mark star 42          star it (unstar to undo)
            Changes are kept in the store's journal and sent by the next sync.
            """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case read, unread, star, unstar
    }

    @OptionGroup var store: StoreOptions
    @Argument(help: "read, unread, star or unstar.") var action: Action
    @Argument(help: "Article numbers, ids or id prefixes.") var ids: [String]

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("name at least one article (its number from `paperboy list`)") }
    }

    func run() throws {
        try reportingFailures {
            let newsStore = try store.open()
            // Resolve everything first so one bad id changes nothing.
            let articleIds = try ids.map { try newsStore.resolve($0).article.id }
            switch action {
            case .read: try newsStore.set(.read, to: true, articleIds: articleIds)
            case .unread: try newsStore.set(.read, to: false, articleIds: articleIds)
            case .star: try newsStore.set(.starred, to: true, articleIds: articleIds)
            case .unstar: try newsStore.set(.starred, to: false, articleIds: articleIds)
            }
            let noun = articleIds.count == 1 ? "article" : "articles"
            FileHandle.standardError.write(Data("marked \(articleIds.count) \(noun) \(action.rawValue == "star" ? "starred" : action.rawValue == "unstar" ? "unstarred" : action.rawValue)\n".utf8))
        }
    }
}
