import ArgumentParser
import Foundation
import NewsModels
import Stories

/// Scores story grouping against a labelled set of real news.
@main
struct StoriesEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories-eval",
        abstract: "Score story grouping on a labelled NDJSON set (pairwise and B-cubed precision, recall, F1).",
        discussion: """
            Feeds the articles in publication order (ties in file order), one calendar day per batch, \
            through StoryAssigner (the server's import path) and through CentroidGrouper with the \
            fitted StoryModel, and prints both scores with the worst wrong merges and splits. \
            --baseline adds the set's reference baseline. --train fits the model on the set and prints \
            the coefficients; --validate fits on all months but one and scores that one, for each month.
            """)

    @Argument(help: "Labelled NDJSON file (id, title, text, publishedAt, source, event per line).")
    var file: String

    @Flag(help: "Also score the single-pass TF-IDF baseline (cosine >= 0.2 within 3 days).")
    var baseline = false

    @Flag(help: "Fit StoryModel on the whole file and print the weights as Swift.")
    var train = false

    @Flag(help: "For each month: fit on the other months, score this one.")
    var validate = false

    @Option(help: "Also score this many within-day shuffles of the file (seeded), to show order does not matter.")
    var shuffles = 0

    @Option(help: "Wrong merges and splits listed for each grouper.")
    var errors = 5

    func run() throws {
        let set: LabelledSet
        do { set = try LabelledSet(path: file) } catch { throw ValidationError(error.description) }
        let gold = set.items.map(\.event)
        print("\(file): \(set.items.count) articles, \(Set(gold).count) events, months \(set.months.joined(separator: " "))")
        let served = Groupings.assigner(set)
        let centroid = Groupings.assigner(set, model: .fitted)
        print(ClusterScores(predicted: served, gold: gold).line("StoryAssigner()"))
        print(ClusterScores(predicted: centroid, gold: gold).line("StoryAssigner(model:)"))
        if baseline { print(ClusterScores(predicted: Groupings.baseline(set), gold: gold).line("baseline TF-IDF")) }
        for seed in 0..<UInt64(shuffles) {
            let shuffled = set.shuffledWithinDays(seed: seed + 1)
            let g = shuffled.items.map(\.event)
            print(ClusterScores(predicted: Groupings.assigner(shuffled, model: .fitted), gold: g).line("  shuffle \(seed + 1) model"))
            print(ClusterScores(predicted: Groupings.assigner(shuffled), gold: g).line("  shuffle \(seed + 1) assigner"))
        }
        if errors > 0 {
            print("StoryAssigner(model:):")
            GroupingErrors.report(set, predicted: centroid, limit: errors).forEach { print($0) }
        }
        if validate {
            print("validation across months (fit on the others, score the month):")
            for month in set.months {
                let training = set.only(months: Set(set.months).subtracting([month]))
                let held = set.only(months: [month])
                let model = ModelFitting.fit(training)
                let g = held.items.map(\.event)
                print("  \(month): fitted on the other months: StoryModel(weights: \(model.weights.map { String(format: "%.2f", $0) }), joinProbability: \(model.joinProbability))")
                print(ClusterScores(predicted: Groupings.assigner(held, model: model), gold: g).line("  \(month) held out"))
                print(ClusterScores(predicted: Groupings.baseline(held), gold: g).line("  \(month) baseline"))
                print(ClusterScores(predicted: Groupings.assigner(held), gold: g).line("  \(month) assigner"))
            }
        }
        if train {
            let model = ModelFitting.fit(set)
            print("fitted on \(set.items.count) articles (\(StoryModel.featureNames.joined(separator: ", "))):")
            print("StoryModel(weights: [\(model.weights.map { String(format: "%.4f", $0) }.joined(separator: ", "))], joinProbability: \(String(format: "%.2f", model.joinProbability)))")
            print(ClusterScores(predicted: Groupings.centroid(set, model: model), gold: gold).line("fit, scored on itself"))
        }
    }
}
