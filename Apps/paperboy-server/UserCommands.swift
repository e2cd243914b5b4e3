import ArgumentParser
import FeedServer
import Foundation

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Add.self, Password.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user and print a device token for them, once.",
            discussion: """
                The token is shown only now; the server keeps just its hash. Give it to the user's device
                (it sends Authorization: Bearer <token>). Find its id with `paperboy-server token list`
                and revoke it with: paperboy-server token revoke ID
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The user's name (unique).") var name: String
        @Option(help: "A label for the device the token is for.") var device: String?

        func validate() throws {
            guard !name.isEmpty, name.count <= 100, !name.contains(where: { $0.isNewline }) else {
                throw ValidationError("the name must be 1–100 characters on one line")
            }
        }

        func run() throws {
            let storage = try database.open()
            let token = DeviceToken.generate()
            do {
                _ = try storage.addUser(name: name)
                try storage.addDeviceToken(userName: name, tokenHash: DeviceToken.hash(token), label: device)
            } catch let error as FeedStorageError {
                throw ServerFailure(error.description)
            }
            ServerOutput.say(token)
        }
    }
}

extension UserCommand {
    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the password apps sign in with (Google Reader and Miniflux APIs), read from standard input.",
            discussion: """
                Reads one line from standard input (never the command line, where `ps` and the shell history
                see it) and stores a salted bcrypt hash of it. Apps then sign in with the user's name and this
                password; device tokens are unchanged. Setting a new password signs out every app.
                Example: printf '%s\\n' "$PASSWORD" | paperboy-server user password alice
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The user's name.") var name: String

        func run() throws {
            let storage = try database.open()
            guard let data = try? FileHandle.standardInput.read(upToCount: 4096), !data.isEmpty else {
                throw ServerFailure("no password on standard input; pipe it in: printf '%s\\n' \"$PASSWORD\" | paperboy-server user password \(name)")
            }
            var password = String(decoding: data, as: UTF8.self)
            // The line's end is not part of the password (a password is one line, so no more is cut).
            while let last = password.unicodeScalars.last, last == "\n" || last == "\r" { password.unicodeScalars.removeLast() }
            if let problem = AppPassword.problem(with: password) { throw ServerFailure(problem) }
            do {
                try storage.setPasswordHash(userName: name, hash: AppPassword.hash(password))
            } catch let error as FeedStorageError {
                throw ServerFailure(error.description)
            }
            ServerOutput.say("password set for \(name)")
        }
    }
}

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage device tokens.", subcommands: [Add.self, List.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new device token for an existing user, once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The user's name.") var user: String
        @Option(help: "A label for the device the token is for.") var device: String?

        func run() throws {
            let storage = try database.open()
            let token = DeviceToken.generate()
            do {
                try storage.addDeviceToken(userName: user, tokenHash: DeviceToken.hash(token), label: device)
            } catch let error as FeedStorageError {
                throw ServerFailure(error.description)
            }
            ServerOutput.say(token)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List device tokens: id, user, device, created, and revoked or active.",
            discussion: "The id is the start of the token's hash: it names the token to `token revoke` and reveals nothing of it.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this user's tokens.") var user: String?

        func run() throws {
            let tokens: [DeviceTokenRecord]
            do { tokens = try database.open().deviceTokens(userName: user) } catch let error as FeedStorageError {
                throw ServerFailure(error.description)
            }
            guard !tokens.isEmpty else { return ServerOutput.say("no device tokens; make one with: paperboy-server token add USER") }
            for token in tokens {
                let status = token.revokedAt.map { "revoked \($0.rfc3339)" } ?? "active"
                ServerOutput.say(columns: [token.id, token.userName, token.label ?? "-", token.createdAt.rfc3339, status])
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a device token; its requests get 401 from now on.",
            discussion: """
                Name the token by its id from `paperboy-server token list` (6 or more of its hex digits),
                or give the token itself in a file (--token-file FILE, or - for standard input). Tokens
                are never taken on the command line, where other users' `ps` and the shell history see them.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The token's id, from `token list`.") var id: String?
        @Option(help: ArgumentHelp("A file holding the token itself (- reads standard input).", valueName: "file"), completion: .file())
        var tokenFile: String?

        func validate() throws {
            if let id, id.hasPrefix("pb_") {
                throw ValidationError("that is a token, not its id; secrets are not taken as arguments: use --token-file FILE (or - for standard input), or the id from `paperboy-server token list`")
            }
            guard (id == nil) != (tokenFile == nil) else { throw ValidationError("give a token id or --token-file, one of them") }
        }

        func run() throws {
            let storage = try database.open()
            if let tokenFile {
                guard try storage.revokeDeviceToken(tokenHash: DeviceToken.hash(try TokenFile.read(tokenFile))) else {
                    throw ServerFailure("no active token matches; it may already be revoked (see: paperboy-server token list)")
                }
                return ServerOutput.say("revoked")
            }
            do {
                let token = try storage.revokeDeviceToken(id: id ?? "")
                ServerOutput.say("revoked \(token.id) (\(token.userName)\(token.label.map { ", \($0)" } ?? ""))")
            } catch let error as FeedStorageError {
                throw ServerFailure(error.description)
            }
        }
    }
}

/// A secret read from a file or standard input, never from the command line.
enum TokenFile {
    /// The one token `path` (or standard input for `-`) holds, without surrounding whitespace.
    static func read(_ path: String) throws -> String {
        let data: Data?
        if path == "-" {
            data = try? FileHandle.standardInput.read(upToCount: 4096)
        } else {
            data = FileManager.default.contents(atPath: path)
        }
        guard let data else { throw ServerFailure("cannot read the token file \(path)") }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, token.count <= 200, !token.contains(where: { $0.isWhitespace }) else {
            throw ServerFailure("the token file \(path) must hold one token on one line")
        }
        return token
    }
}
