import GRDB

/// Everything that can go wrong in the offline store, each with a message a user can act on.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The store file or its folder could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not a Paperboy store (not SQLite, or encrypted).
    case notAStore(path: String)
    /// The store was written by a newer Paperboy whose schema this version does not know.
    case newerSchema(path: String)
    /// The store file is damaged.
    case corrupt(path: String)
    /// Another process held the store's write lock for longer than the busy timeout.
    case busy
    /// The disk is full; the last change was rolled back.
    case diskFull
    /// The store is on a read-only file system or lacks write permission.
    case readOnly(path: String)
    /// A change in a batch cannot be applied; the whole batch was rolled back.
    case invalidChange(seq: Int64, reason: String)
    /// No article matches a reference typed by the user.
    case articleNotFound(String)
    /// A reference matches several articles.
    case ambiguousReference(String, candidates: [String])
    /// No source matches a reference typed by the user.
    case sourceNotFound(String)
    /// A reference matches several source ids.
    case ambiguousSource(String, candidates: [String])
    /// No story matches a reference typed by the user.
    case storyNotFound(String)
    /// A reference matches several story ids.
    case ambiguousStory(String, candidates: [String])
    /// A search query cannot be understood.
    case invalidSearch(String)
    /// Any other SQLite failure.
    case database(String)
    /// `remote add` with a name already in use.
    case remoteExists(String)
    /// `subscribe` to a feed URL that is already subscribed.
    case subscriptionExists(String)
    /// No subscription has the URL the user named.
    case subscriptionNotFound(String)

    /// One line naming the problem and, where there is one, the fix; never a front end's commands
    /// (the reader adds those: `Failure.message(for:)` in Apps/paperboy).
    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "cannot open the store at \(path): \(reason)"
        case let .notAStore(path): return "\(path) is not a Paperboy store (not an SQLite database)"
        case let .newerSchema(path): return "the store at \(path) was written by a newer Paperboy; upgrade paperboy to read it"
        case let .corrupt(path): return "the store at \(path) is damaged; move it aside and sync again"
        case .busy: return "the store is locked by another paperboy process; try again when it finishes"
        case .diskFull: return "the disk is full; nothing was changed"
        case let .readOnly(path): return "the store at \(path) is read-only; check its permissions"
        case let .remoteExists(name): return "a remote named '\(name)' already exists"
        case let .subscriptionExists(url): return "already subscribed to \(url)"
        case let .subscriptionNotFound(url): return "not subscribed to \(url)"
        case let .invalidChange(seq, reason): return "change at seq \(seq) cannot be applied: \(reason); nothing from this batch was stored"
        case let .articleNotFound(ref): return "no article matches '\(ref)'"
        case let .ambiguousReference(ref, candidates):
            return "'\(ref)' matches several articles (\(candidates.prefix(5).joined(separator: ", "))); type more of the id"
        case let .sourceNotFound(ref): return "no source matches '\(ref)'"
        case let .ambiguousSource(ref, candidates):
            return "'\(ref)' matches several sources (\(candidates.prefix(5).joined(separator: ", "))); type more of the id"
        case let .storyNotFound(ref): return "no story matches '\(ref)'"
        case let .ambiguousStory(ref, candidates):
            return "'\(ref)' matches several stories (\(candidates.prefix(5).joined(separator: ", ")))"
        case let .invalidSearch(reason): return "invalid search: \(reason)"
        case let .database(message): return "store error: \(message)"
        }
    }

    /// Maps a GRDB/SQLite error to the case a user can act on.
    static func from(_ error: any Error, path: String) -> StoreError {
        if let store = error as? StoreError { return store }
        guard let db = error as? DatabaseError else { return .database("\(error)") }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        case .SQLITE_NOTADB: return .notAStore(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path)
        case .SQLITE_FULL: return .diskFull
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: db.message ?? "unable to open database file")
        default: return .database(db.message ?? "\(db)")
        }
    }
}
