// swift-tools-version:6.1
// Paperboy: an offline-first news reader. See README.md for the layout and DEVELOPERS.md rules:
// dependencies point one way (Apps → NewsStore → NewsModels); core modules stay Foundation-only
// apart from GRDB so an iOS or Android app can share them.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Paperboy",
    platforms: [.macOS(.v14), .iOS(.v17)],
    products: [
        .library(name: "NewsModels", targets: ["NewsModels"]),
        .library(name: "NewsStore", targets: ["NewsStore"]),
        .library(name: "HTTPTransport", targets: ["HTTPTransport"]),
        .library(name: "NewsSync", targets: ["NewsSync"]),
        .library(name: "NewsAccount", targets: ["NewsAccount"]),
        .library(name: "URLSessionTransport", targets: ["URLSessionTransport"]),
        .library(name: "CurlTransport", targets: ["CurlTransport"]),
        .library(name: "FeedFormats", targets: ["FeedFormats"]),
        .library(name: "FeedPolling", targets: ["FeedPolling"]),
        .library(name: "Stories", targets: ["Stories"]),
        .library(name: "PaperboyTesting", targets: ["PaperboyTesting"]),
        .executable(name: "paperboy", targets: ["paperboy"]),
        .executable(name: "paperboy-corpus", targets: ["paperboy-corpus"]),
        .executable(name: "paperboy-server", targets: ["paperboy-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Without its default ConfigurationSupport trait: Paperboy reads no swift-configuration sources,
        // and the package would add a minute of compiling to every clean build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        // Only its HummingbirdBcrypt product (one small C target): the others pull swift-crypto into the build.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // MARK: Core modules (shared with future mobile apps)
        .target(name: "NewsModels", path: "Modules/NewsModels", exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "NewsStore",
            dependencies: ["NewsModels", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Modules/NewsStore", exclude: ["README.md"], swiftSettings: strict),

        .target(name: "Stories", dependencies: ["NewsModels"], path: "Modules/Stories", exclude: ["README.md"], swiftSettings: strict),

        .target(name: "HTTPTransport", path: "Modules/HTTPTransport", exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "FeedPolling", dependencies: ["FeedFormats", "HTTPTransport", "NewsModels"],
            path: "Modules/FeedPolling", exclude: ["README.md"], swiftSettings: strict),
        .target(
            name: "NewsSync", dependencies: ["NewsModels", "NewsStore", "HTTPTransport", "FeedFormats", "FeedPolling", "Stories"],
            path: "Modules/NewsSync", exclude: ["README.md"], swiftSettings: strict),
        // The facade an app drives: store, remotes, feeds, credentials and the sync lock (README.md).
        .target(
            name: "NewsAccount", dependencies: ["NewsModels", "NewsStore", "NewsSync", "HTTPTransport", "FeedPolling"],
            path: "Modules/NewsAccount", exclude: ["README.md"], swiftSettings: strict),

        .systemLibrary(
            name: "CLibXML2", path: "Modules/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .target(
            name: "FeedFormats", dependencies: ["NewsModels", "CLibXML2"],
            path: "Modules/FeedFormats", exclude: ["README.md"], swiftSettings: strict),

        // MARK: libcurl (apps and tools only; the core depends on HTTPTransport)
        .systemLibrary(
            name: "CCurl", path: "Modules/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "CurlTransport", dependencies: ["CCurl", "HTTPTransport", "NewsModels"],
            path: "Modules/CurlTransport", exclude: ["README.md"], swiftSettings: strict),
        // The HTTPTransport on Foundation's URLSession (FoundationNetworking on Linux), for apps.
        .target(
            name: "URLSessionTransport", dependencies: ["HTTPTransport"],
            path: "Modules/URLSessionTransport", exclude: ["README.md"], swiftSettings: strict),

        // MARK: Server (Hummingbird stays out of the client core)
        .systemLibrary(
            name: "CCompression", path: "Modules/CCompression",
            providers: [.apt(["zlib1g-dev", "libbrotli-dev", "libzstd-dev"])]),
        .target(
            name: "FeedServer",
            dependencies: [
                "NewsModels", "CCompression", "FeedFormats", "FeedPolling", "HTTPTransport", "Stories",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            path: "Modules/FeedServer", exclude: ["README.md"], swiftSettings: strict),

        // MARK: Terminal presentation (command-line reader only)
        .target(
            name: "TerminalUI", dependencies: ["NewsModels", "NewsStore", "Stories", .product(name: "TOMLKit", package: "TOMLKit")],
            path: "Modules/TerminalUI", exclude: ["README.md"], swiftSettings: strict),

        // MARK: Apps
        .executableTarget(
            name: "paperboy",
            dependencies: [
                "NewsModels", "NewsStore", "NewsSync", "CurlTransport", "HTTPTransport", "TerminalUI", "FeedFormats", "FeedPolling", "Stories",
                "NewsAccount",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Apps/paperboy", swiftSettings: strict),

        .executableTarget(
            name: "paperboy-server",
            dependencies: [
                "FeedServer", "FeedFormats", "NewsModels", "CurlTransport", "HTTPTransport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Apps/paperboy-server", swiftSettings: strict),

        // MARK: Example app: a second front end on the portable products alone
        .target(
            name: "PaperboyApp",
            dependencies: ["NewsAccount", "NewsStore", "NewsModels", "NewsSync", "HTTPTransport", "URLSessionTransport"],
            path: "Examples/PaperboyApp", swiftSettings: strict),

        // MARK: Testing helpers (a test clock, condition polling), beside the libraries they serve
        .target(name: "PaperboyTesting", dependencies: ["NewsModels"], path: "Modules/PaperboyTesting", exclude: ["README.md"], swiftSettings: strict),

        // MARK: Tools
        .target(name: "CorpusKit", dependencies: ["NewsModels"], path: "Tools/CorpusKit", swiftSettings: strict),
        .executableTarget(
            name: "paperboy-corpus",
            dependencies: ["CorpusKit", "NewsModels", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/paperboy-corpus", swiftSettings: strict),
        .executableTarget(
            name: "store-bench",
            dependencies: [
                "CorpusKit", "NewsModels", "NewsStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Tools/store-bench", swiftSettings: strict),
        .executableTarget(
            name: "http-bench",
            dependencies: ["CurlTransport", "HTTPTransport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/http-bench", swiftSettings: strict),
        .executableTarget(
            name: "stories-bench",
            dependencies: ["CorpusKit", "NewsModels", "Stories", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/stories-bench", swiftSettings: strict),
        .executableTarget(
            name: "stories-eval",
            dependencies: ["NewsModels", "Stories", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/stories-eval", swiftSettings: strict),
        .executableTarget(
            name: "paperboy-fuzz", dependencies: ["FeedFormats", "NewsModels"],
            path: "Tools/paperboy-fuzz", swiftSettings: strict),
        .executableTarget(
            name: "store-stress",
            dependencies: ["NewsModels", "NewsStore"],
            path: "Tools/store-stress", swiftSettings: strict),

        // MARK: Tests
        .testTarget(name: "CorpusKitTests", dependencies: ["CorpusKit", "NewsModels"], path: "Tests/CorpusKitTests", swiftSettings: strict),
        .testTarget(name: "StoriesBenchTests", dependencies: ["stories-bench", "NewsModels"], path: "Tests/StoriesBenchTests", swiftSettings: strict),
        .testTarget(name: "StoriesEvalTests", dependencies: ["stories-eval", "Stories", "NewsModels"], path: "Tests/StoriesEvalTests", swiftSettings: strict),
        .testTarget(name: "NewsModelsTests", dependencies: ["NewsModels"], path: "Tests/NewsModelsTests", swiftSettings: strict),
        .testTarget(
            name: "NewsStoreTests",
            dependencies: ["NewsStore", "NewsModels", "store-stress", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/NewsStoreTests", swiftSettings: strict),
        .testTarget(
            name: "FeedFormatsTests", dependencies: ["FeedFormats", "NewsModels"],
            path: "Tests/FeedFormatsTests", swiftSettings: strict),
        .testTarget(
            name: "FeedPollingTests", dependencies: ["FeedPolling", "FeedFormats", "HTTPTransport", "NewsModels", "NewsStore", "NewsSync"],
            path: "Tests/FeedPollingTests", swiftSettings: strict),
        .testTarget(
            name: "StoriesTests", dependencies: ["Stories", "NewsModels", "FeedFormats"],
            path: "Tests/StoriesTests", swiftSettings: strict),
        .testTarget(name: "HTTPTransportTests", dependencies: ["HTTPTransport"], path: "Tests/HTTPTransportTests", swiftSettings: strict),
        .testTarget(
            name: "CurlTransportTests",
            dependencies: ["PaperboyTesting", "CurlTransport", "HTTPTransport", "NewsModels", "http-bench", "URLSessionTransport"],
            path: "Tests/CurlTransportTests", swiftSettings: strict),
        .testTarget(
            name: "FeedServerTests",
            dependencies: [
                "PaperboyTesting", "FeedServer", "FeedPolling", "NewsModels", "CurlTransport", "HTTPTransport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/FeedServerTests", swiftSettings: strict),
        .testTarget(
            name: "NewsSyncTests",
            dependencies: [
                "PaperboyTesting", "NewsSync", "NewsStore", "NewsModels", "FeedServer", "CurlTransport", "HTTPTransport",
                "URLSessionTransport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/NewsSyncTests", swiftSettings: strict),
        .testTarget(
            name: "PaperboyAppTests",
            dependencies: [
                "PaperboyApp", "PaperboyTesting", "NewsAccount", "NewsStore", "NewsModels", "FeedServer", "HTTPTransport",
                "URLSessionTransport", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/PaperboyAppTests", swiftSettings: strict),
        .testTarget(
            name: "NewsAccountTests",
            dependencies: [
                "PaperboyTesting", "NewsAccount", "NewsSync", "NewsStore", "NewsModels", "FeedServer", "CurlTransport", "HTTPTransport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/NewsAccountTests", swiftSettings: strict),
        .testTarget(
            name: "TerminalUITests",
            dependencies: [
                "TerminalUI", "NewsModels", "NewsStore", "Stories",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            path: "Tests/TerminalUITests", exclude: ["__Snapshots__"], swiftSettings: strict),
        .testTarget(
            name: "PaperboyCLITests",
            dependencies: [
                "PaperboyTesting", "paperboy", "paperboy-server", "NewsStore", "NewsModels", "TerminalUI", "CorpusKit", "FeedServer",
                "FeedFormats", "NewsAccount",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/PaperboyCLITests", swiftSettings: strict),
    ]
)

// Tools/test.sh builds the package once, with PAPERBOY_THREAD_SANITIZER=1: ThreadSanitizer then
// instruments only the modules whose code runs on several threads (the store, the sync engine, feed
// polling, the server, the libcurl transport's I/O thread, the reader's commands and child processes)
// and their suites, and every test binary and program that contains one links its runtime. The
// parsers, the grouper, the models and the third-party packages compile as usual: instrumenting them
// added minutes to every clean build, and their single-threaded suites run about ten times slower
// under the sanitizer while gaining nothing from it.
let threadSanitized: Set<String> = [
    "NewsStore", "NewsSync", "FeedPolling", "FeedServer", "CurlTransport", "TerminalUI", "PaperboyTesting",
    "paperboy", "paperboy-server", "store-stress", "NewsStoreTests", "NewsSyncTests", "FeedPollingTests",
    "FeedServerTests", "TerminalUITests", "PaperboyCLITests",
    "NewsAccount", "NewsAccountTests", "URLSessionTransport", "PaperboyApp", "PaperboyAppTests",
]
// The transport's own suites are the exception: the transport runs instrumented under them, but their
// loopback servers write and check 100 MB streams byte by byte, which under the sanitizer took minutes.
if Context.environment["PAPERBOY_THREAD_SANITIZER"] == "1" {
    for target in package.targets where threadSanitized.contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-sanitize=thread"])]
        target.linkerSettings = (target.linkerSettings ?? []) + [.unsafeFlags(["-sanitize=thread"])]
    }
}

// Tools/test.sh also sets PAPERBOY_OPTIMIZE_PURE=1: the models and the parsers, single-threaded code
// that every suite runs through (content hashes are SHA-256 over each article, every feed is parsed),
// are compiled optimised even in the debug build. Unoptimised, the large-input suites spent about three
// CPU-minutes in SHA-256 and the HTML converter; optimising the two modules costs under a minute of
// compiling and keeps assertions' preconditions (`-O`, not `-Ounchecked`).
let optimizedWhenTesting: Set<String> = ["NewsModels", "FeedFormats"]
if Context.environment["PAPERBOY_OPTIMIZE_PURE"] == "1" {
    for target in package.targets where optimizedWhenTesting.contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-O"])]
    }
}

// PAPERBOY_TEST_SCOPE=plain leaves out everything that needs SQLite, SwiftNIO or Hummingbird: a quick
// build of the parsers, the grouper, the models and the libcurl transport with their suites and tools,
// for working on those. Every other build sees the whole package.
let plainScopeLeavesOut: Set<String> = [
    "NewsStore", "NewsSync", "FeedServer", "TerminalUI", "paperboy", "paperboy-server", "store-bench",
    "store-stress", "NewsStoreTests", "NewsSyncTests", "FeedPollingTests", "FeedServerTests",
    "TerminalUITests", "PaperboyCLITests",
    "NewsAccount", "NewsAccountTests", "PaperboyApp", "PaperboyAppTests",
]
if Context.environment["PAPERBOY_TEST_SCOPE"] == "plain" {
    package.targets.removeAll { plainScopeLeavesOut.contains($0.name) }
    package.products.removeAll { plainScopeLeavesOut.contains($0.name) }  // products are named as their targets
}
