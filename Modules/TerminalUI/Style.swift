/// ANSI styling that is applied only when colour is on; text is always sanitized first.
public struct Style: Sendable {
    /// Whether escape sequences may be written.
    public let colour: Bool
    /// The SGR codes for each role.
    public let palette: Palette

    /// Creates a style; `colour` should be true only on a terminal without `NO_COLOR`.
    public init(colour: Bool, palette: Palette = .standard) {
        self.colour = colour
        self.palette = palette
    }

    /// Decides colour the usual way: a terminal, `NO_COLOR` unset, and `TERM` not `dumb`; the config's
    /// `colour = "always"` or `"never"` overrides that (as the NO_COLOR convention asks).
    public static func detect(isTerminal: Bool, environment: [String: String], mode: ColourMode = .auto, palette: Palette = .standard) -> Style {
        switch mode {
        case .always: return Style(colour: true, palette: palette)
        case .never: return Style(colour: false, palette: palette)
        case .auto:
            let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return Style(colour: isTerminal && !noColour && environment["TERM"] != "dumb", palette: palette)
        }
    }

    /// Headlines, headings and unread titles.
    public func bold(_ text: String) -> String { wrap(text, palette.title) }
    /// Secondary facts: dates, ages, links.
    public func dim(_ text: String) -> String { wrap(text, palette.meta) }
    /// Deks, quotes and captions.
    public func italic(_ text: String) -> String { wrap(text, palette.emphasis) }
    /// Search matches.
    public func highlight(_ text: String) -> String { wrap(text, palette.match) }
    /// Source names.
    public func accent(_ text: String) -> String { wrap(text, palette.source) }

    private func wrap(_ text: String, _ code: String) -> String {
        colour && !text.isEmpty && !code.isEmpty ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
    }
}

/// When to colour output.
public enum ColourMode: String, Sendable, CaseIterable {
    /// On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`.
    case auto
    /// Always, even into a pipe (for `less -R`).
    case always
    /// Never.
    case never
}

/// SGR parameter strings (`"1;33"`) for each styled role; an empty string leaves the role plain.
public struct Palette: Sendable, Hashable {
    /// Headlines, headings and unread titles.
    public var title: String
    /// Dates, ages, links.
    public var meta: String
    /// Deks, quotes, captions.
    public var emphasis: String
    /// Search matches.
    public var match: String
    /// Source names.
    public var source: String

    /// Bold titles, dim metadata, italic deks, bold yellow matches, cyan sources.
    public static let standard = Palette(title: "1", meta: "2", emphasis: "3", match: "1;33", source: "36")

    /// The roles by their config names, for `[colours]` in config.toml.
    public static let roles = ["title", "meta", "emphasis", "match", "source"]

    /// Creates a palette.
    public init(title: String, meta: String, emphasis: String, match: String, source: String) {
        self.title = title; self.meta = meta; self.emphasis = emphasis; self.match = match; self.source = source
    }

    /// Sets one role by its config name; false when the name is not a role.
    mutating func set(_ role: String, to code: String) -> Bool {
        switch role {
        case "title": title = code
        case "meta": meta = code
        case "emphasis": emphasis = code
        case "match": match = code
        case "source": source = code
        default: return false
        }
        return true
    }

    /// Turns a colour description such as `"bold yellow"`, `"bright-blue underline"` or `"none"` into
    /// SGR parameters; nil names the first word that is not understood.
    public static func sgr(for description: String) -> (code: String?, badWord: String?) {
        var codes: [String] = []
        for word in description.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }) {
            let word = String(word)
            if word == "none" || word == "plain" { continue }
            if let attribute = attributes[word] { codes.append(attribute); continue }
            let bright = word.hasPrefix("bright-")
            if let index = colours.firstIndex(of: bright ? String(word.dropFirst(7)) : word) {
                codes.append(String((bright ? 90 : 30) + index))
                continue
            }
            return (nil, word)
        }
        return (codes.joined(separator: ";"), nil)
    }

    static let attributes = ["bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7"]
    static let colours = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
    /// The words a colour description may use.
    public static var words: [String] { ["none"] + attributes.keys.sorted() + colours + colours.map { "bright-" + $0 } }
}
