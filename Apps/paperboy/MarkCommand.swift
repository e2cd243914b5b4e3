import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import TerminalUI

struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Mark articles read or unread: one by one, a story, a source, or everything.",
        discussion: """
            paperboy mark read 42 43          two articles (numbers from the list)
            paperboy mark unread 42           article 42 unread again
            paperboy mark read --story 7      every article of story 7
            paperboy mark read --source harbor-courier.example
            paperboy mark read --all          everything stored now (not later arrivals)
            (`mark star` and `mark unstar` do what `paperboy star` and `unstar` do.) \
            Changes are kept in the store's journal and sent by the next sync; marking a whole source \
            or everything read sends one "read up to here" change, not one per article.
            """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case read, unread, star, unstar
    }

    @OptionGroup var store: StoreOptions
    @Argument(help: "read, unread, star or unstar.") var action: Action
    @Argument(help: "Article numbers, ids or id prefixes.", completion: Completions.articles) var ids: [String] = []
    @Option(help: ArgumentHelp("Every article of this story (number from `paperboy stories`, or id).", valueName: "story"),
            completion: Completions.stories)
    var story: String?
    @Option(help: ArgumentHelp("Every article of this source (id, id prefix or name).", valueName: "source"), completion: Completions.sources)
    var source: String?
    @Flag(help: "Every article stored now.") var all = false

    func validate() throws {
        let scopes = [!ids.isEmpty, story != nil, source != nil, all].filter { $0 }.count
        guard scopes > 0 else {
            throw ValidationError("name articles (numbers from `paperboy list`), or use --story, --source or --all")
        }
        guard scopes == 1 else { throw ValidationError("give article ids, --story, --source or --all, not several") }
        if (action == .star || action == .unstar) && ids.isEmpty {
            throw ValidationError("stars are set one article at a time: paperboy star ID")
        }
    }

    func run() throws {
        switch action {
        case .star: return try FlagChange.apply(.starred, true, to: ids, store: store, verb: "starred")
        case .unstar: return try FlagChange.apply(.starred, false, to: ids, store: store, verb: "unstarred")
        case .read, .unread: break
        }
        let read = action == .read
        guard ids.isEmpty else { return try FlagChange.apply(.read, read, to: ids, store: store, verb: "marked \(action.rawValue):") }
        try reportingFailures {
            let newsStore = try store.open()
            let scope: MarkScope, what: String
            if let story {
                let found = try newsStore.resolveStory(story)
                scope = .story(found.story.id)
                what = "of story \(found.number)"
            } else if let source {
                let found = try newsStore.resolveSource(source)
                scope = .source(found.id)
                what = "from \(TerminalText.sanitize(found.name))"
            } else {
                scope = .all
                what = "in the store"
            }
            let changed = try newsStore.setRead(read, scope: scope)
            let noun = changed == 1 ? "article" : "articles"
            Terminal.printError("marked \(action.rawValue): \(changed) \(noun) \(what)")
        }
    }
}
