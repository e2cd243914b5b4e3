#!/usr/bin/env bash
# Story-grouping benchmark. stories-bench (release build) generates COUNT articles of
# SyntheticCorpus(seed: 7) up front, untimed and all in memory, sorts them by publication time (ties by
# id: the order a server roughly receives them in) and assigns them one at a time to one grouper
# (STORIES_GROUPER: model, the default, is CentroidGrouper with the fitted StoryModel; members is StoryGrouper),
# timing every assign() with a monotonic clock and the thread's CPU clock. Reported per block of 10,000: articles/s, mean, median,
# p99 and max µs per article, and comparisons per article (lastComparisonCount); "flat" means the last
# block's µs per article is close to the first's. Quality: pairwise precision and recall against the
# corpus's ground-truth story ids, counted per (predicted, true) cell, not over all pairs.
# The peer, in the same process after Stories: an all-pairs TF-IDF scan with no index (stories-bench's
# AllPairsGrouper) over the first 20,000 of the same articles, in blocks of 5,000.
# RUNS fresh processes (default 3). Medians over runs of the in-process figures, plus each process's
# wall time and peak RSS from outside (measure.py); peak RSS includes the generated corpus.
#
#   Tools/bench/stories.sh [COUNT=100000] [RUNS=3]
#   STORIES_BENCH_REUSE=1 prints the summary of the runs already in bench-out/stories without running.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
count=${1:-100000}
runs=${2:-3}
[[ $count =~ ^[1-9][0-9]*$ ]] || { echo "stories.sh: COUNT must be a positive whole number, got '$count'" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "stories.sh: RUNS must be a positive whole number, got '$runs'" >&2; exit 2; }

. Tools/lib/deps.sh
paperboy_ensure_packages

work=$root/bench-out/stories
if [ "${STORIES_BENCH_REUSE:-0}" = 1 ]; then
  [ -f "$work/run-$runs.json" ] || { echo "stories.sh: no run $runs in $work to reuse" >&2; exit 1; }
else
  rm -rf "$work"
  mkdir -p "$work"
  echo "building stories-bench (release)..." >&2
  swift build -c release --product stories-bench >&2
  bin=$(swift build -c release --show-bin-path)/stories-bench

  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$work/load.txt"
  for run in $(seq "$runs"); do
    result=$(python3 Tools/bench/measure.py --out "$work/run-$run.json" -- "$bin" --count "$count" --grouper "${STORIES_GROUPER:-model}" --json)
    echo "$result" >"$work/run-$run.process"
    echo "run $run: $result (wall s, peak RSS MiB of the process)" >&2
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/load.txt"
fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
cat "$work/load.txt"
python3 - "$work" "$runs" <<'PY'
import json, statistics, sys

work, runs = sys.argv[1], int(sys.argv[2])
reports = [json.load(open(f"{work}/run-{i}.json")) for i in range(1, runs + 1)]
process = [open(f"{work}/run-{i}.process").read().split() for i in range(1, runs + 1)]
med = statistics.median
of_runs = f"median of {runs} runs" if runs > 1 else "one run"

def table(key, label):
    first = reports[0][key]
    print(f"\n{first['name']}: {first['articles']:,} articles, {of_runs}")
    print(f"{'block':>5} {'articles':>15} {'articles/s':>11} {'µs/article':>11} {'median µs':>10} {'p99 µs':>8} {label:>15}")
    for i, block in enumerate(first["blocks"]):
        rows = [r[key]["blocks"][i] for r in reports]
        span = f"{block['firstArticle']:,}–{block['firstArticle'] + block['articles'] - 1:,}"
        print(f"{block['block']:>5} {span:>15} {med(b['articlesPerSecond'] for b in rows):>11,.0f}"
              f" {med(b['microsecondsPerArticle'] for b in rows):>11.1f} {med(b['medianMicroseconds'] for b in rows):>10.1f}"
              f" {med(b['p99Microseconds'] for b in rows):>8.0f} {med(b['meanComparisons'] for b in rows):>15.1f}")
    runs_of = [r[key] for r in reports]
    print(f"total: {med(x['articlesPerSecond'] for x in runs_of):,.0f} articles/s"
          f" (runs: {', '.join(format(x['articlesPerSecond'], ',.0f') for x in runs_of)});"
          f" last/first block µs per article: {med(x['lastToFirstBlockRatio'] for x in runs_of):.2f}"
          f" (runs: {', '.join(format(x['lastToFirstBlockRatio'], '.2f') for x in runs_of)})")
    cpu = [x["cpuArticlesPerSecond"] for x in runs_of if x.get("cpuArticlesPerSecond")]
    if cpu:
        print(f"on the assigning thread's CPU time (leaves out other processes holding the cores): {med(cpu):,.0f} articles/s"
              f" (runs: {', '.join(format(c, ',.0f') for c in cpu)})")
    print(f"stories formed: {med(x['storiesFormed'] for x in runs_of):,.0f} (true: {runs_of[0]['pairs']['trueGroups']:,});"
          f" pairwise precision {med(x['precision'] for x in runs_of):.3g}, recall {med(x['recall'] for x in runs_of):.3g}")

r0 = reports[0]
print(f"corpus: {r0['articles']:,} articles of SyntheticCorpus(seed: {r0['seed']}), {r0['trueStories']:,} true stories,"
      f" {r0['order']} order; generation {med(r['generationSeconds'] for r in reports):.1f} s (untimed)")
table("stories", "comparisons")
joins = r0["storiesJoins"]
print(f"joins: {joins['joins']:,}, {joins['wrongJoins']:,} into a story holding none of the article's true story"
      f" (median score {joins['medianWrongScore']:.3f}, right joins {joins['medianRightScore']:.3f});"
      f" {joins['missedJoins']:,} new stories whose true story was already open")
if r0.get("peer"):
    table("peer", "scored")
    prefixes = [r["prefix"] for r in reports]
    p = prefixes[0]
    print(f"\nsame {p['articles']:,} articles: Stories {med(x['storiesSeconds'] for x in prefixes):.2f} s,"
          f" peer {med(x['peerSeconds'] for x in prefixes):.2f} s, peer/Stories time {med(x['peerToStoriesTimeRatio'] for x in prefixes):.2f}x;"
          f" Stories precision {med(x['storiesPrecision'] for x in prefixes):.3g}, recall {med(x['storiesRecall'] for x in prefixes):.3g}")
memory = [r["memory"] for r in reports]
print(f"\nRSS in-process (MiB, medians): after generation {med(m['rssAfterGenerationMiB'] for m in memory):.0f},"
      f" after Stories {med(m['rssAfterStoriesMiB'] for m in memory):.0f}, peak {med(m['peakRSSMiB'] for m in memory):.0f}")
print(f"whole process (measure.py, medians): {med(float(p[0]) for p in process):.1f} s wall,"
      f" {med(float(p[1]) for p in process):.0f} MiB peak RSS")
PY
