import Foundation
import NewsModels
@testable import NewsStore
import Testing

@Suite struct FileModeTests {
    @Test func theStoreAndItsLogFilesAreTheUsersAlone() throws {
        let path = StoreFixtures.temporaryPath()
        let store = try NewsStore(path: path)
        _ = try store.markRead(upToSeq: 0)  // a write, so the -wal and -shm exist
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600, "\(file)")
        }
        // A store an older version left readable by others is tightened when opened.
        chmod(path + "-wal", 0o644)
        _ = try NewsStore(path: path)
        #expect(try FileManager.default.attributesOfItem(atPath: path + "-wal")[.posixPermissions] as? Int == 0o600)
    }
}
