import NewsModels

/// What the app APIs (Google Reader, Miniflux) need from the server's database, beside `FeedStorage`.
///
/// Items are numbered by the log `seq` at which the article first arrived (`firstSeq`): unique, never
/// reused, kept across revisions and compaction, and small enough for clients that read ids as 32-bit
/// integers until the log passes 2^31 changes. Outlets are numbered in the order they first appeared.
public protocol AppAPIStorage: Sendable {
    /// Stores a password hash (bcrypt) for the app APIs; throws `unknownUser` if there is no such user.
    func setPasswordHash(userName: String, hash: String) throws

    /// The user's id and stored password hash, or nil when the user has none (or does not exist).
    func passwordHash(userName: String) throws -> AppLogin?

    /// The user's id, name and stored password hash, or nil when the user has none.
    func passwordHash(userId: Int64) throws -> AppLogin?

    /// Every outlet with its number and the user's unread count, by name.
    func appFeeds(userId: Int64) throws -> [AppFeed]

    /// The items `query` selects with the user's state, in its order, at most `query.limit`.
    func appItems(userId: Int64, query: AppItemQuery) throws -> [AppItem]

    /// How many items `query` selects, ignoring its limit, offset and position.
    func appItemCount(userId: Int64, query: AppItemQuery) throws -> Int

    /// Stories covered by more than one outlet, latest activity first, at most `limit`.
    func multiOutletStories(limit: Int) throws -> [AppStory]

    /// Sets `field` to `value` for the items numbered `numbers` (unknown numbers are skipped) with the
    /// server's `hlc`, as a Paperboy client's mutation would; returns how many items were known.
    func setAppState(userId: Int64, numbers: [Int64], field: StateField, value: Bool, hlc: HLC) throws -> Int

    /// Flips the starred flag of item `number` (Miniflux's bookmark toggle); returns the new value, or
    /// nil for an unknown item.
    func toggleAppStar(userId: Int64, number: Int64, hlc: HLC) throws -> Bool?

    /// Marks read every item that had arrived by `arrivedBy` (milliseconds; nil: all stored now), of
    /// one outlet when `feedNumber` is given: a `markReadUpTo` of the Paperboy protocol.
    func markAppItemsRead(userId: Int64, feedNumber: Int64?, arrivedBy: Int64?, hlc: HLC) throws
}

/// A user signing in to the app APIs.
public struct AppLogin: Sendable, Equatable {
    /// The user's id.
    public var userId: Int64
    /// The user's name.
    public var name: String
    /// The stored bcrypt hash.
    public var hash: String
}

/// One outlet as a subscription (Google Reader) or feed (Miniflux).
public struct AppFeed: Sendable, Equatable {
    /// The outlet's number, stable for the life of the database.
    public var number: Int64
    /// The outlet as the log stores it.
    public var source: Source
    /// The user's unread items from it.
    public var unread: Int
    /// When its newest item was published, in milliseconds.
    public var newestPublished: Int64?
}

/// One article with the requesting user's state.
public struct AppItem: Sendable {
    /// The item's number (`firstSeq`).
    public var number: Int64
    /// The article as stored.
    public var article: Article
    /// The outlet's number.
    public var feedNumber: Int64
    /// Whether the user read it.
    public var read: Bool
    /// Whether the user starred it.
    public var starred: Bool
    /// When it first arrived, in milliseconds.
    public var arrivedAt: Int64
    /// The label of its story when more than one outlet covers it ("Story: <headline>").
    public var storyLabel: String?
}

/// A story covered by more than one outlet.
public struct AppStory: Sendable, Equatable {
    /// The story's id.
    public var id: String
    /// Its headline: the title of its earliest report.
    public var headline: String
    /// The label apps show: "Story: <headline>".
    public var label: String { "Story: \(headline)" }
    /// Its reports, earliest first: outlet name, title and address.
    public var reports: [(number: Int64, source: String, title: String, url: String?)]
    /// When its latest report was published, in milliseconds.
    public var latest: Int64

    public static func == (a: AppStory, b: AppStory) -> Bool { a.id == b.id && a.latest == b.latest }
}

/// Which items an app asks for and in what order.
public struct AppItemQuery: Sendable, Equatable {
    /// How items are ordered.
    public enum Order: Sendable, Equatable {
        /// By publication time (then number).
        case published
        /// By item number (arrival).
        case number
    }

    /// Only this outlet's items.
    public var feedNumber: Int64?
    /// Only this story's items.
    public var storyId: String?
    /// Only read (true) or unread (false) items.
    public var read: Bool?
    /// Only starred (true) or unstarred (false) items.
    public var starred: Bool?
    /// Only these items.
    public var numbers: [Int64]?
    /// Only items published at or after this time (milliseconds).
    public var publishedFrom: Int64?
    /// Only items published before this time (milliseconds).
    public var publishedBefore: Int64?
    /// Only items numbered above this.
    public var numberAbove: Int64?
    /// Only items numbered below this.
    public var numberBelow: Int64?
    /// Only items whose content or state changed after this time (milliseconds).
    public var changedAfter: Int64?
    /// Only items strictly after this (published, number) position in the order (a continuation).
    public var after: AppPosition?
    /// The order.
    public var order: Order = .published
    /// Newest (or highest) first.
    public var descending = true
    /// At most this many items.
    public var limit = 100
    /// Items skipped before the first returned.
    public var offset = 0

    /// A query for everything, newest first.
    public init() {}
}

/// A position in published order, carried by Google Reader continuations.
public struct AppPosition: Sendable, Equatable {
    /// Publication time in milliseconds.
    public var published: Int64
    /// Item number.
    public var number: Int64

    /// The continuation text: `<published>x<number>` (no character a form body would escape).
    public var token: String { "\(published)x\(number)" }

    /// Reads a continuation; nil when it is not one.
    public init?(token: String) {
        let parts = token.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let published = Int64(parts[0]), let number = Int64(parts[1]), number > 0 else { return nil }
        self.init(published: published, number: number)
    }

    /// A position.
    public init(published: Int64, number: Int64) {
        self.published = published
        self.number = number
    }
}
