import Foundation
import Testing

/// The portable core stays portable: its sources import Glibc, Musl, Darwin or FoundationNetworking
/// only inside `#if canImport(...)`, never import the reader's or server's modules, and never name
/// a Linux-only path, so an iOS or Android app can build them. Reads the repository's sources at
/// run time.
@Suite struct PortabilityTests {
    static let portableModules = [
        "Modules/NewsModels", "Modules/NewsStore", "Modules/HTTPTransport", "Modules/NewsSync", "Modules/FeedPolling",
        "Modules/FeedFormats", "Modules/Stories", "Modules/NewsAccount", "Modules/URLSessionTransport", "Examples/PaperboyApp",
    ]

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func portableModulesUseNothingPlatformSpecificOutsideCanImport() throws {
        var problems: [String] = []
        for module in Self.portableModules {
            let folder = Self.repository.appendingPathComponent(module)
            let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "no sources found in \(module)")
            for file in files {
                let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                problems += PortabilityCheck.problems(in: source).map { "\(module)/\(file):\($0)" }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func theCheckCatchesEachKindOfViolationAndAllowsGuardedImports() {
        let guarded = """
            #if canImport(Glibc)
            import Glibc
            #elseif canImport(Darwin)
            import Darwin
            #endif
            #if canImport(FoundationNetworking)
            import FoundationNetworking
            #endif
            import Foundation
            """
        #expect(PortabilityCheck.problems(in: guarded).isEmpty)
        #expect(PortabilityCheck.problems(in: "import Foundation\nimport Glibc\n") == ["2: imports Glibc outside #if canImport"])
        #expect(PortabilityCheck.problems(in: "#if os(Linux)\nimport FoundationNetworking\n#endif\n").count == 1)
        #expect(PortabilityCheck.problems(in: "@preconcurrency import CurlTransport\n").count == 1)
        #expect(PortabilityCheck.problems(in: #"let limits = "/proc/self/status""#).count == 1)
    }
}

/// Finds platform-specific imports and paths outside `#if canImport(...)` in one Swift source.
enum PortabilityCheck {
    /// Modules that exist only on some platforms: fine behind `#if canImport`, never unguarded.
    static let platformModules: Set<String> = ["Glibc", "Musl", "Darwin", "FoundationNetworking", "WinSDK", "Android", "Bionic"]
    /// Modules the portable core must never import at all.
    static let forbiddenModules: Set<String> = ["CurlTransport", "CCurl", "ArgumentParser", "Hummingbird", "TerminalUI", "FeedServer"]
    /// Paths that exist only on Linux.
    static let linuxPaths = ["/proc/", "/sys/", "/dev/shm", "/etc/os-release", "/run/"]

    /// One line per problem: `LINE: what`.
    static func problems(in source: String) -> [String] {
        var problems: [String] = []
        // One entry per open #if: whether that branch (or an enclosing one) is a canImport guard.
        var guards: [Bool] = []
        for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let guarded = guards.last ?? false
            if line.hasPrefix("#if ") {
                guards.append(guarded || line.contains("canImport("))
            } else if line.hasPrefix("#elseif ") {
                let outer = guards.count > 1 ? guards[guards.count - 2] : false
                if !guards.isEmpty { guards[guards.count - 1] = outer || line.contains("canImport(") }
            } else if line.hasPrefix("#else") {
                // An #else after a canImport guard is the platform without the module: still guarded code.
            } else if line.hasPrefix("#endif") {
                _ = guards.popLast()
            } else if let module = importedModule(line) {
                if forbiddenModules.contains(module) {
                    problems.append("\(index + 1): imports \(module), which the portable core must not use")
                } else if platformModules.contains(module) && !guarded {
                    problems.append("\(index + 1): imports \(module) outside #if canImport")
                }
            } else if !guarded, !line.hasPrefix("//"), let path = linuxPaths.first(where: { line.contains("\"\($0)") }) {
                problems.append("\(index + 1): names the Linux-only path \(path) outside #if canImport")
            }
        }
        return problems
    }

    /// The module an `import` line names (attributes and kinds such as `struct` allowed), else nil.
    static func importedModule(_ line: String) -> String? {
        let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
        guard let first = words.first, ["import", "public", "internal", "package", "private", "fileprivate"].contains(String(first)) else {
            return nil
        }
        guard let at = words.firstIndex(of: "import"), at + 1 < words.count else { return nil }
        var name = words[at + 1]
        if ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"].contains(String(name)), at + 2 < words.count {
            name = words[at + 2]
        }
        return String(name.split(separator: ".").first ?? name)
    }
}
