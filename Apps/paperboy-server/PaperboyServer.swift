import ArgumentParser
import FeedServer
import Foundation
import NewsModels

@main
struct PaperboyServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paperboy-server",
        abstract: "The shared Paperboy feed server: a content log every client syncs from, plus per-user state.",
        discussion: """
            Typical first run:
              paperboy-server import articles.ndjson      # fill the log (NDJSON, RSS, Atom, JSON Feed, text)
              paperboy-server feed add URL                # or follow an outlet's feed; serve polls it
              paperboy-server user add alice              # prints alice's device token once
              paperboy-server serve --port 8080           # http://127.0.0.1:8080/v1/manifest
              paperboy-server compact                     # nightly: snapshot, drop changes > 90 days
            Articles are grouped into stories (one event, every outlet) as they are imported or
            polled; `regroup` regroups the whole log after an upgrade.
            Every command takes --db (default: $PAPERBOY_SERVER_DB, else ./paperboy-server.sqlite).
            """,
        version: PaperboyVersion.current,
        subcommands: [ServeCommand.self, ImportCommand.self, FeedCommand.self, RegroupCommand.self, CompactCommand.self, UserCommand.self, TokenCommand.self])

    /// The process's entry point: `ServerOutput.runProcess`, so error messages print clean.
    static func main() async { await ServerOutput.runProcess(PaperboyServer.self) }
}

/// The database option every command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The server database file (created if missing).", completion: .file())
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["PAPERBOY_SERVER_DB"] ?? "paperboy-server.sqlite"
    }

    /// The log's segment size (see `FeedStorage.segmentSize(proposed:)`), as a one-line failure on mismatch.
    func segmentSize(_ storage: SQLiteFeedStorage, proposed: Int64?) throws -> Int64 {
        do {
            return try storage.segmentSize(proposed: proposed)
        } catch let error as FeedStorageError {
            throw ServerFailure(error.description)
        }
    }

    func open() throws -> SQLiteFeedStorage {
        do {
            return try SQLiteFeedStorage(path: path)
        } catch let error as FeedStorageError {
            throw ServerFailure(error.description)
        } catch {
            throw ServerFailure("cannot open \(path): \(error)")
        }
    }
}

/// A one-line error for the user, exit status 1.
struct ServerFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
