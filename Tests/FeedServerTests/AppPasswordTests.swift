@testable import FeedServer
import Foundation
import Testing

extension FeedServerTests {
    /// App passwords: salted bcrypt hashes, checked off the request threads, remembered only as the
    /// exact password that matched the exact stored hash.
    @Suite struct AppPasswords {
        @Test func hashesAreSaltedAndPasswordsBounded() {
            let first = AppPassword.hash("correct horse"), second = AppPassword.hash("correct horse")
            #expect(first != second && first.hasPrefix("$2"))
            #expect(AppPassword.problem(with: "correct horse") == nil)
            #expect(AppPassword.problem(with: "short") != nil)
            #expect(AppPassword.problem(with: String(repeating: "x", count: 73)) != nil)
            #expect(AppPassword.problem(with: "two\nlines here") != nil)
        }

        @Test func aRememberedPasswordLetsNoOtherPasswordThrough() async throws {
            let server = try await RunningServer.start()
            _ = try server.addAppUser("alice")
            let storage = OffloadedStorage(base: server.storage)
            let auth = AppAuthenticator(
                storage: storage, limiter: TokenRateLimiter(perSecond: 0, burst: 1), failures: TokenRateLimiter(perSecond: 0, burst: 1))
            _ = try await auth.login(name: "alice", password: "correct horse", address: nil)
            _ = try await auth.login(name: "alice", password: "correct horse", address: nil)  // remembered
            await #expect(throws: AppAuthFailure.rejected) { try await auth.login(name: "alice", password: "correct horsf", address: nil) }
            await #expect(throws: AppAuthFailure.rejected) { try await auth.login(name: "carol", password: "correct horse", address: nil) }
            try server.storage.setPasswordHash(userName: "alice", hash: AppPassword.hash("battery staple"))
            await #expect(throws: AppAuthFailure.rejected) { try await auth.login(name: "alice", password: "correct horse", address: nil) }
            #expect(throws: FeedStorageError.unknownUser("carol")) { try server.storage.setPasswordHash(userName: "carol", hash: "x") }
            await server.stop()
        }
    }
}
