import Foundation

/// A failure worth exactly one line on stderr.
struct CorpusCommandError: Error, CustomStringConvertible {
    /// What went wrong, phrased for the user.
    let description: String
    init(_ description: String) { self.description = description }
}

/// Standard output or a file, written in whole chunks.
final class OutputSink {
    private let handle: FileHandle
    private let path: String?

    /// Opens (creating or truncating) `path`, or standard output when nil.
    init(path: String?) throws {
        self.path = path
        guard let path else {
            handle = .standardOutput
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CorpusCommandError("cannot create \(path) (does its directory exist and is it writable?)")
        }
        do {
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        } catch {
            throw CorpusCommandError("cannot open \(path) for writing: \(error.localizedDescription)")
        }
    }

    /// Writes one chunk.
    func write(_ data: Data) throws {
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw CorpusCommandError("cannot write to \(path ?? "standard output"): \(error.localizedDescription)")
        }
    }

    /// Closes a file; standard output is left open for the runtime to flush.
    func close() throws {
        guard path != nil else { return }
        do {
            try handle.close()
        } catch {
            throw CorpusCommandError("cannot finish writing \(path ?? ""): \(error.localizedDescription)")
        }
    }
}
