import Testing

/// The one way these tests wait for something another process does (a shell drawing a screen):
/// sample it until a condition holds. The deadline is no expectation about speed, only a guard
/// against waiting forever on a condition that never comes; reaching it is a test failure.
enum Polling {
    /// Samples with `sample` every `interval` until `condition` holds, and returns that sample; at
    /// the deadline records a failure naming `what` and returns the last sample.
    static func sample<T>(_ what: String, every interval: Duration = .milliseconds(50), giveUpAfter deadline: Duration = .seconds(60),
                          _ sample: () throws -> T, until condition: (T) -> Bool) async throws -> T {
        let clock = ContinuousClock(), end = clock.now.advanced(by: deadline)
        var last = try sample()
        while !condition(last) {
            guard clock.now < end else {
                Issue.record("\(what) never came; the last sample was:\n\(last)")
                return last
            }
            try await Task.sleep(for: interval)
            last = try sample()
        }
        return last
    }
}
