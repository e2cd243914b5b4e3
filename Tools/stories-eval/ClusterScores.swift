import Foundation

/// Pairwise and B-cubed precision, recall and F1 of a grouping against gold events.
struct ClusterScores {
    var pairPrecision = 0.0, pairRecall = 0.0
    var cubePrecision = 0.0, cubeRecall = 0.0
    var clusters = 0, goldClusters = 0

    var pairF1: Double { Self.f1(pairPrecision, pairRecall) }
    var cubeF1: Double { Self.f1(cubePrecision, cubeRecall) }

    static func f1(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }

    private struct Cell: Hashable { let predicted: String, gold: String }

    /// Scores `predicted[i]` against `gold[i]`.
    init(predicted: [String], gold: [String]) {
        precondition(predicted.count == gold.count, "ClusterScores: \(predicted.count) predictions for \(gold.count) labels")
        var cells: [Cell: Int] = [:], sizeP: [String: Int] = [:], sizeG: [String: Int] = [:]
        for (p, g) in zip(predicted, gold) {
            cells[Cell(predicted: p, gold: g), default: 0] += 1
            sizeP[p, default: 0] += 1
            sizeG[g, default: 0] += 1
        }
        func pairs<S: Sequence<Int>>(_ sizes: S) -> Double { sizes.reduce(0.0) { $0 + Double($1 * ($1 - 1) / 2) } }
        let shared = pairs(cells.values), predictedPairs = pairs(sizeP.values), goldPairs = pairs(sizeG.values)
        pairPrecision = predictedPairs == 0 ? 1 : shared / predictedPairs
        pairRecall = goldPairs == 0 ? 1 : shared / goldPairs
        // B-cubed: each article in cell (p, g) has cell/|p| precision and cell/|g| recall.
        let n = Double(predicted.count)
        for (cell, count) in cells {
            cubePrecision += Double(count * count) / Double(sizeP[cell.predicted]!) / n
            cubeRecall += Double(count * count) / Double(sizeG[cell.gold]!) / n
        }
        clusters = sizeP.count
        goldClusters = sizeG.count
    }

    /// One line for the report.
    func line(_ name: String) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        return "\(name.padding(toLength: 22, withPad: " ", startingAt: 0)) pair P/R/F1 \(f(pairPrecision)) / \(f(pairRecall)) / \(f(pairF1))"
            + "   B-cubed P/R/F1 \(f(cubePrecision)) / \(f(cubeRecall)) / \(f(cubeF1))   clusters \(clusters) (gold \(goldClusters))"
    }
}

/// The worst errors of a grouping: predicted clusters mixing gold events, and gold events split apart.
enum GroupingErrors {
    /// Up to `limit` wrong merges (predicted clusters holding several events, most wrong pairs first)
    /// and wrong splits (events spread over several clusters, most missed pairs first), as text.
    static func report(_ set: LabelledSet, predicted: [String], limit: Int) -> [String] {
        var byPredicted: [String: [Int]] = [:], byGold: [String: [Int]] = [:]
        for (i, item) in set.items.enumerated() {
            byPredicted[predicted[i], default: []].append(i)
            byGold[item.event, default: []].append(i)
        }
        func wrongPairs(_ members: [Int], key: (Int) -> String) -> Int {
            var counts: [String: Int] = [:]
            for m in members { counts[key(m), default: 0] += 1 }
            let all = members.count * (members.count - 1) / 2
            return all - counts.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        }
        func titles(_ members: [Int], key: (Int) -> String) -> [String] {
            members.map { "      [\(key($0))] \(set.items[$0].article.publishedAt.rfc3339.prefix(10)) \(set.items[$0].article.title)" }
        }
        var lines: [String] = []
        let merges = byPredicted.map { ($0.key, $0.value, wrongPairs($0.value) { set.items[$0].event }) }
            .filter { $0.2 > 0 }.sorted { ($0.2, $0.0) > ($1.2, $1.0) }.prefix(limit)
        lines.append("worst wrong merges (predicted story: [gold event] title):")
        for (id, members, wrong) in merges {
            lines.append("  \(id): \(wrong) wrong pairs")
            lines += titles(members) { set.items[$0].event }
        }
        let splits = byGold.map { ($0.key, $0.value, wrongPairs($0.value) { predicted[$0] }) }
            .filter { $0.2 > 0 }.sorted { ($0.2, $0.0) > ($1.2, $1.0) }.prefix(limit)
        lines.append("worst wrong splits (gold event: [predicted story] title):")
        for (event, members, missed) in splits {
            lines.append("  \(event): \(missed) missed pairs")
            lines += titles(members) { predicted[$0] }
        }
        return lines
    }
}
