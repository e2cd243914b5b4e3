#!/usr/bin/env bash
# Store benchmark: NewsStore.apply vs raw SQLite C inserts of the same rows (FTS included in both),
# then in-process search latency over the filled store. Runs each mode RUNS times, alternating, in
# fresh processes, and prints medians plus the apply/raw ratio (target: at least 0.70).
#
#   Tools/bench/store.sh [COUNT=100000] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-100000}
runs=${2:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/paperboy-store-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

swift build -c release --product store-bench >&2
bin=$(swift build -c release --show-bin-path)/store-bench

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: >"$work/apply.txt"; : >"$work/raw.txt"
for run in $(seq 1 "$runs"); do
  for mode in raw apply; do
    rm -f "$work/$mode.sqlite"*
    line=$("$bin" "$mode" "$work/$mode.sqlite" "$count")
    echo "run $run: $line" >&2
    echo "$line" >>"$work/$mode.txt"
  done
done

apply_rate=$(field articles_per_second <"$work/apply.txt" | median)
raw_rate=$(field articles_per_second <"$work/raw.txt" | median)
search=$("$bin" search "$work/apply.sqlite" 20)
echo "$search" | grep '^query' >&2

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "articles: $count, runs: $runs (medians)"
printf '%-28s %12s %10s %12s\n' "" "articles/s" "store MB" "peak RSS MB"
printf '%-28s %12s %10s %12s\n' "NewsStore.apply (1k batches)" "$apply_rate" \
  "$(field store_mb <"$work/apply.txt" | median)" "$(field peak_rss_mb <"$work/apply.txt" | median)"
printf '%-28s %12s %10s %12s\n' "raw SQLite C, 1 transaction" "$raw_rate" \
  "$(field store_mb <"$work/raw.txt" | median)" "$(field peak_rss_mb <"$work/raw.txt" | median)"
awk -v a="$apply_rate" -v r="$raw_rate" 'BEGIN {printf "apply/raw ratio: %.2f (target >= 0.70)\n", a / r}'
echo "search: $(echo "$search" | grep '^mode=search')"
