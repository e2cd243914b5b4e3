#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file, released when the holder releases it or the process ends (so a
/// killed sync never leaves the store locked); works across processes sharing a store.
public struct FileSyncLock: SyncLock {
    /// The lock file.
    public let path: String

    /// The lock beside the store at `storePath` (`STORE.sync-lock`).
    public init(storePath: String) {
        self.path = storePath + ".sync-lock"
    }

    /// Takes the lock when no other process holds it.
    public func tryAcquire() throws(AccountError) -> (any SyncLockHolder)? {
        let descriptor = try openLockFile()
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return Holder(descriptor: descriptor) }
        close(descriptor)
        return nil
    }

    /// Waits for the lock on a thread of its own, so no thread of the cooperative pool blocks.
    public func acquire() async throws(AccountError) -> any SyncLockHolder {
        let descriptor = try openLockFile()
        let locked = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            Thread.detachNewThread { continuation.resume(returning: flock(descriptor, LOCK_EX) == 0) }
        }
        guard locked else {
            close(descriptor)
            throw .lockUnavailable(path: path, reason: "flock failed")
        }
        return Holder(descriptor: descriptor)
    }

    private func openLockFile() throws(AccountError) -> Int32 {
        // O_NOFOLLOW: a link planted at the lock's path must not make this open (or create) another file.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link; remove it" : String(cString: strerror(errno))
            throw .lockUnavailable(path: path, reason: reason)
        }
        return descriptor
    }

    private struct Holder: SyncLockHolder {
        let descriptor: Int32
        func release() {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
    }
}

#endif
