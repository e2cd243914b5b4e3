import Foundation

/// The similarity model that decides whether an article joins a story: logistic regression over
/// the cosine similarities of the article to the story's centroid sub-vectors and the time between
/// them (after Miranda et al., "Multilingual Clustering of Streaming News", EMNLP 2018).
public struct StoryModel: Sendable, Hashable, Codable {
    /// Feature names, in the order of `weights` after the intercept.
    public static let featureNames = [
        "title", "body", "title+body", "entities", "title~title+body", "days", "log(1+days)", "headline cover", "title+body x coherence",
    ]

    /// Intercept first, then one weight per feature of `featureNames`.
    public var weights: [Double]
    /// Least probability of belonging for an article to join its best story; below it the article
    /// opens a new story.
    public var joinProbability: Double

    /// Creates a model from fitted weights.
    public init(weights: [Double], joinProbability: Double) {
        precondition(weights.count == Self.featureNames.count + 1, "StoryModel: \(weights.count) weights for \(Self.featureNames.count) features")
        self.weights = weights
        self.joinProbability = joinProbability
    }

    /// The probability that an article with `features` belongs to the story they were measured against.
    public func probability(_ features: [Double]) -> Double {
        var z = weights[0]
        for (w, x) in zip(weights.dropFirst(), features) { z += w * x }
        return 1 / (1 + exp(-z))
    }

    /// The features of an article against a story: the similarity of each sub-vector pair, the
    /// days between the article and the story's span, capped at `maximumDays`, the share of the
    /// story's headline words the article holds, and the title+body cosine scaled by the story's
    /// coherence (about the mean cosine to its members, which a story of look-alikes chained
    /// together keeps low however close its centroid comes).
    static func features(title: Double, body: Double, all: Double, entities: Double, titleToAll: Double, days: Double,
                         headlineCover: Double, coherence: Double) -> [Double] {
        let days = min(abs(days), maximumDays)
        return [title, body, all, entities, titleToAll, days, log1p(days), headlineCover, all * coherence]
    }

    /// Days beyond which time apart adds nothing more to the features.
    static let maximumDays = 30.0
}
