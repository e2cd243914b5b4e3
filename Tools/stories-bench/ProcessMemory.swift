import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Resident memory of this process, in MiB.
enum ProcessMemory {
    /// The most this process has had resident so far: `getrusage(RUSAGE_SELF).ru_maxrss` (KiB on Linux).
    static func peakMiB() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// What is resident now, from the second field of `/proc/self/statm` (pages); nil where there is no procfs.
    static func currentMiB() -> Double? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}

/// CPU time of the calling thread: unlike the wall clock, it does not count the time other
/// processes on a shared machine hold the cores.
enum ThreadCPUClock {
    /// Nanoseconds of CPU the calling thread has used (`CLOCK_THREAD_CPUTIME_ID`).
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
