#!/usr/bin/env bash
# Feed parsing speed: one RSS 2.0 feed of COUNT items (default 20,000; each item's body is HTML in
# <description>, as the corpus generator writes it), served by nginx on loopback, read by
#   1. paperboy subscribe URL into a fresh store: fetch through libcurl, stream-parse with libxml2,
#      convert each body's HTML to blocks, store every article (whole process, release build);
#   2. newsboat -x reload of the same URL into a fresh cache (fetch, parse, store; whole process);
#   3. paperboy-server import of the same file (parse and append to the content log, no HTTP).
# RUNS rounds (default 5), interleaved; medians of wall time and peak RSS. Items per second count
# the items each program stored.
#   Tools/bench/parse.sh [COUNT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
count=${1:-20000}
runs=${2:-5}
nginx_port=${PAPERBOY_BENCH_PORT:-18196}

. Tools/lib/deps.sh
. Tools/lib/nginx.sh
paperboy_ensure_packages
paperboy_ensure_nginx_and_wrk parse.sh || exit 1
if ! command -v newsboat >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "parse.sh: needs newsboat: sudo apt-get install newsboat" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq newsboat >&2
fi

work=$root/bench-out/parse
rm -rf "$work"
mkdir -p "$work/www" "$work/logs" "$work/runs" "$work/newsboat-home"
echo "building paperboy, paperboy-server and paperboy-corpus (release)..." >&2
for product in paperboy paperboy-server paperboy-corpus; do swift build -c release --product $product >&2; done
bin=$(swift build -c release --show-bin-path)
measure() { python3 Tools/bench/measure.py "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

"$bin/paperboy-corpus" --count "$count" --format articles --output "$work/corpus.ndjson"
python3 Tools/bench/articles-to-rss.py --one-feed "$work/corpus.ndjson" "$work/www" >/dev/null
feed_bytes=$(stat -c %s "$work/www/feed.xml")
url="http://127.0.0.1:$nginx_port/feed.xml"
echo "$url" >"$work/newsboat-urls"
printf 'max-items 0\ndownload-timeout 300\ndownload-retries 1\n' >"$work/newsboat-config"
paperboy_start_nginx "$work" "$nginx_port" "$work/www" 1
trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT

for run in $(seq "$runs"); do
  rm -f "$work/paperboy.sqlite"*
  result=$(measure --out "$work/logs/paperboy-$run.txt" -- "$bin/paperboy" --store "$work/paperboy.sqlite" subscribe "$url" --allow-private-addresses)
  items=$(sed -n 's/.*: \([0-9]*\) new article.*/\1/p' "$work/logs/paperboy-$run.txt")
  echo "$result $items" >>"$work/runs/paperboy.txt"
  echo "paperboy subscribe $run: $result (s, MB RSS), $items items" >&2

  rm -f "$work/newsboat-cache.db"*
  result=$(HOME=$work/newsboat-home measure -- newsboat -u "$work/newsboat-urls" -c "$work/newsboat-cache.db" -C "$work/newsboat-config" -x reload)
  items=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM rss_item").fetchone()[0])' "$work/newsboat-cache.db")
  echo "$result $items" >>"$work/runs/newsboat.txt"
  echo "newsboat reload $run: $result (s, MB RSS), $items items" >&2

  rm -f "$work/server.sqlite"*
  result=$(PAPERBOY_SERVER_DB=$work/server.sqlite measure --out "$work/logs/import-$run.txt" -- "$bin/paperboy-server" import "$work/www/feed.xml")
  items=$(sed -n 's/.*: \([0-9]*\) new,.*/\1/p' "$work/logs/import-$run.txt")
  echo "$result $items" >>"$work/runs/import.txt"
  echo "paperboy-server import $run: $result (s, MB RSS), $items items" >&2
done

row() {
  local label=$1 file=$2
  local s rss items
  s=$(awk '{print $1}' "$file" | median); rss=$(awk '{print $2}' "$file" | median); items=$(awk '{print $3}' "$file" | median)
  awk -v l="$label" -v s="$s" -v r="$rss" -v n="$items" 'BEGIN {printf "%-40s %9.3f %10.0f %8d %7.0f MB\n", l, s, n / s, n, r}'
}
echo
echo "one RSS 2.0 feed, $count items, $((feed_bytes / 1048576)) MB, from nginx $(/usr/sbin/nginx -v 2>&1 | sed 's/.*nginx\///') on loopback; $runs rounds interleaved, medians"
printf '%-40s %9s %10s %8s %10s\n' "" "seconds" "items/s" "items" "peak RSS"
row "paperboy subscribe (fetch+parse+store)" "$work/runs/paperboy.txt"
row "$(newsboat --version | head -1 | cut -d' ' -f1-2) -x reload" "$work/runs/newsboat.txt"
row "paperboy-server import (file)" "$work/runs/import.txt"
p=$(awk '{print $1}' "$work/runs/paperboy.txt" | median); n=$(awk '{print $1}' "$work/runs/newsboat.txt" | median)
pi=$(awk '{print $3}' "$work/runs/paperboy.txt" | median); ni=$(awk '{print $3}' "$work/runs/newsboat.txt" | median)
awk -v p="$p" -v n="$n" -v pi="$pi" -v ni="$ni" 'BEGIN {printf "paperboy/newsboat items per second: %.1fx\n", (pi / p) / (ni / n)}'
