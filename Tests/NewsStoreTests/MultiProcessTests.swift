import Foundation
import NewsModels
@testable import NewsStore
import Testing

@Suite struct MultiProcessTests {
    /// The store-stress tool, built next to this test bundle.
    static func stressTool() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for folder in candidates {
            let tool = folder.appendingPathComponent("store-stress")
            if FileManager.default.isExecutableFile(atPath: tool.path) { return tool }
        }
        throw StoreError.database("store-stress not found next to \(candidates.map(\.path))")
    }

    @Test func twoProcessesWritingAtOnceLoseNothing() async throws {
        let path = StoreFixtures.temporaryPath()
        _ = try NewsStore(path: path) // create and migrate once, as the app would
        let tool = try Self.stressTool()
        let count = 150
        let processes = try ["left", "right"].map { writer in
            let process = Process()
            process.executableURL = tool
            process.arguments = [path, writer, String(count)]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            return (process, errors)
        }
        for (process, errors) in processes {
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(message)")
        }
        let store = try NewsStore(path: path)
        #expect(try store.integrityCheck().isEmpty)
        #expect(try store.counts().articles == 2 * count)
        #expect(try store.counts().unread == 0)
        #expect(try store.cursor(for: "left") == Int64(count))
        #expect(try store.cursor(for: "right") == Int64(count))
        let journal = try store.pendingMutations(limit: 10_000)
        #expect(journal.count == 2 * count)
        #expect(Set(journal.map(\.mid)).count == 2 * count)
        #expect(Set(journal.map(\.hlc)).count == 2 * count)
        #expect(try store.search("harbor ferries", limit: 1000).count == 2 * count)
    }
}
