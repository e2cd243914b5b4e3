import Foundation
import Testing

/// `paperboy-server import` keeps items that carry no date (RSS 0.91 has none): each is dated when
/// first imported, and importing the same file again keeps that date, so nothing is revised.
@Suite struct ImportUndatedCLITests {
    @Test func undatedItemsAreImportedAndKeepTheirFirstDateOnReimport() async throws {
        let cli = CLI()
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        let feed = cli.folder + "/tide-notes.xml"
        try Data("""
            <?xml version="1.0"?>
            <rss version="0.91"><channel><title>Tide Notes</title><link>https://tide-notes.example/</link>
            <item><title>Neap tide on Thursday</title><link>https://tide-notes.example/neap</link></item>
            <item><title>Spring tide warning</title><link>https://tide-notes.example/spring</link>
            <description>Expect the quay to flood at noon.</description></item>
            </channel></rss>
            """.utf8).write(to: URL(fileURLWithPath: feed))
        let database = cli.folder + "/server.sqlite"

        let first = try await PrivateAddressCLITests.runServerCommand(["import", "--db", database, feed])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("skipped"), "\(first.stderr)")
        #expect(first.text.contains("2 new, 0 revised, 0 unchanged"), "\(first.text)")

        let again = try await PrivateAddressCLITests.runServerCommand(["import", "--db", database, feed])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.text.contains("0 new, 0 revised, 2 unchanged"), "\(again.text)")
    }
}
