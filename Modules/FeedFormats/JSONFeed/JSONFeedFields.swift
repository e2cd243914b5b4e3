import Foundation
import NewsModels

/// A field with the wrong type: which one, and what it held instead.
struct FieldError: Error, Sendable {
    var field: String
    var problem: String

    /// `field: problem`, as used in item problem reasons.
    var message: String { "\(field): \(problem)" }
}

/// Typed, lenient access to one JSON Feed object: `null` counts as absent, a wrong type is a `FieldError`.
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

    /// The array of strings at `key`, nil when absent or null.
    func strings(_ key: String) throws(FieldError) -> [String]? {
        guard let elements = try array(key) else { return nil }
        var out: [String] = []
        for (index, element) in elements.enumerated() {
            switch element {
            case .null: continue
            case let .string(text): out.append(text)
            default: throw FieldError(field: "\(path)\(key)[\(index)]", problem: "expected a string, got \(element.kindName)")
            }
        }
        return out
    }

    /// The array at `key`, nil when absent or null.
    func array(_ key: String) throws(FieldError) -> [JSONValue]? {
        switch members[key] {
        case nil, .null?: return nil
        case let .array(elements)?: return elements
        case let other?: throw FieldError(field: path + key, problem: "expected an array, got \(other.kindName)")
        }
    }

    /// The object at `key`, nil when absent or null.
    func object(_ key: String) throws(FieldError) -> JSONFeedFields? {
        switch members[key] {
        case nil, .null?: return nil
        case let .object(members)?: return JSONFeedFields(members: members, path: path + key + ".")
        case let other?: throw FieldError(field: path + key, problem: "expected an object, got \(other.kindName)")
        }
    }

    /// Author names from 1.1 `authors` (array of objects) or, failing that, 1.0 `author` (one object);
    /// nil when neither field is present. Authors without a name are skipped.
    func authorNames() throws(FieldError) -> [String]? {
        if let authors = try array("authors") {
            var names: [String] = []
            for (index, element) in authors.enumerated() {
                guard case let .object(members) = element else {
                    if case .null = element { continue }
                    throw FieldError(field: "\(path)authors[\(index)]", problem: "expected an object, got \(element.kindName)")
                }
                let author = JSONFeedFields(members: members, path: "\(path)authors[\(index)].")
                if let name = try author.line("name") { names.append(name) }
            }
            return names
        }
        if let author = try object("author") {
            return [try author.line("name")].compactMap { $0 }
        }
        return nil
    }

    /// An RFC 3339 date; also accepts the common `+0000` offset without a colon. Nil if unreadable.
    static func date(_ text: String) -> Timestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = Timestamp(rfc3339: trimmed) { return value }
        let chars = Array(trimmed)
        guard chars.count > 5, chars[chars.count - 5] == "+" || chars[chars.count - 5] == "-",
              chars.suffix(4).allSatisfy(\.isASCII), chars.suffix(4).allSatisfy(\.isNumber)
        else { return nil }
        return Timestamp(rfc3339: String(chars.dropLast(2)) + ":" + String(chars.suffix(2)))
    }

    /// A byline in the house style: `By A`, `By A and B`, `By A, B and C`; nil for no names.
    static func byline(_ names: [String]) -> String? {
        guard let last = names.last else { return nil }
        if names.count == 1 {
            return last.lowercased().hasPrefix("by ") ? last : "By " + last
        }
        return "By " + names.dropLast().joined(separator: ", ") + " and " + last
    }
}
