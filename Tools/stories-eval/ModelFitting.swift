import Foundation
import Stories

/// Fits `StoryModel` on labelled events: logistic regression over article-to-story features, then
/// the join probability that scores best on the same training articles.
enum ModelFitting {
    /// One training pair: features of an article against a candidate story, and whether the story
    /// is the article's gold event.
    struct Example { var features: [Double]; var belongs: Bool }

    /// Pairs from grouping `set` with the gold answer (each article placed in its event's story), so
    /// every article is measured against the stories it would meet: its event's story as the
    /// positive (when the index finds it), the other candidates as negatives.
    static func examples(_ set: LabelledSet) -> [Example] {
        var grouper = CentroidGrouper(model: .fitted)
        var storyOfEvent: [String: Int] = [:]
        var result: [Example] = []
        for day in Groupings.days(set) {
            for i in Groupings.dayOrder(set, day) {
                let item = set.items[i]
                let scored = grouper.score(item.article)
                let gold = storyOfEvent[item.event]
                for candidate in scored.candidates { result.append(Example(features: candidate.features, belongs: candidate.story == gold)) }
                storyOfEvent[item.event] = grouper.place(scored, in: gold)
            }
        }
        return result
    }

    /// Logistic regression weights (intercept first) by Newton's method with a small ridge penalty.
    static func logisticRegression(_ examples: [Example], ridge: Double = 1e-2, iterations: Int = 30) -> [Double] {
        let k = StoryModel.featureNames.count + 1
        var w = [Double](repeating: 0, count: k)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: k)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            for example in examples {
                let x = [1.0] + example.features
                var z = 0.0
                for j in 0..<k { z += w[j] * x[j] }
                let p = 1 / (1 + exp(-z))
                let y = example.belongs ? 1.0 : 0.0
                let s = max(p * (1 - p), 1e-9)
                for a in 0..<k {
                    gradient[a] += (p - y) * x[a]
                    for b in 0..<k { hessian[a][b] += s * x[a] * x[b] }
                }
            }
            for j in 1..<k { gradient[j] += ridge * w[j]; hessian[j][j] += ridge }
            let step = solve(hessian, gradient)
            for j in 0..<k { w[j] -= step[j] }
            if step.map(abs).max() ?? 0 < 1e-8 { break }
        }
        return w
    }

    /// The solution of `a x = b` by Gaussian elimination with partial pivoting.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        var m = a, v = b
        let n = v.count
        for col in 0..<n {
            let pivot = (col..<n).max { abs(m[$0][col]) < abs(m[$1][col]) }!
            m.swapAt(col, pivot); v.swapAt(col, pivot)
            guard abs(m[col][col]) > 1e-12 else { continue }
            for row in (col + 1)..<n {
                let f = m[row][col] / m[col][col]
                for c in col..<n { m[row][c] -= f * m[col][c] }
                v[row] -= f * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var s = v[row]
            for c in (row + 1)..<n { s -= m[row][c] * x[c] }
            x[row] = abs(m[row][row]) > 1e-12 ? s / m[row][row] : 0
        }
        return x
    }

    /// Weights fitted on `set`, with the join probability (0.05 to 0.95 in steps of 0.05) giving
    /// the best mean of pairwise and B-cubed F1 when grouping `set` itself.
    static func fit(_ set: LabelledSet) -> StoryModel {
        let weights = logisticRegression(examples(set))
        var best: (model: StoryModel, score: Double)?
        for step in 1...19 {
            let model = StoryModel(weights: weights, joinProbability: Double(step) * 0.05)
            let s = ClusterScores(predicted: Groupings.centroid(set, model: model), gold: set.items.map(\.event))
            let score = (s.pairF1 + s.cubeF1) / 2
            if score > (best?.score ?? -1) + 1e-9 { best = (model, score) }
        }
        return best!.model
    }
}
