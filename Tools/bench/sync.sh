#!/usr/bin/env bash
# `paperboy sync` benchmark on loopback, in one run:
#   1. first sync of COUNT articles from a fresh paperboy-server log into an empty store, RUNS times
#      (articles/s, bytes on the wire, peak RSS), interleaved with
#   2. newsboat (Debian) reloading the same articles as RSS 2.0 feeds of 100 items (1,000 feeds for
#      100,000 articles) served by nginx with gzip, into an empty cache, 4 reload threads (items/s,
#      bytes on the wire, peak RSS);
#   The server starts on an empty log and the articles are imported by another process while it
#   serves, as on a live server. Before the rounds, the first and the second client of that fresh
#   server each sync a fresh store, printed side by side (the server compresses segments as they
#   seal, so the first client should not pay for it; target within 10%).
#   3. idle sync: nothing changed, whole process under hyperfine (requests made, median ms);
#   4. after 1% of articles changed (a new revision each), RUNS times: bytes on the wire as a share
#      of the first sync's.
#
#   Tools/bench/sync.sh [COUNT=100000] [RUNS=3] [IDLE_RUNS=30] [PER_FEED=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
count=${1:-100000}
runs=${2:-3}
idle_runs=${3:-30}
per_feed=${4:-100}
nginx_port=${PAPERBOY_BENCH_PORT:-18194}
server_port=$((nginx_port + 1))

. Tools/lib/deps.sh
. Tools/lib/nginx.sh
paperboy_ensure_packages
paperboy_ensure_nginx_and_wrk sync.sh || exit 1
if ! command -v newsboat >/dev/null || ! command -v hyperfine >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "sync.sh: needs newsboat and hyperfine: sudo apt-get install newsboat hyperfine" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq newsboat hyperfine >&2
fi

work=$root/bench-out/sync
rm -rf "$work"
mkdir -p "$work/www/feeds" "$work/logs" "$work/runs" "$work/newsboat-home"
echo "building paperboy, paperboy-server and paperboy-corpus (release)..." >&2
for product in paperboy paperboy-server paperboy-corpus; do swift build -c release --product $product >&2; done
bin=$(swift build -c release --show-bin-path)
measure() { python3 Tools/bench/measure.py "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
export PAPERBOY_SERVER_DB=$work/server.sqlite

# The corpus, once for the server and once as RSS for newsboat.
"$bin/paperboy-corpus" --count "$count" --format articles --output "$work/corpus.ndjson"
"$bin/paperboy-server" user add bench >"$work/token.txt"
python3 Tools/bench/articles-to-rss.py --per-feed "$per_feed" "$work/corpus.ndjson" "$work/www/feeds" \
  | sed "s|^|http://127.0.0.1:$nginx_port/feeds/|" >"$work/newsboat-urls"
printf 'reload-threads 4\nmax-items 0\ndownload-timeout 120\ndownload-retries 1\n' >"$work/newsboat-config"

"$bin/paperboy-server" serve --port "$server_port" --rate 0 --log-level warning >"$work/logs/server.log" 2>&1 &
server_pid=$!
paperboy_start_nginx "$work" "$nginx_port" "$work/www" auto \
  "gzip on; gzip_types application/rss+xml; gzip_comp_level 6; log_format body '\$body_bytes_sent';" \
  "access_log $work/logs/access.log body;"
trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$server_port/healthz" >/dev/null && break; sleep 0.1; done
"$bin/paperboy-server" import "$work/corpus.ndjson" >"$work/logs/import.txt"
sleep 3  # the server looks for newly sealed segments every second

# The report line: "home: N new, N updated, N removed; state …; X.X MB in N requests, S s".
report_bytes() { python3 -c '
import re, sys
line = open(sys.argv[1]).read()
m = re.search(r"([\d.]+) (MB|KB|B) in (\d+) request", line)
if not m: sys.exit("sync.sh: no traffic figure in: " + line.strip())
scale = {"MB": 1048576, "KB": 1024, "B": 1}[m.group(2)]
print(round(float(m.group(1)) * scale), m.group(3))' "$1"; }
paperboy_in() { "$bin/paperboy" --store "$1/paperboy.sqlite" "${@:2}"; }
new_store() {
  rm -rf "$1"; mkdir -p "$1"
  paperboy_in "$1" remote add home "http://127.0.0.1:$server_port" --token-file "$work/token.txt" >/dev/null
}

# The fresh server's first client, then its second, each into a fresh store.
new_store "$work/cold"
cold=$(measure --out "$work/cold/report.txt" -- "$bin/paperboy" --store "$work/cold/paperboy.sqlite" sync home)
echo "paperboy first sync, first client of a fresh server: $cold (s, MB RSS)" >&2
new_store "$work/second"
second=$(measure --out "$work/second/report.txt" -- "$bin/paperboy" --store "$work/second/paperboy.sqlite" sync home)
echo "paperboy first sync, second client: $second (s, MB RSS)" >&2

# 1 + 2, interleaved.
for run in $(seq 1 "$runs"); do
  new_store "$work/first-$run"
  result=$(measure --out "$work/first-$run/report.txt" -- "$bin/paperboy" --store "$work/first-$run/paperboy.sqlite" sync home)
  read -r bytes requests < <(report_bytes "$work/first-$run/report.txt")
  echo "$result $bytes $requests" >>"$work/runs/first.txt"
  echo "paperboy first sync $run: $result (s, MB RSS), $bytes bytes in $requests requests" >&2

  rm -f "$work/newsboat-cache.db"* && : >"$work/logs/access.log"
  result=$(HOME=$work/newsboat-home measure --out "$work/logs/newsboat-$run.txt" -- newsboat -u "$work/newsboat-urls" \
    -c "$work/newsboat-cache.db" -C "$work/newsboat-config" -x reload)
  items=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM rss_item").fetchone()[0])' "$work/newsboat-cache.db")
  nbytes=$(awk '{s += $1} END {print s + 0}' "$work/logs/access.log")
  echo "$result $nbytes $items" >>"$work/runs/newsboat.txt"
  echo "newsboat reload $run: $result (s, MB RSS), $nbytes bytes, $items items" >&2
done

# 3. Idle: the first run's store is up to date.
idle_store=$work/first-1
paperboy_in "$idle_store" sync home >"$work/idle-report.txt"
read -r idle_bytes idle_requests < <(report_bytes "$work/idle-report.txt")
hyperfine --warmup 3 --runs "$idle_runs" --export-json "$work/runs/idle.json" \
  "$bin/paperboy --store $idle_store/paperboy.sqlite sync home" >"$work/logs/hyperfine.txt" 2>&1
idle_ms=$(python3 -c 'import json,sys,statistics; print(round(statistics.median(json.load(open(sys.argv[1]))["results"][0]["times"]) * 1000, 1))' "$work/runs/idle.json")

# 4. One percent changed, RUNS times over different articles, against the same up-to-date store.
first_bytes=$(awk '{print $3}' "$work/runs/first.txt" | median)
for run in $(seq 1 "$runs"); do
  python3 - "$work/corpus.ndjson" "$work/change-$run.ndjson" "$run" <<'PY'
import json, random, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
rng = random.Random(int(sys.argv[3]))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in rng.sample(lines, max(1, len(lines) // 100)):
        article = json.loads(line)
        article["title"] += f" (updated {sys.argv[3]})"
        article.pop("contentHash", None)
        out.write(json.dumps(article) + "\n")
PY
  "$bin/paperboy-server" import "$work/change-$run.ndjson" >>"$work/logs/import.txt"
  sleep 1.2  # the server re-reads the manifest at most once a second
  paperboy_in "$idle_store" sync home >"$work/change-report-$run.txt"
  read -r cbytes crequests < <(report_bytes "$work/change-report-$run.txt")
  updated=$(sed -n 's/.* \([0-9]*\) updated.*/\1/p' "$work/change-report-$run.txt")
  echo "$cbytes $crequests $updated" >>"$work/runs/change.txt"
  echo "1% change $run: $cbytes bytes in $crequests requests, $updated updated" >&2
done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "paperboy sync (release) vs $(newsboat --version | head -1 | cut -d' ' -f1-2) reading RSS feeds of $per_feed items from nginx $(/usr/sbin/nginx -v 2>&1 | sed 's/.*nginx\///') (gzip 6); $count articles; $runs rounds interleaved, medians"
echo
p_s=$(awk '{print $1}' "$work/runs/first.txt" | median); p_rss=$(awk '{print $2}' "$work/runs/first.txt" | median)
p_req=$(awk '{print $4}' "$work/runs/first.txt" | median)
n_s=$(awk '{print $1}' "$work/runs/newsboat.txt" | median); n_rss=$(awk '{print $2}' "$work/runs/newsboat.txt" | median)
n_bytes=$(awk '{print $3}' "$work/runs/newsboat.txt" | median); n_items=$(awk '{print $4}' "$work/runs/newsboat.txt" | median)
max_rss=$(awk '{print $2}' "$work/runs/first.txt" | sort -n | tail -1)
printf '%-34s %10s %12s %12s %10s\n' "first load" "seconds" "items/s" "wire MB" "peak RSS"
awk -v s="$p_s" -v n="$count" -v b="$first_bytes" -v r="$p_rss" -v q="$p_req" 'BEGIN {printf "%-34s %10.2f %12.0f %12.1f %7.0f MB\n", "paperboy sync (" q " requests)", s, n / s, b / 1048576, r}'
awk -v s="$n_s" -v n="$n_items" -v b="$n_bytes" -v r="$n_rss" 'BEGIN {printf "%-34s %10.2f %12.0f %12.1f %7.0f MB\n", "newsboat -x reload (" n " items)", s, n / s, b / 1048576, r}'
awk -v p="$p_s" -v n="$n_s" -v c="$count" -v i="$n_items" 'BEGIN {printf "paperboy/newsboat items per second: %.1fx (target at least 10x)\n", (c / p) / (i / n)}'
echo "paperboy peak RSS over $runs first syncs: at most $max_rss MB (target under 150 MB)"
awk -v a="${cold% *}" -v b="${second% *}" -v n="$count" 'BEGIN {printf "fresh server, first sync of a fresh store: first client %.2f s (%.0f articles/s), second client %.2f s (%.0f articles/s); first/second %.2fx (target within 10%%)\n", a, n / a, b, n / b, a / b}'
search_s=$(cd "$work/first-1" && python3 "$root/Tools/bench/measure.py" -- "$bin/paperboy" --store "$work/first-1/paperboy.sqlite" search harbour | awk '{print $1}')
echo "first search after the first sync (indexes all $count articles, then answers): $search_s s"
echo
echo "idle sync, whole process: median $idle_ms ms over $idle_runs runs, $idle_requests requests, $idle_bytes bytes (target under 100 ms)"
c_bytes=$(awk '{print $1}' "$work/runs/change.txt" | median); c_req=$(awk '{print $2}' "$work/runs/change.txt" | median)
c_upd=$(awk '{print $3}' "$work/runs/change.txt" | median)
awk -v c="$c_bytes" -v f="$first_bytes" -v q="$c_req" -v u="$c_upd" 'BEGIN {printf "1%% changed (%d updated): %d bytes in %d requests, %.2f%% of the first sync (target under 3%%)\n", u, c, q, 100 * c / f}'
