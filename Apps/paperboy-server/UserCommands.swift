import ArgumentParser
import FeedServer
import Foundation

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user and print a device token for them, once.",
            discussion: """
                The token is shown only now; the server keeps just its hash. Give it to the user's device
                (it sends Authorization: Bearer <token>). Revoke it with: paperboy-server token revoke TOKEN
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

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage device tokens.", subcommands: [Add.self, Revoke.self])

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

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a device token; its requests get 401 from now on.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The token, as printed when it was made.") var token: String

        func run() throws {
            guard try database.open().revokeDeviceToken(tokenHash: DeviceToken.hash(token)) else {
                throw ServerFailure("no active token matches; it may already be revoked")
            }
            ServerOutput.say("revoked")
        }
    }
}
