import ArgumentParser
import Foundation
import NewsModels
import NewsStore
import TerminalUI

/// Shell completion candidates read from the store, so `paperboy read <TAB>` offers the unread
/// articles' numbers and `paperboy story <TAB>` the latest stories'. Completion never creates a store
/// and never prints an error: a shell prompt is no place for one.
enum Completions {
    /// Numbers of the newest unread articles.
    static let articles = CompletionKind.custom { words, _, prefix in
        candidates(words, prefix) { try $0.timeline(TimelineQuery(unreadOnly: true, limit: 50)).map { String($0.number) } }
    }

    /// Numbers of the latest stories.
    static let stories = CompletionKind.custom { words, _, prefix in
        candidates(words, prefix) { try $0.storySummaries(limit: 50).map { String($0.number) } }
    }

    /// Source ids.
    static let sources = CompletionKind.custom { words, _, prefix in
        candidates(words, prefix) { try $0.sourceSummaries().map(\.source.id) }
    }

    static func candidates(_ words: [String], _ prefix: String, _ fetch: (NewsStore) throws -> [String]) -> [String] {
        let flag = words.lastIndex(of: "--store")
        let explicit: String? = flag.flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
        // A broken config must not print at a prompt, so its failure is ignored here.
        let context = CommandContext.current
        let path = StoreOptions.path(explicit: explicit, configured: { () -> String? in (try? context.readerConfig())?.store },
                                     environment: context.environment)
        guard FileManager.default.fileExists(atPath: path), let store = try? NewsStore(path: path) else { return [] }
        return ((try? fetch(store)) ?? []).filter { $0.hasPrefix(prefix) }
    }
}
