// store-stress: one of several processes hammering the same store, for the multi-process test and
// for trying a store by hand. Each iteration is its own transaction: a one-article content batch
// that advances this writer's cursor, then a local read mark (state + journal).
//
//   store-stress STORE WRITER COUNT
import Foundation
import NewsModels
import NewsStore

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]), count > 0 else {
    FileHandle.standardError.write(Data("usage: store-stress STORE WRITER COUNT\n".utf8))
    exit(1)
}
let (path, writer) = (arguments[1], arguments[2])
do {
    let store = try NewsStore(path: path)
    let source = Source(id: "\(writer).example", name: "Writer \(writer)")
    for i in 1...count {
        let article = Article(
            id: "\(writer)-\(i)", source: source, title: "Writer \(writer) article \(i)",
            publishedAt: Timestamp(epochMilliseconds: 1_700_000_000_000 + Int64(i) * 1000),
            blocks: [.paragraph(text: "Concurrent writer \(writer) stored paragraph number \(i) about harbor ferries.")])
        try store.apply([.put(seq: Int64(i), article: article)], remote: writer, cursor: Int64(i))
        try store.set(.read, to: true, articleIds: [article.id])
        if i % 25 == 0 { _ = try store.timeline(TimelineQuery(limit: 10)) }
    }
} catch {
    FileHandle.standardError.write(Data("store-stress \(writer): \(error)\n".utf8))
    exit(1)
}
