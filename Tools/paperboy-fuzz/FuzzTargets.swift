import FeedFormats
import Foundation
import NewsModels

/// The parsers under fuzzing, by the name given in `PAPERBOY_FUZZ_TARGET` (or the replay command).
///
/// Each one feeds arbitrary bytes to a parser exactly as an importer would; the only failure is a
/// crash, a hang or a sanitizer report. Thrown `FeedFormatError`s are the expected answer to garbage.
enum FuzzTargets {
    static let all: [String: @Sendable (Data) -> Void] = [
        "xml": { data in _ = try? XMLFeedParser(source: fallbackSource, maxBytes: 1 << 20, undatedFallback: epoch).parse(data) },
        "json": { data in _ = try? JSONFeedParser(source: fallbackSource, maxBytes: 1 << 20, undatedFallback: epoch).parse(data) },
        "html": { data in
            _ = HTMLBlocks.blocks(fromHTML: String(decoding: data, as: UTF8.self), baseURL: "https://fuzz.example/a/b")
            // The saved-page path: the page's own bytes, encoding found from them.
            _ = HTMLBlocks.blocks(fromHTMLData: data, baseURL: "https://fuzz.example/a/b")
            _ = HTMLBlocks.pageMetadata(fromHTMLData: data)
        },
        "opml": { data in
            if let document = try? OPMLDocument.parse(data) { _ = document.xml() }
        },
        "text": { data in _ = try? TextDumpParser(source: fallbackSource, publishedFallback: epoch).parse(data, key: "fuzz") },
        "dates": { data in _ = FeedDates.parse(String(decoding: data.prefix(200), as: UTF8.self)) },
        // Any feed at the real size cap (128 MiB): for replaying large inputs, e.g. Tools/bench/json-memory.sh.
        "feed": { data in _ = try? FeedDocument.parseFeed(data, source: fallbackSource, undatedFallback: epoch) },
        "sniff": { data in
            _ = FeedDocumentKind.sniff(data)
            _ = try? FeedDocument.parseFeed(data, source: fallbackSource, undatedFallback: epoch, maxBytes: 1 << 20)
        },
    ]

    static let fallbackSource = Source(id: "fuzz.example", name: "Fuzz", domain: "fuzz.example")
    static let epoch = Timestamp(epochMilliseconds: 1_700_000_000_000)
}

#if FUZZING
/// The target chosen once from the environment (libFuzzer owns `main`). `nonisolated(unsafe)`:
/// libFuzzer calls the entry point from one thread only, so nothing else ever touches it.
nonisolated(unsafe) private var selected: ((Data) -> Void)?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    if selected == nil {
        let name = ProcessInfo.processInfo.environment["PAPERBOY_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTargets.all[name] else {
            FileHandle.standardError.write(Data("set PAPERBOY_FUZZ_TARGET to one of: \(FuzzTargets.all.keys.sorted().joined(separator: ", "))\n".utf8))
            exit(2)
        }
        selected = target
    }
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    selected?(data)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main`, which shadows libFuzzer's own `main`;
/// hand control to libFuzzer's driver from there.
@_cdecl("paperboy_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { bytes, size in fuzzOneInput(bytes, size) }
}
#else
/// Without libFuzzer: replays files (a corpus, or a crash libFuzzer saved) through one target,
/// so a crash can be reproduced and debugged in an ordinary build.
@main
struct FuzzReplay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTargets.all[name], arguments.count > 1 else {
            FileHandle.standardError.write(Data("usage: paperboy-fuzz TARGET FILE...   (targets: \(FuzzTargets.all.keys.sorted().joined(separator: ", ")))\n".utf8))
            exit(1)
        }
        var count = 0
        for path in arguments.dropFirst() {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 } : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                target(data)
                count += 1
            }
        }
        print("replayed \(count) input\(count == 1 ? "" : "s") through \(name) without a crash")
    }
}
#endif
