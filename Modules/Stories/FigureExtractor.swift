import Foundation

/// Finds money, percentage and counted-thing figures in a sentence (`$15 billion`, `14.1 billion dollars`,
/// `¥2 trillion`, `25%`, `1,000 troops`) and normalises them to a unit and a plain value.
enum FigureExtractor {
    /// One figure as printed, with what it means and the words around it.
    struct Found {
        /// The figure as printed, e.g. `$14.1B`.
        var text: String
        /// The value with its scale applied (`$14.1B` → 14_100_000_000).
        var value: Double
        /// `USD`, `JPY`, `EUR`, `GBP`, `%`, or `count:` plus the counted noun.
        var unit: String
        /// Content terms just before and after the figure, in order: what the figure is about.
        var context: [String]
    }

    /// Terms of context kept on each side of a figure.
    static let contextWindow = 6

    /// Every figure in `sentence`, in order.
    static func figures(in sentence: String) -> [Found] {
        let chars = Array(sentence)
        var out: [Found] = []
        var i = 0
        while i < chars.count {
            let startsNumber = chars[i].isASCII && chars[i].isNumber
                && (i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "." || chars[i - 1] == ","))
            guard startsNumber, let found = figure(in: chars, at: i) else { i += 1; continue }
            out.append(found.figure)
            i = found.end
        }
        return out
    }

    /// Parses the figure whose digits start at `start`, returning it and the index just past it.
    private static func figure(in chars: [Character], at start: Int) -> (figure: Found, end: Int)? {
        var i = start
        var digits = ""
        var sawComma = false, sawDecimal = false
        while i < chars.count {
            let ch = chars[i]
            if ch.isASCII, ch.isNumber {
                digits.append(ch)
            } else if ch == ",", (1...3).allSatisfy({ i + $0 < chars.count && chars[i + $0].isASCII && chars[i + $0].isNumber }),
                      i + 4 >= chars.count || !(chars[i + 4].isASCII && chars[i + 4].isNumber) {
                sawComma = true  // a thousands separator: exactly three digits follow
            } else if ch == ".", !sawDecimal, i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber {
                sawDecimal = true
                digits.append(".")
            } else {
                break
            }
            i += 1
        }
        guard var value = Double(digits) else { return nil }
        var unit: String? = currencyBefore(chars, start)
        var begin = start
        if unit != nil { begin = chars[..<start].lastIndex(where: { $0.isWhitespace }).map { $0 + 1 } ?? 0 }
        var hasScale = false
        // Scales glued to the digits: $2.3bn, $14.1B, 25%.
        let glued = word(in: chars, from: i)
        if i < chars.count, chars[i] == "%" {
            unit = "%"; i += 1
        } else if let scale = gluedScales[glued.text], !glued.text.isEmpty {
            value *= scale; hasScale = true; i = glued.end
        }
        // Words after the number: "2.3 billion dollars", "25 percent", "1,000 troops".
        var next = word(in: chars, from: skipSpaces(chars, i))
        if unit != "%", let scale = spelledScales[next.text.lowercased()] {
            value *= scale; hasScale = true; i = next.end
            next = word(in: chars, from: skipSpaces(chars, i))
        }
        let lower = next.text.lowercased()
        if unit == nil, let currency = currencyWords[lower] {
            unit = currency; i = next.end
        } else if unit == nil, lower == "percent" {
            unit = "%"; i = next.end
        } else if unit == nil, isCountNoun(next.text) {
            // A bare four-digit integer is a year ("by 2027"), not a count.
            if !hasScale, !sawComma, !sawDecimal, (1800...2100).contains(value) { return nil }
            unit = "count:" + Tokenizer.normalize(lower); i = next.end
        }
        guard let unit else { return nil }
        // Context stays inside the figure's clause, so "25% of riders, and 1,200 workers" keeps the two apart.
        let clauseStart = chars[..<begin].lastIndex(where: clauseBreaks.contains).map { $0 + 1 } ?? 0
        let clauseEnd = chars[i...].firstIndex(where: clauseBreaks.contains) ?? chars.count
        let before = Tokenizer.terms(String(chars[clauseStart..<begin])).filter(isContextTerm).suffix(contextWindow)
        let after = Tokenizer.terms(String(chars[i..<max(i, clauseEnd)])).filter(isContextTerm).prefix(contextWindow)
        let text = String(chars[begin..<i]).trimmingCharacters(in: .whitespaces)
        // Names anywhere in the sentence (`Kestrel Bridge`, `Nippon Steel`) say what the figure belongs to.
        let names = EntityExtractor.entityWords(String(chars)).filter { !(before + after).contains($0) }
        return (Found(text: text, value: value, unit: unit, context: Array(before) + Array(after) + names), i)
    }

    private static func currencyBefore(_ chars: [Character], _ start: Int) -> String? {
        guard start > 0 else { return nil }
        switch chars[start - 1] {
        case "$":
            // US$, A$, C$: a letter prefix names another dollar; plain $ is read as US dollars.
            let prefix = String(chars[..<(start - 1)].reversed().prefix(while: { $0.isLetter }).reversed())
            return prefix.isEmpty || prefix == "US" ? "USD" : prefix + "$"
        case "¥", "￥": return "JPY"
        case "€": return "EUR"
        case "£": return "GBP"
        default: return nil
        }
    }

    private static func word(in chars: [Character], from index: Int) -> (text: String, end: Int) {
        var end = index
        while end < chars.count, chars[end].isLetter { end += 1 }
        return (String(chars[index..<end]), end)
    }

    private static func skipSpaces(_ chars: [Character], _ index: Int) -> Int {
        var i = index
        while i < chars.count, chars[i] == " " { i += 1 }
        return i
    }

    private static func isCountNoun(_ word: String) -> Bool {
        word.count >= 3 && word.allSatisfy(\.isLowercase) && !Tokenizer.stopwords.contains(word)
    }

    private static func isContextTerm(_ term: String) -> Bool {
        !term.contains(where: \.isNumber) && spelledScales[term] == nil && currencyWords[term] == nil
            && !["percent", "bn", "tn", "mn"].contains(term)
    }

    private static let clauseBreaks: Set<Character> = [",", ";", ":", "—", "–", "(", ")"]

    private static let gluedScales: [String: Double] = [
        "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "b": 1e9, "B": 1e9, "bn": 1e9, "t": 1e12, "T": 1e12, "tn": 1e12, "trn": 1e12,
    ]
    private static let spelledScales: [String: Double] = ["thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "tn": 1e12]
    private static let currencyWords: [String: String] = [
        "dollar": "USD", "dollars": "USD", "yen": "JPY", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    ]
}
