/// Sorts Stories' joins into right and wrong ones, to show where precision is lost: a join is right
/// when the story it joined already holds an article of the same true story.
struct JoinAudit: Codable {
    /// Articles that joined an existing story.
    var joins = 0
    /// Joins into a story holding no article of the joiner's true story.
    var wrongJoins = 0
    /// Articles that opened a story although an article of their true story was already assigned.
    var missedJoins = 0
    /// Stories merged into another because an article linked them.
    var merges = 0
    /// Median score of right joins.
    var medianRightScore = 0.0
    /// Median score of wrong joins.
    var medianWrongScore = 0.0

    private var rightScores: [Double] = []
    private var wrongScores: [Double] = []
    private var truthsByStory: [String: Set<String>] = [:]
    private var seenTruths: Set<String> = []

    private enum CodingKeys: String, CodingKey {
        case joins, wrongJoins, missedJoins, merges, medianRightScore, medianWrongScore
    }

    /// Creates an empty audit.
    init() {}

    /// Records where one article went and its true story.
    mutating func record(storyId: String, isNewStory: Bool, score: Double, truth: String) {
        if isNewStory {
            if seenTruths.contains(truth) { missedJoins += 1 }
        } else {
            joins += 1
            if truthsByStory[storyId]?.contains(truth) == true { rightScores.append(score) } else { wrongScores.append(score) }
        }
        truthsByStory[storyId, default: []].insert(truth)
        seenTruths.insert(truth)
    }

    /// Fills in the medians; call once after the last `record`.
    mutating func finish() {
        wrongJoins = wrongScores.count
        medianRightScore = Self.median(rightScores)
        medianWrongScore = Self.median(wrongScores)
    }

    /// The middle value (the mean of the two middle ones for an even count); 0 for none.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
