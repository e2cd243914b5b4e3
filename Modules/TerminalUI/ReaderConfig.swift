import Foundation
import TOMLKit

/// The reader's settings from `$XDG_CONFIG_HOME/paperboy/config.toml`. Every key is optional; a file
/// that does not exist means the defaults.
///
/// ```toml
/// remote = "home"          # what `paperboy sync` syncs when no remote is named
/// store = "~/news.sqlite"  # the store file (--store and $PAPERBOY_STORE still win)
/// width = 72               # reading width for `paperboy read` (--width wins)
/// pager = "less -R"        # pager for `paperboy read` on a terminal; "" turns paging off
/// colour = "auto"          # auto, always or never
///
/// [colours]                # roles: title, meta, emphasis, match, source
/// match = "bold red"
/// source = "bright-blue"
/// ```
public struct ReaderConfig: Sendable, Hashable {
    /// The remote `paperboy sync` uses when none is named.
    public var remote: String?
    /// The store file, with `~` expanded.
    public var store: String?
    /// Reading width in columns.
    public var width: Int?
    /// The pager command line; empty turns paging off; nil means `$PAGER`, else `less`.
    public var pager: String?
    /// When to colour output.
    public var colour: ColourMode = .auto
    /// Colours by role.
    public var palette: Palette = .standard

    /// The defaults.
    public init() {}

    /// Keys allowed at the top level.
    public static let keys = ["remote", "store", "width", "pager", "colour", "colours"]

    /// `$PAPERBOY_CONFIG`, else `$XDG_CONFIG_HOME/paperboy/config.toml`, else
    /// `~/.config/paperboy/config.toml`.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["PAPERBOY_CONFIG"], !explicit.isEmpty { return explicit }
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = home + "/.config"
        }
        return base + "/paperboy/config.toml"
    }

    /// Reads the config file at `path`; a missing file gives the defaults.
    public static func load(path: String, home: String = NSHomeDirectory()) throws(ConfigError) -> ReaderConfig {
        guard FileManager.default.fileExists(atPath: path) else { return ReaderConfig() }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(path: path) }
        return try parse(text, path: path, home: home)
    }

    /// Parses config text; `path` only names the file in errors.
    public static func parse(_ text: String, path: String, home: String = NSHomeDirectory()) throws(ConfigError) -> ReaderConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(path: path, line: error.source.begin.line, message: error.description)
        } catch {
            throw .syntax(path: path, line: 0, message: "\(error)")
        }
        var config = ReaderConfig()
        for key in table.keys {
            guard let value = table[key] else { continue }
            switch key {
            case "remote": config.remote = try string(value, key, path, nonEmpty: true)
            case "store":
                let raw = try string(value, key, path, nonEmpty: true)
                config.store = raw == "~" ? home : raw.hasPrefix("~/") ? home + raw.dropFirst(1) : raw
            case "width":
                guard let width = value.int else { throw .wrongType(path: path, key: key, expected: "a whole number of columns, like 80") }
                guard (20...1000).contains(width) else { throw .badValue(path: path, key: key, reason: "\(width) is not between 20 and 1000") }
                config.width = width
            case "pager": config.pager = try string(value, key, path, nonEmpty: false).trimmingCharacters(in: .whitespaces)
            case "colour", "color":
                let raw = try string(value, key, path, nonEmpty: true)
                guard let mode = ColourMode(rawValue: raw.lowercased()) else {
                    throw .badValue(path: path, key: key, reason: "'\(raw)' is not auto, always or never")
                }
                config.colour = mode
            case "colours", "colors":
                guard let roles = value.table else { throw .wrongType(path: path, key: key, expected: "a table: [colours]") }
                for role in roles.keys {
                    guard let spec = roles[role] else { continue }
                    let qualified = key + "." + role
                    let words = try string(spec, qualified, path, nonEmpty: false)
                    let (code, badWord) = Palette.sgr(for: words)
                    guard let code else {
                        throw .badValue(path: path, key: qualified,
                                        reason: "'\(badWord ?? words)' is not a colour; use \(Palette.words.joined(separator: ", "))")
                    }
                    guard config.palette.set(role, to: code) else {
                        throw .unknownKey(path: path, key: qualified, known: Palette.roles.map { key + "." + $0 })
                    }
                }
            default: throw .unknownKey(path: path, key: key, known: keys)
            }
        }
        return config
    }

    private static func string(_ value: any TOMLValueConvertible, _ key: String, _ path: String, nonEmpty: Bool) throws(ConfigError) -> String {
        guard let text = value.string else { throw .wrongType(path: path, key: key, expected: "a quoted string") }
        if nonEmpty && text.trimmingCharacters(in: .whitespaces).isEmpty { throw .badValue(path: path, key: key, reason: "it is empty") }
        return text
    }
}

/// A config file that cannot be used, with the file, the place and the fix in one line.
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file exists but cannot be read.
    case unreadable(path: String)
    /// The file is not UTF-8 text.
    case notUTF8(path: String)
    /// The file is not valid TOML.
    case syntax(path: String, line: Int, message: String)
    /// A key paperboy does not know (most likely a typo).
    case unknownKey(path: String, key: String, known: [String])
    /// A key has a value of the wrong kind.
    case wrongType(path: String, key: String, expected: String)
    /// A key has a value of the right kind that cannot be used.
    case badValue(path: String, key: String, reason: String)

    /// One line naming the file, the key or line, and what to write instead.
    public var description: String {
        switch self {
        case let .unreadable(path): return "cannot read the config file \(path); check its permissions"
        case let .notUTF8(path): return "the config file \(path) is not UTF-8 text"
        case let .syntax(path, line, message):
            return "\(path)\(line > 0 ? " line \(line)" : ""): not valid TOML: \(message)"
        case let .unknownKey(path, key, known):
            let suggestion = Self.closest(to: key, in: known).map { "; did you mean '\($0)'?" } ?? "; known keys: \(known.joined(separator: ", "))"
            return "\(path): unknown key '\(key)'\(suggestion)"
        case let .wrongType(path, key, expected): return "\(path): '\(key)' must be \(expected)"
        case let .badValue(path, key, reason): return "\(path): bad value for '\(key)': \(reason)"
        }
    }

    /// The known key within two edits of a typo, if any.
    static func closest(to key: String, in known: [String]) -> String? {
        known.map { ($0, editDistance(key.lowercased(), $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
