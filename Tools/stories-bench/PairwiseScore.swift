/// Pairwise precision and recall of a grouping against ground truth, counted from the sizes of the
/// (predicted, true) cells rather than by visiting every pair, so 100,000 articles cost one pass.
struct PairwiseScore: Equatable, Codable {
    /// Pairs of articles put in the same predicted group.
    var predictedPairs: Int
    /// Pairs of articles that truly belong together.
    var truePairs: Int
    /// Pairs that are both.
    var sharedPairs: Int
    /// Distinct predicted groups.
    var predictedGroups: Int
    /// Distinct true groups.
    var trueGroups: Int

    /// Share of predicted pairs that are true pairs (1 when nothing was grouped).
    var precision: Double { predictedPairs == 0 ? 1 : Double(sharedPairs) / Double(predictedPairs) }
    /// Share of true pairs that were predicted (1 when nothing belongs together).
    var recall: Double { truePairs == 0 ? 1 : Double(sharedPairs) / Double(truePairs) }

    private struct Cell<Predicted: Hashable, Truth: Hashable>: Hashable {
        let predicted: Predicted
        let truth: Truth
    }

    /// Scores `predicted[i]` against `truth[i]` for every article `i`; the lists must be equally long.
    init<Predicted: Hashable, Truth: Hashable>(predicted: [Predicted], truth: [Truth]) {
        precondition(predicted.count == truth.count, "PairwiseScore: \(predicted.count) predictions for \(truth.count) labels")
        var cells: [Cell<Predicted, Truth>: Int] = [:]
        var predictedSizes: [Predicted: Int] = [:]
        var trueSizes: [Truth: Int] = [:]
        for (p, t) in zip(predicted, truth) {
            cells[Cell(predicted: p, truth: t), default: 0] += 1
            predictedSizes[p, default: 0] += 1
            trueSizes[t, default: 0] += 1
        }
        func pairs(_ sizes: Dictionary<some Hashable, Int>.Values) -> Int { sizes.reduce(0) { $0 + $1 * ($1 - 1) / 2 } }
        predictedPairs = pairs(predictedSizes.values)
        truePairs = pairs(trueSizes.values)
        sharedPairs = pairs(cells.values)
        predictedGroups = predictedSizes.count
        trueGroups = trueSizes.count
    }
}
