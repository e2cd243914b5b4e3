/// Polls many feeds with a bounded number in flight, so a long list never opens hundreds of
/// connections at once and one slow feed never holds up the rest.
public enum PollBatch {
    /// Runs `poll` on every item, at most `width` at a time; `finished` sees each result as it lands
    /// (on the calling task); returns the results in the items' order.
    public static func run<Item: Sendable, Result: Sendable>(
        _ items: [Item], width: Int, _ poll: @escaping @Sendable (Item) async -> Result,
        finished: (Result) -> Void = { _ in }
    ) async -> [Result] {
        var results = [Result?](repeating: nil, count: items.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func launch() {
                guard next < items.count else { return }
                let index = next, item = items[index]
                next += 1
                group.addTask { (index, await poll(item)) }
            }
            for _ in 0..<max(1, width) { launch() }
            for await (index, result) in group {
                results[index] = result
                finished(result)
                launch()
            }
        }
        return results.compactMap { $0 }
    }
}
