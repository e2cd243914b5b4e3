import ArgumentParser
import Foundation
import HTTPTransport
import NewsAccount
import NewsModels
import NewsStore
import TerminalUI

struct RemoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote",
        abstract: "Manage the feed servers this store syncs with.",
        discussion: """
              paperboy remote add home http://127.0.0.1:8080 --token-file ~/token.txt
              paperboy remote list
              paperboy remote remove home
            The device token (from `paperboy-server user add`) is copied next to the store with mode \
            0600 and never printed; a tokens folder that is another user's or writable by others is refused. Without a token, sync fetches articles but not read/starred state.
            """,
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a server to sync with.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "A short name for the server (letters, digits, - and _).") var name: String
        @Argument(help: "The server's base URL, e.g. http://127.0.0.1:8080.") var url: String
        @Option(help: ArgumentHelp("A file holding the device token.", valueName: "file"), completion: .file())
        var tokenFile: String?

        func validate() throws {
            guard NewsAccount.isValidRemoteName(name) else {
                throw ValidationError("a remote name is 1–40 letters, digits, '-' or '_', got '\(TerminalText.sanitize(String(name.prefix(40))))'")
            }
            guard HTTPRequest.webURL(url) != nil else {
                throw ValidationError("the URL must be http:// or https:// with a host, got '\(TerminalText.sanitize(String(url.prefix(80))))'")
            }
        }

        func run() throws {
            try reportingFailures {
                let account = try store.openAccount()
                let token = try tokenFile.map(TokenFile.read)
                do throws(AccountError) { try account.addRemote(name: name, url: url, token: token) } catch { throw Failure.from(error) }
                Terminal.print("added remote \(name) (\(url))\(token == nil ? "; no token: state will not sync" : "; token saved")")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the servers and how far each is synced.",
            discussion: "With --json, prints an array of {name, url, cursor, lastSync, articles, token} (token: whether one is saved).")

        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() throws {
            try reportingFailures {
                let account = try store.openAccount()
                let remotes = try account.store.remoteStatuses().map { status in
                    let token: Bool
                    do throws(AccountError) { token = try account.hasToken(remote: status.remote.name) } catch { throw Failure.from(error) }
                    return RemoteJSON(
                        name: status.remote.name, url: status.remote.url, cursor: status.cursor, lastSync: status.lastSync,
                        articles: status.articles, token: token)
                }
                if json { return try JSONOutput.print(remotes) }
                guard !remotes.isEmpty else {
                    Terminal.print("no remotes; add one with: paperboy remote add NAME URL --token-file FILE")
                    return
                }
                for remote in remotes {
                    let cursor = remote.cursor.map { "synced to seq \($0)" } ?? "never synced"
                    Terminal.print("\(remote.name)\t\(TerminalText.sanitize(remote.url))\t\(cursor)\t\(remote.token ? "token saved" : "no token")")
                }
            }
        }
    }

    /// The `--json` shape of a remote.
    struct RemoteJSON: Encodable {
        let name: String, url: String, cursor: Int64?, lastSync: Timestamp?, articles: Int, token: Bool
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget a server. Its articles stay in the store; its token file is deleted.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The remote's name.") var name: String

        func run() throws {
            try reportingFailures {
                let account = try store.openAccount()
                do throws(AccountError) { try account.removeRemote(name: name) } catch { throw Failure.from(error) }
                Terminal.print("removed remote \(name)")
            }
        }
    }
}

/// The token file the user names on `remote add`.
enum TokenFile {
    /// Reads a token from `path`: one line, printable ASCII.
    static func read(from path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure.user("cannot read the token file \(TerminalText.sanitize(path))")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard DeviceTokenFormat.isValid(token) else {
            throw Failure.user("the token file \(TerminalText.sanitize(path)) must hold one token (printable ASCII, no spaces)")
        }
        return token
    }
}
