import Foundation

/// Joining and merging decisions: when an article passes a story's join rules, and folding two
/// stories into one when an article links them.
extension StoryGrouper {
    /// A story that passed the join rules for the article being assigned.
    struct Candidate {
        var story: Int
        var sum: LinkSum
        var score: Double { sum.score }
    }

    /// Whether an average link passes the join rules: the threshold, and the entity overlap when
    /// the article names enough entities for overlap to mean something.
    func passes(_ sum: LinkSum, entityRule: Bool) -> Bool {
        guard sum.count > 0 else { return false }
        if entityRule, sum.entities < configuration.minimumEntityOverlap { return false }
        return sum.score >= configuration.joinThreshold
    }

    /// The summed similarity over the pairs of recent members of two stories published within
    /// the maximum gap of each other (at most `membersCompared` squared pairs).
    func linkage(_ a: Int, _ b: Int, gap: Int64, comparisons: inout Int) -> LinkSum {
        var sum = LinkSum()
        let others = members[b].suffix(configuration.membersCompared).map { entries[Int($0)] }
        for member in members[a].suffix(configuration.membersCompared) {
            let entry = entries[Int(member)]
            let scorer = Scorer(self, entry.features)
            for other in others where abs(other.publishedMillis - entry.publishedMillis) < gap {
                sum.add(scorer.similarity(entry.publishedMillis, other.features, other.publishedMillis))
            }
        }
        comparisons += sum.count
        return sum
    }

    /// Folds story `absorbed` into `survivor`: its members move over, and its id points at the survivor.
    mutating func mergeStory(_ absorbed: Int, into survivor: Int) {
        for member in members[absorbed] { entries[Int(member)].storyIndex = survivor }
        members[survivor] = (members[survivor] + members[absorbed]).sorted()
        members[absorbed] = []
        records[survivor].absorb(records[absorbed])
        records[absorbed].markMerged()
        mergedInto[absorbed] = survivor
    }

    /// The live story a story number now stands for (itself unless it was merged away).
    func live(_ story: Int) -> Int {
        var story = story
        while let next = mergedInto[story] { story = next }
        return story
    }
}
