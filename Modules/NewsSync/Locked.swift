import Foundation

/// A value shared between tasks, reached only through `withLock`.
///
/// `@unchecked Sendable`: `value` is only read or written while `lock` is held. NSLock rather than
/// `Synchronization.Mutex`, which ThreadSanitizer on Linux cannot see and reports as races.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
