// swift-tools-version:6.1
// The benchmark peer for Tools/bench/http.sh: async-http-client doing the same work as
// `http-bench many` and `http-bench download`. A separate package so the main build never pulls in
// SwiftNIO's HTTP client stack; async-http-client is a benchmark peer only.
import PackageDescription

let package = Package(
    name: "AHCPeer",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0")
    ],
    targets: [
        .executableTarget(
            name: "ahc-bench",
            dependencies: [.product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: [.swiftLanguageMode(.v6)])
    ]
)
