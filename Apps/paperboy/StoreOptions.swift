import ArgumentParser
import Foundation
import NewsStore

/// The `--store` option every command shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store file to use.",
        discussion: "Defaults to $PAPERBOY_STORE, else `store` in config.toml, else $XDG_DATA_HOME/paperboy/paperboy.sqlite, else ~/.local/share/paperboy/paperboy.sqlite.",
        valueName: "path"))
    var store: String?

    /// The resolved store path.
    var path: String {
        get throws(Failure) {
            try Self.path(explicit: store, configured: { () throws(Failure) in try Terminal.config().store },
                          environment: CommandContext.current.environment)
        }
    }

    /// `explicit` if given, else `$PAPERBOY_STORE`, else the config's `store`, else the XDG default.
    /// The config is only read when it decides the answer.
    static func path<E: Error>(explicit: String?, configured: () throws(E) -> String?, environment: [String: String]) throws(E) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if environment["PAPERBOY_STORE"].map({ !$0.isEmpty }) != true, let store = try configured() { return store }
        return defaultPath(environment: environment)
    }

    /// The default store file: `$PAPERBOY_STORE`, else `$XDG_DATA_HOME/paperboy/paperboy.sqlite`, else
    /// `~/.local/share/paperboy/paperboy.sqlite` (the XDG base directory rules). The reader's choice:
    /// an app passes the store's path to NewsAccount itself.
    static func defaultPath(environment: [String: String]) -> String {
        if let explicit = environment["PAPERBOY_STORE"], !explicit.isEmpty { return explicit }
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = (home as NSString).appendingPathComponent(".local/share")
        }
        return ((base as NSString).appendingPathComponent("paperboy") as NSString).appendingPathComponent("paperboy.sqlite")
    }

    /// Opens the store, turning failures into a one-line error and exit status 1.
    func open() throws -> NewsStore {
        let path = try self.path
        do {
            return try NewsStore(path: path)
        } catch {
            throw Failure.user(Failure.message(for: error))
        }
    }
}

/// A failure reported as `paperboy: <message>` with the documented exit status.
enum Failure: Error, CustomStringConvertible {
    /// Bad input or usage: exit 1.
    case user(String)
    /// Something asked for does not exist: exit 2.
    case notFound(String)
    /// A server or feed could not be reached or answered with an error: exit 3.
    case network(String)

    var description: String {
        switch self {
        case let .user(message), let .notFound(message), let .network(message): return message
        }
    }

    var exitCode: Int32 {
        switch self {
        case .user: return 1
        case .notFound: return 2
        case .network: return 3
        }
    }

    /// Classifies a store error: a missing article is "not found", everything else a user error.
    static func from(_ error: StoreError) -> Failure {
        switch error {
        case .articleNotFound, .sourceNotFound, .storyNotFound, .subscriptionNotFound: return .notFound(message(for: error))
        default: return .user(message(for: error))
        }
    }
}

extension Failure {
    /// A store error in the reader's words: its one line plus the command that shows or fixes it.
    static func message(for error: StoreError) -> String {
        switch error {
        case .notAStore: return "\(error); pass another path with --store"
        case .remoteExists(let name): return "\(error); remove it first with: paperboy remote remove \(name)"
        case .subscriptionNotFound: return "\(error); see the list with: paperboy subscriptions"
        case .sourceNotFound: return "\(error); see them with: paperboy sources"
        case .storyNotFound: return "\(error); see them with: paperboy stories"
        case .ambiguousStory: return "\(error); use the number from paperboy stories"
        default: return error.description
        }
    }

    /// Writes `paperboy: message` to standard error and returns the exit status to end with.
    func reported() -> ExitCode {
        Terminal.printError("paperboy: " + description)
        return ExitCode(exitCode)
    }

    /// A store error or failure reported as one line, as the exit status to end with; other errors unchanged.
    static func reporting(_ error: any Error) -> any Error {
        switch error {
        case let error as StoreError: return from(error).reported()
        case let failure as Failure: return failure.reported()
        default: return error
        }
    }
}

/// Runs a command body, turning store errors and failures into their one-line report and exit status.
func reportingFailures(_ body: () throws -> Void) throws {
    do { try body() } catch { throw Failure.reporting(error) }
}

/// Runs an async command body, turning store errors and failures into their one-line report and exit status.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do { try await body() } catch { throw Failure.reporting(error) }
}
