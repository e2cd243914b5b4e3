import Foundation

/// A Google Reader stream id and item ids, as FreshRSS and Miniflux read them.
enum ReaderStream: Equatable {
    /// Every item (`user/-/state/com.google/reading-list`).
    case readingList
    /// Starred items.
    case starred
    /// Read items.
    case read
    /// One outlet (`feed/<number>`).
    case feed(Int64)
    /// A label (`user/-/label/<name>`): a story's "Story: <headline>".
    case label(String)

    static let prefix = "user/-/state/com.google/"

    /// Parses a stream id; `user/<digits>/…` counts as `user/-/…`. Nil when it is not one.
    init?(_ raw: String) {
        var id = raw
        if id.hasPrefix("user/"), let slash = id.dropFirst(5).firstIndex(of: "/") {
            let owner = id[id.index(id.startIndex, offsetBy: 5)..<slash]
            if owner != "-", owner.allSatisfy(\.isNumber) { id = "user/-" + id[slash...] }
        }
        switch id {
        case Self.prefix + "reading-list": self = .readingList
        case Self.prefix + "starred": self = .starred
        case Self.prefix + "read": self = .read
        default:
            if id.hasPrefix("feed/"), let number = Int64(id.dropFirst(5)), number > 0 {
                self = .feed(number)
            } else if id.hasPrefix("user/-/label/"), id.count > 13 {
                self = .label(String(id.dropFirst(13)))
            } else {
                return nil
            }
        }
    }

    /// The stream's id.
    var id: String {
        switch self {
        case .readingList: Self.prefix + "reading-list"
        case .starred: Self.prefix + "starred"
        case .read: Self.prefix + "read"
        case .feed(let number): "feed/\(number)"
        case .label(let name): "user/-/label/\(name)"
        }
    }

    /// The long item id form: `tag:google.com,2005:reader/item/<16 hex digits>`.
    static func longItemId(_ number: Int64) -> String {
        let hex = String(UInt64(bitPattern: number), radix: 16)
        return "tag:google.com,2005:reader/item/" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// An item number from either id form (long hex, or signed decimal); nil when it is neither.
    static func itemNumber(_ raw: String) -> Int64? {
        let long = "tag:google.com,2005:reader/item/"
        if raw.hasPrefix(long) {
            let hex = raw.dropFirst(long.count)
            guard (1...16).contains(hex.count), let value = UInt64(hex, radix: 16) else { return nil }
            return Int64(bitPattern: value)
        }
        guard raw.utf8.count <= 20, let value = Int64(raw) else { return nil }
        return value
    }
}
