import FeedServer
import Foundation
import Testing

/// `paperboy-server user password`: the app APIs' password comes from standard input and is stored
/// only as a salted bcrypt hash.
@Suite struct AppPasswordCLITests {
    @Test func thePasswordIsReadFromStandardInputAndStoredHashed() async throws {
        let cli = CLI()
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        let database = cli.folder + "/server.sqlite"
        _ = try await LocalSecretsTests.server(["user", "add", "alice"], database: database)
        let set = try await LocalSecretsTests.server(["user", "password", "alice"], database: database, input: "correct horse\n")
        #expect(set.status == 0, "\(set.stderr)")
        let login = try #require(try SQLiteFeedStorage(path: database).passwordHash(userName: "alice"))
        #expect(login.hash.hasPrefix("$2") && !login.hash.contains("correct horse"))
        let short = try await LocalSecretsTests.server(["user", "password", "alice"], database: database, input: "short\n")
        #expect(short.status != 0 && short.stderr.contains("at least 8"), "\(short.stderr)")
        let nobody = try await LocalSecretsTests.server(["user", "password", "carol"], database: database, input: "correct horse\n")
        #expect(nobody.status != 0 && nobody.stderr.contains("no user named 'carol'"), "\(nobody.stderr)")
        let empty = try await LocalSecretsTests.server(["user", "password", "alice"], database: database)
        #expect(empty.status != 0 && empty.stderr.contains("standard input"), "\(empty.stderr)")
        // The failed attempts left the stored password alone.
        #expect(try SQLiteFeedStorage(path: database).passwordHash(userName: "alice") == login)
    }
}
