import Foundation

/// The one place JSON is configured, so every module writes the same bytes for the same value.
///
/// Encoding is stable: keys sorted, `/` not escaped, absent optionals omitted, dates as RFC 3339
/// strings. Decoding ignores unknown fields and reports failures as `NewsJSONError` naming the field.
public enum NewsJSON {
    /// Encodes a value in the stable form.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes a value, turning Foundation's errors into one that names the offending field.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(NewsJSONError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw NewsJSONError(error)
        } catch {
            throw NewsJSONError(field: nil, problem: "\(error)")
        }
    }

    /// Decodes newline-delimited JSON (one value per line, blank lines skipped); errors name the line.
    public static func decodeLines<T: Decodable>(_ type: T.Type, from data: Data) throws(NewsJSONError) -> [T] {
        let decoder = JSONDecoder()
        var values: [T] = []
        for (index, line) in lineRanges(in: data).enumerated() where !isBlank(data[line]) {
            values.append(try decodeLine(type, from: data[line], number: index + 1, with: decoder))
        }
        return values
    }

    /// Decodes one NDJSON line with a decoder reused across the file; errors name the line.
    static func decodeLine<T: Decodable>(
        _ type: T.Type, from line: Data, number: Int, with decoder: JSONDecoder
    ) throws(NewsJSONError) -> T {
        do {
            return try decoder.decode(type, from: line)
        } catch let error as DecodingError {
            throw NewsJSONError(error).onLine(number)
        } catch {
            throw NewsJSONError(field: nil, problem: "\(error)").onLine(number)
        }
    }

    /// The byte range (in `data`'s indices) of every line, found with memchr: walking Data byte by
    /// byte through its Collection conformance cost more than decoding the JSON itself.
    static func lineRanges(in data: Data) -> [Range<Data.Index>] {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Range<Data.Index>] in
            guard let base = raw.baseAddress, raw.count > 0 else { return [] }
            var lines: [Range<Data.Index>] = []
            var start = 0
            while start <= raw.count {
                var end = raw.count
                if let found = memchr(base + start, 0x0A, raw.count - start) {
                    end = UnsafeRawPointer(found) - base
                }
                lines.append((data.startIndex + start)..<(data.startIndex + end))
                start = end + 1
            }
            return lines
        }
    }

    /// Whether an NDJSON line holds only spaces, tabs or a carriage return (skipped, not an error).
    static func isBlank(_ line: Data) -> Bool {
        line.withUnsafeBytes { raw in !raw.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D } }
    }
}

/// A JSON value could not be decoded: which field, and what was wrong with it.
public struct NewsJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Dotted path of the field, e.g. `article.blocks[2].level`; nil when the JSON itself is malformed.
    public var field: String?
    /// What was wrong.
    public var problem: String
    /// The NDJSON line, when decoding a stream of lines.
    public var line: Int?

    /// Creates an error.
    public init(field: String?, problem: String, line: Int? = nil) {
        self.field = field
        self.problem = problem
        self.line = line
    }

    /// One line a user can act on, e.g. `line 3: field 'article.rev': expected a number`.
    public var description: String {
        var text = line.map { "line \($0): " } ?? ""
        if let field { text += "field '\(field)': " }
        return text + problem
    }

    func onLine(_ number: Int) -> NewsJSONError {
        NewsJSONError(field: field, problem: problem, line: number)
    }

    init(_ error: DecodingError) {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String? {
            var text = ""
            for key in keys + (last.map { [$0] } ?? []) {
                if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : "." + key.stringValue }
            }
            return text.isEmpty ? nil : text
        }
        switch error {
        case let .keyNotFound(key, context):
            self.init(field: path(context.codingPath, key), problem: "missing required field")
        case let .typeMismatch(type, context):
            self.init(field: path(context.codingPath), problem: "expected \(Self.describe(type))")
        case let .valueNotFound(type, context):
            self.init(field: path(context.codingPath), problem: "expected \(Self.describe(type)), got null")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                let reason = (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
                self.init(field: nil, problem: "malformed JSON (\(reason.prefix(160)))")
            } else {
                self.init(field: path(context.codingPath), problem: context.debugDescription)
            }
        @unknown default:
            self.init(field: nil, problem: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is Double.Type: return "a number"
        case is [Any].Type: return "an array"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") ? "an array" : name.hasPrefix("Dictionary") ? "an object" : "a value of type \(name)"
        }
    }
}
