import Foundation
import NewsModels
import Stories

/// The groupers the evaluation compares, each fed one labelled set in its order.
enum Groupings {
    /// Story ids from `StoryAssigner`, the path the server's import takes: one batch per calendar
    /// day (the assigner orders a batch itself), merges followed to the surviving story.
    /// With `model`, the assigner groups by centroids with that model (`StoryAssigner(model:)`).
    static func assigner(_ set: LabelledSet, model: StoryModel? = nil) -> [String] {
        let assigner = model.map { StoryAssigner(model: $0) } ?? StoryAssigner()
        var assigned: [String] = []
        var merges: [String: String] = [:]
        for day in days(set) {
            let batch = assigner.assign(day.map { set.items[$0].article }) { (_: ClosedRange<Timestamp>) throws(Never) in [] }
            assigned += batch.assignments.map(\.storyId)
            merges.merge(batch.merges) { $1 }
        }
        let final = StoryBatch(assignments: [], merges: merges).merges
        return assigned.map { final[$0] ?? $0 }
    }

    /// Story ids from `CentroidGrouper` with `model` used directly, one batch per day in (time, id)
    /// order, as `StoryAssigner` orders a batch; what fitting scores thresholds with.
    static func centroid(_ set: LabelledSet, model: StoryModel) -> [String] {
        var grouper = CentroidGrouper(model: model)
        var result = [String](repeating: "", count: set.items.count)
        for day in days(set) {
            let order = dayOrder(set, day)
            for (i, assignment) in zip(order, grouper.assign(batch: order.map { set.items[$0].article })) { result[i] = assignment.storyId }
        }
        return result
    }

    /// Cluster numbers from the README's baseline, in the set's own order.
    static func baseline(_ set: LabelledSet) -> [String] {
        var grouper = BaselineGrouper()
        return set.items.map { String(grouper.assign($0.article)) }
    }

    /// Item indices grouped by calendar day, in set order.
    static func days(_ set: LabelledSet) -> [[Int]] {
        var result: [[Int]] = []
        for (i, item) in set.items.enumerated() {
            if let last = result.last?.last, set.items[last].day == item.day { result[result.count - 1].append(i) } else { result.append([i]) }
        }
        return result
    }

    /// One day's item indices in (publication time, article id) order.
    static func dayOrder(_ set: LabelledSet, _ day: [Int]) -> [Int] {
        day.sorted {
            (set.items[$0].article.publishedAt.epochMilliseconds, set.items[$0].article.id)
                < (set.items[$1].article.publishedAt.epochMilliseconds, set.items[$1].article.id)
        }
    }
}
