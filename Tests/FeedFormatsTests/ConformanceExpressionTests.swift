import Foundation
import Testing

/// A value written in an `Expect:` line: a Python string, integer or tuple of integers.
enum ExpectValue: Equatable {
    case text(String)
    case integer(Int)
    case integers([Int])
}

/// One `Expect:` term Paperboy can check: `PATH == VALUE` over feedparser's result, or `len(entries) == N`.
struct ExpectTerm: Equatable {
    /// `feed` or `entries`.
    var root: String
    /// The subscripts after the root, e.g. `[0, "links", 0, "href"]` for `entries[0]['links'][0]['href']`.
    var path: [ExpectKey]
    var value: ExpectValue

    /// A subscript: an index or a key.
    enum ExpectKey: Equatable {
        case index(Int)
        case key(String)
    }

    /// The terms of an `Expect:` expression, split on ` and ` outside quotes; nil for a term of
    /// another shape (`not bozo`, `!=`, method calls), which is out of scope.
    static func terms(of expression: String) -> [ExpectTerm?] {
        splitOnAnd(expression).map(parse)
    }

    /// `expression` split on ` and ` where it is not inside a string literal or brackets.
    static func splitOnAnd(_ expression: String) -> [String] {
        let chars = Array(expression)
        var parts: [String] = []
        var current = ""
        var quote: Character?
        var depth = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let open = quote {
                current.append(c)
                if c == "\\", i + 1 < chars.count { current.append(chars[i + 1]); i += 2; continue }
                if c == open { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
                current.append(c)
            } else if c == "(" || c == "[" || c == "{" {
                depth += 1
                current.append(c)
            } else if c == ")" || c == "]" || c == "}" {
                depth -= 1
                current.append(c)
            } else if depth == 0, String(chars[i..<min(i + 5, chars.count)]) == " and " {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                i += 5
                continue
            } else {
                current.append(c)
            }
            i += 1
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts.filter { !$0.isEmpty }
    }

    /// One term, nil when it is not `PATH == VALUE` or `len(entries) == N`.
    static func parse(_ term: String) -> ExpectTerm? {
        var scanner = PythonScanner(term)
        if scanner.consume("len(entries)") {
            guard scanner.consume("=="), case let .integer(count)? = scanner.value(), scanner.atEnd else { return nil }
            return ExpectTerm(root: "len", path: [], value: .integer(count))
        }
        let root: String
        if scanner.consume("feed") { root = "feed" } else if scanner.consume("entries") { root = "entries" } else { return nil }
        var path: [ExpectKey] = []
        while scanner.consume("[") {
            switch scanner.value() {
            case let .integer(index)?: path.append(.index(index))
            case let .text(key)?: path.append(.key(key))
            default: return nil
            }
            guard scanner.consume("]") else { return nil }
        }
        guard !path.isEmpty, scanner.consume("=="), let value = scanner.value(), scanner.atEnd else { return nil }
        return ExpectTerm(root: root, path: path, value: value)
    }
}

/// Reads Python literals the way they are written in `Expect:` lines.
struct PythonScanner {
    private let chars: [Character]
    private var i = 0

    init(_ text: String) { chars = Array(text) }

    /// Whether only spaces are left.
    var atEnd: Bool { chars[i...].allSatisfy { $0 == " " } }

    /// Consumes `literal` after optional spaces; false (consuming nothing) when it is not next.
    mutating func consume(_ literal: String) -> Bool {
        while i < chars.count, chars[i] == " " { i += 1 }
        let wanted = Array(literal)
        guard i + wanted.count <= chars.count, Array(chars[i..<i + wanted.count]) == wanted else { return false }
        i += wanted.count
        while i < chars.count, chars[i] == " " { i += 1 }
        return true
    }

    /// A string (`u'…'`, `'…'`, `"…"`), an integer, or a tuple of integers; nil for anything else.
    mutating func value() -> ExpectValue? {
        while i < chars.count, chars[i] == " " { i += 1 }
        guard i < chars.count else { return nil }
        if chars[i] == "(" {
            i += 1
            var numbers: [Int] = []
            while true {
                guard case let .integer(n)? = integer() else { return nil }
                numbers.append(n)
                if consume(")") { break }
                guard consume(",") else { return nil }
                if consume(")") { break }
            }
            return .integers(numbers)
        }
        if chars[i] == "u" || chars[i] == "b", i + 1 < chars.count, chars[i + 1] == "'" || chars[i + 1] == "\"" { i += 1 }
        if chars[i] == "'" || chars[i] == "\"" { return string() }
        return integer()
    }

    private mutating func integer() -> ExpectValue? {
        while i < chars.count, chars[i] == " " { i += 1 }
        var sign = 1
        if i < chars.count, chars[i] == "-" { sign = -1; i += 1 }
        var digits = ""
        while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII { digits.append(Character(String(d))); i += 1 }
        guard let n = Int(digits) else { return nil }
        while i < chars.count, chars[i] == " " { i += 1 }
        return .integer(sign * n)
    }

    private mutating func string() -> ExpectValue? {
        let quote = chars[i]
        i += 1
        var out = String.UnicodeScalarView()
        while i < chars.count {
            let c = chars[i]
            if c == quote { i += 1; return .text(String(out)) }
            guard c == "\\", i + 1 < chars.count else { out.append(contentsOf: c.unicodeScalars); i += 1; continue }
            let e = chars[i + 1]
            i += 2
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "x", "u", "U":
                let width = e == "x" ? 2 : e == "u" ? 4 : 8
                guard i + width <= chars.count, let code = UInt32(String(chars[i..<i + width]), radix: 16),
                      let scalar = Unicode.Scalar(code) else { return nil }
                out.append(scalar)
                i += width
            default: out.append(contentsOf: e.unicodeScalars)
            }
        }
        return nil
    }
}

extension FeedFormatsTests {
    /// The reader of feedparser's `Expect:` expressions the conformance suite uses.
    @Suite struct ConformanceExpression {
        @Test func splitsOnAndOutsideStrings() {
            let parts = ExpectTerm.splitOnAnd("not bozo and entries[0]['title'] == u'Cats and dogs' and len(entries) == 2")
            #expect(parts == ["not bozo", "entries[0]['title'] == u'Cats and dogs'", "len(entries) == 2"])
        }

        @Test func readsPathsAndValues() {
            #expect(ExpectTerm.parse("entries[0]['links'][1]['href'] == u'http://example.com/a'")
                == ExpectTerm(root: "entries", path: [.index(0), .key("links"), .index(1), .key("href")], value: .text("http://example.com/a")))
            #expect(ExpectTerm.parse("feed['title'] == \"it's \\u2019 \\xa0ok\"")?.value == .text("it's \u{2019} \u{a0}ok"))
            #expect(ExpectTerm.parse("entries[0]['updated_parsed'] == (2003, 12, 31, 10, 14, 55, 2, 365, 0)")?.value
                == .integers([2003, 12, 31, 10, 14, 55, 2, 365, 0]))
            #expect(ExpectTerm.parse("len(entries) == 3")?.value == .integer(3))
        }

        @Test func leavesOtherShapesOutOfScope() {
            for term in ["not bozo", "bozo", "entries[0]['title'] != u'x'", "entries[0].get('where') == {}", "version == u'rss20'"] {
                #expect(ExpectTerm.parse(term) == nil, "\(term)")
            }
        }
    }
}
