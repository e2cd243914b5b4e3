#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Device tokens in a folder of the user's own (0700), one file per remote (0600): the Linux
/// implementation of `CredentialStore`. A folder that is a link, another user's or writable by
/// others is refused, and its tokens are neither trusted nor sent anywhere.
public struct FileCredentialStore: CredentialStore {
    /// The folder the token files live in.
    public let directory: String

    /// A store keeping tokens in `directory` (created on the first save).
    public init(directory: String) {
        self.directory = directory
    }

    /// The file holding `remote`'s token.
    public func file(forRemote remote: String) -> String { directory + "/\(remote).token" }

    /// The saved token, nil when none.
    public func token(forRemote remote: String) throws(AccountError) -> String? {
        guard FileManager.default.fileExists(atPath: directory) else { return nil }
        try checkOwnership()
        guard let data = FileManager.default.contents(atPath: file(forRemote: remote)) else { return nil }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    /// Writes the token file, created 0600 before the token is written so it is never readable by
    /// others, even briefly.
    public func setToken(_ token: String, forRemote remote: String) throws(AccountError) {
        try checkWritable()
        let path = file(forRemote: remote)
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw .credentialsUnavailable(path: path, reason: "cannot write \(path)") }
        defer { try? handle.close() }
        do {
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data((token + "\n").utf8))
        } catch {
            throw .credentialsUnavailable(path: path, reason: "cannot write \(path)")
        }
    }

    /// Deletes the token file.
    public func removeToken(forRemote remote: String) throws(AccountError) {
        try? FileManager.default.removeItem(atPath: file(forRemote: remote))
    }

    /// Creates the folder (0700) if needed and checks that it is the user's own.
    public func checkWritable() throws(AccountError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .credentialsUnavailable(path: directory, reason: "cannot create the token folder \(directory)")
        }
        try checkOwnership()
    }

    /// Refuses a folder that is a link, another user's, or writable by others (who could then read
    /// tokens or swap them).
    private func checkOwnership() throws(AccountError) {
        var status = stat()
        guard lstat(directory, &status) == 0 else {
            throw .credentialsUnavailable(path: directory, reason: "cannot read the token folder \(directory)")
        }
        guard (status.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR) else {
            throw .credentialsUnavailable(
                path: directory, reason: "the token folder \(directory) is not a folder (a link?); remove it and add the remote again")
        }
        guard status.st_uid == geteuid(), status.st_mode & 0o022 == 0 else {
            throw .credentialsUnavailable(
                path: directory,
                reason: "the token folder \(directory) belongs to another user or others may write to it; use a store folder of your own, or run: chmod 700 \(directory)")
        }
    }
}
#endif
