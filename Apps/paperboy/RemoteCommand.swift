import ArgumentParser
import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

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
            guard RemoteName.isValid(name) else {
                throw ValidationError("a remote name is 1–40 letters, digits, '-' or '_', got '\(TerminalText.sanitize(String(name.prefix(40))))'")
            }
            guard HTTPRequest.webURL(url) != nil else {
                throw ValidationError("the URL must be http:// or https:// with a host, got '\(TerminalText.sanitize(String(url.prefix(80))))'")
            }
        }

        func run() throws {
            try reportingFailures {
                let store = try store.open()
                let token = try tokenFile.map(RemoteTokens.read)
                if token != nil { try RemoteTokens.makeDirectory(storePath: store.path) }  // before the remote is added
                try store.addRemote(RemoteRecord(name: name, url: url))
                if let token { try RemoteTokens.save(token, remote: name, storePath: store.path) }
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
                let store = try store.open()
                let remotes = try store.remoteStatuses().map {
                    RemoteJSON(name: $0.remote.name, url: $0.remote.url, cursor: $0.cursor, lastSync: $0.lastSync, articles: $0.articles,
                               token: try RemoteTokens.load(remote: $0.remote.name, storePath: store.path) != nil)
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
                let store = try store.open()
                guard try store.removeRemote(named: name) else {
                    throw Failure.notFound("no remote named '\(TerminalText.sanitize(String(name.prefix(40))))'; see: paperboy remote list")
                }
                RemoteTokens.delete(remote: name, storePath: store.path)
                Terminal.print("removed remote \(name)")
            }
        }
    }
}

enum RemoteName {
    static func isValid(_ name: String) -> Bool {
        (1...40).contains(name.count) && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
    }
}

/// Device tokens live beside the store, one file per remote, readable only by the user.
enum RemoteTokens {
    static func directory(storePath: String) -> String {
        (storePath as NSString).deletingLastPathComponent + "/tokens"
    }

    static func file(remote: String, storePath: String) -> String {
        directory(storePath: storePath) + "/\(remote).token"
    }

    /// Reads a token from a file the user names: one line, printable ASCII.
    static func read(from path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure.user("cannot read the token file \(TerminalText.sanitize(path))")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, token.count <= 200, token.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw Failure.user("the token file \(TerminalText.sanitize(path)) must hold one token (printable ASCII, no spaces)")
        }
        return token
    }

    /// Creates the token folder (0700) if needed and checks that it is the user's own.
    static func makeDirectory(storePath: String) throws {
        let directory = directory(storePath: storePath)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if let problem = ownershipProblem(directory) { throw Failure.user(problem) }
    }

    static func save(_ token: String, remote: String, storePath: String) throws {
        try makeDirectory(storePath: storePath)
        let path = file(remote: remote, storePath: storePath)
        // Created 0600 before the token is written, so it is never readable by others, even briefly.
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: path) else { throw Failure.user("cannot write \(path)") }
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data((token + "\n").utf8))
    }

    /// Why `directory` is no place for this user's tokens (a link, another user's, or writable by
    /// others, who could then read tokens or swap them), or nil when it is the user's own.
    static func ownershipProblem(_ directory: String) -> String? {
        var status = stat()
        let shown = TerminalText.sanitize(directory)
        guard lstat(directory, &status) == 0 else { return "cannot read the token folder \(shown)" }
        guard (status.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR) else {
            return "the token folder \(shown) is not a folder (a link?); remove it and add the remote again"
        }
        guard status.st_uid == geteuid(), status.st_mode & 0o022 == 0 else {
            return "the token folder \(shown) belongs to another user or others may write to it; use a store folder of your own, or run: chmod 700 \(shown)"
        }
        return nil
    }

    /// The saved token, nil when none; refuses a token folder someone else controls, whose tokens
    /// are neither trusted nor sent anywhere.
    static func load(remote: String, storePath: String) throws -> String? {
        let directory = directory(storePath: storePath)
        guard FileManager.default.fileExists(atPath: directory) else { return nil }
        if let problem = ownershipProblem(directory) { throw Failure.user(problem) }
        guard let data = FileManager.default.contents(atPath: file(remote: remote, storePath: storePath)) else { return nil }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    static func delete(remote: String, storePath: String) {
        try? FileManager.default.removeItem(atPath: file(remote: remote, storePath: storePath))
    }
}
