import FeedServer
import Foundation
import NewsModels
import Testing

extension FeedServerTests {
    /// Device tokens as the admin sees them, and the database's file modes.
    @Suite struct TokenAdmin {
        static func storage() throws -> (SQLiteFeedStorage, String) {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)/server.sqlite").path
            return (try SQLiteFeedStorage(path: path), path)
        }

        @Test func tokensAreListedByIdAndRevokedById() throws {
            let (storage, _) = try Self.storage()
            _ = try storage.addUser(name: "alice")
            _ = try storage.addUser(name: "bob")
            let phone = DeviceToken.generate(), laptop = DeviceToken.generate(), bobs = DeviceToken.generate()
            try storage.addDeviceToken(userName: "alice", tokenHash: DeviceToken.hash(phone), label: "phone")
            try storage.addDeviceToken(userName: "alice", tokenHash: DeviceToken.hash(laptop), label: nil)
            try storage.addDeviceToken(userName: "bob", tokenHash: DeviceToken.hash(bobs), label: "tablet")
            let alices = try storage.deviceTokens(userName: "alice")
            #expect(alices.map(\.id) == [DeviceToken.hash(phone), DeviceToken.hash(laptop)].map { String($0.prefix(12)) })
            #expect(alices.map(\.label) == ["phone", nil] && alices.allSatisfy { $0.revokedAt == nil && $0.userName == "alice" })
            #expect(try storage.deviceTokens(userName: nil).count == 3)
            // No listing shows a token or enough of its hash to look it up.
            #expect(alices.allSatisfy { !phone.contains($0.id) && $0.id.count == 12 })

            let revoked = try storage.revokeDeviceToken(id: String(alices[0].id.prefix(8)).uppercased())
            #expect(revoked.id == alices[0].id && revoked.revokedAt != nil)
            #expect(try storage.userId(forTokenHash: DeviceToken.hash(phone)) == nil)
            #expect(try storage.userId(forTokenHash: DeviceToken.hash(laptop)) != nil)
            #expect(try storage.deviceTokens(userName: "alice")[0].revokedAt == revoked.revokedAt)
            #expect(throws: FeedStorageError.unknownToken("abcdef0123")) { try storage.revokeDeviceToken(id: "abcdef0123") }
            #expect(throws: FeedStorageError.unknownToken("%")) { try storage.revokeDeviceToken(id: "%") }
            #expect(throws: FeedStorageError.unknownUser("carol")) { try storage.deviceTokens(userName: "carol") }
        }

        @Test func theDatabaseAndItsLogFilesAreTheOwnersAlone() throws {
            let (storage, path) = try Self.storage()
            _ = try storage.addUser(name: "alice")  // a write, so the -wal and -shm exist
            for file in [path, path + "-wal", path + "-shm"] {
                let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(file)")
            }
            // A database an older version left readable by others is tightened when opened.
            chmod(path, 0o644)
            _ = try SQLiteFeedStorage(path: path)
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        }
    }
}
