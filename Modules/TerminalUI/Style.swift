/// ANSI styling that is applied only when colour is on; text is always sanitized first.
public struct Style: Sendable {
    /// Whether escape sequences may be written.
    public let colour: Bool

    /// Creates a style; `colour` should be true only on a terminal without `NO_COLOR`.
    public init(colour: Bool) { self.colour = colour }

    /// Decides colour the usual way: a terminal, `NO_COLOR` unset, and `TERM` not `dumb`.
    public static func detect(isTerminal: Bool, environment: [String: String]) -> Style {
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Style(colour: isTerminal && !noColour && environment["TERM"] != "dumb")
    }

    /// Bold text.
    public func bold(_ text: String) -> String { wrap(text, "1") }
    /// Dimmed text.
    public func dim(_ text: String) -> String { wrap(text, "2") }
    /// Italic text.
    public func italic(_ text: String) -> String { wrap(text, "3") }
    /// Highlighted text (search matches).
    public func highlight(_ text: String) -> String { wrap(text, "1;33") }
    /// Accent colour (source names).
    public func accent(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        colour && !text.isEmpty ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
    }
}
