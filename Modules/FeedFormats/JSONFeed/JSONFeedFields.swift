import Foundation
import NewsModels

/// A field with the wrong type: which one, and what it held instead.
struct FieldError: Error, Sendable {
    var field: String
    var problem: String

    /// `field: problem`, as used in item problem reasons.
    var message: String { "\(field): \(problem)" }
}

/// Typed, lenient access to one JSON Feed object: `null` counts as absent, a wrong type is a `FieldError`
/// (which callers reading an optional field turn into absence).
struct JSONFeedFields {
    let members: [String: JSONValue]
    /// Prefix for field names in errors, e.g. `authors[1].` for a nested object.
    var path = ""

    /// The string at `key`, nil when absent or null.
    func string(_ key: String) throws(FieldError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case let .string(text)?: return text
        case let other?: throw FieldError(field: path + key, problem: "expected a string, got \(other.kindName)")
        }
    }

    /// The string at `key` with controls stripped and whitespace collapsed; nil when absent or blank.
    func line(_ key: String) throws(FieldError) -> String? {
        TextCleaning.nonEmptyLine(try string(key))
    }

    /// The strings at `key`: an array's string elements (others skipped), a lone string as one; nil
    /// when absent, null or neither (a wrongly typed optional field loses only itself).
    func strings(_ key: String) -> [String]? {
        switch members[key] {
        case let .string(text)?: return [text]
        case let .array(elements)?: return elements.compactMap { if case let .string(text) = $0 { text } else { nil } }
        default: return nil
        }
    }

    /// Author names from 1.1 `authors` or, failing that, 1.0 `author`; nil when neither field is present.
    /// Each may be an object with a `name`, a plain string, or (`authors`) an array of either; authors
    /// without a usable name, and values of any other type, are skipped rather than refused.
    func authorNames() -> [String]? {
        for key in ["authors", "author"] {
            switch members[key] {
            case nil, .null?: continue
            case let .array(elements)?: return elements.compactMap(Self.authorName)
            case let other?: return [other].compactMap(Self.authorName)
            }
        }
        return nil
    }

    /// The name of one author value: an object's `name`, or a string itself.
    private static func authorName(_ value: JSONValue) -> String? {
        switch value {
        case let .string(name): return TextCleaning.nonEmptyLine(name)
        case let .object(members): return try? JSONFeedFields(members: members).line("name")
        default: return nil
        }
    }
}
