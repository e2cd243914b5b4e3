import Foundation

extension StoryModel {
    /// The model fitted on the AllSides 2021 labelled set (757 articles, 261 daily events, April to
    /// July 2021; ../shared/eval/stories/allsides-2021-dev.ndjson) by
    /// `stories-eval --train ../shared/eval/stories/allsides-2021-dev.ndjson`: logistic regression
    /// (Newton's method, ridge 0.01) over every article against the candidate stories the index
    /// found while grouping with the gold answer, then the join probability (steps of 0.05) with
    /// the best mean of pairwise and B-cubed F1 on the same set. `stories-eval --validate` fits on
    /// all months but one and scores that one. Refit and paste here when the features change.
    public static let fitted = StoryModel(
        weights: [-3.8541, 3.0729, -10.0458, -1.0260, 0.8663, 2.2794, -7.1557, -4.9596, 5.3232, 20.1039], joinProbability: 0.30)
}
