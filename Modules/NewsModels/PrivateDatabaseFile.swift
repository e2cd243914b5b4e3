import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SQLite files that hold private data (token hashes, reading history) readable by their owner only.
///
/// SQLite creates a database's `-wal` and `-shm` with the database file's own mode, so creating the
/// database 0600 before SQLite opens it covers all three; files an older version left readable by
/// others are tightened.
public enum PrivateDatabaseFile {
    /// Creates `path` empty with mode 0600 when it does not exist (never replacing one another process
    /// just made), and removes group and other permissions from it and its `-wal` and `-shm`.
    public static func prepare(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
        for file in [path, path + "-wal", path + "-shm"] {
            var status = stat()
            // lstat: a symbolic link's target is not this store's to change.
            guard lstat(file, &status) == 0, (status.st_mode & mode_t(S_IFMT)) == mode_t(S_IFREG), status.st_uid == geteuid(),
                status.st_mode & 0o077 != 0
            else { continue }
            _ = chmod(file, mode_t(status.st_mode & 0o700))
        }
    }
}
