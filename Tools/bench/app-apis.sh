#!/usr/bin/env bash
# The app APIs under load, on loopback: a release paperboy-server holding COUNT generated articles,
# wrk for DURATION s on each of
#   1. Google Reader `GET /reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=20`,
#   2. Miniflux `GET /miniflux/v1/entries?limit=20` (HTTP Basic: one bcrypt, then remembered),
#   3. the peer in the same run: the Paperboy protocol's sealed segment `GET /v1/segments/0`;
# each must end with 0 socket errors and 0 non-2xx/3xx answers. The server's RSS is sampled before,
# every 5 s during, and after the runs.
#
#   Tools/bench/app-apis.sh [DURATION=60] [COUNT=3000]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
duration=${1:-60}
count=${2:-3000}
port=${PAPERBOY_BENCH_PORT:-18097}

. Tools/lib/deps.sh
paperboy_ensure_packages
command -v wrk >/dev/null || { echo "app-apis.sh: wrk is missing (apt-get install wrk)" >&2; exit 1; }

work=$root/bench-out/app-apis
rm -rf "$work"
mkdir -p "$work"
echo "building paperboy-server and paperboy-corpus (release)..." >&2
swift build -c release --product paperboy-server >&2
swift build -c release --product paperboy-corpus >&2
bin=$(swift build -c release --show-bin-path)
server=$bin/paperboy-server
db=$work/server.sqlite

"$bin/paperboy-corpus" --count "$count" --format articles --output "$work/corpus.ndjson"
"$server" import --db "$db" "$work/corpus.ndjson" >/dev/null
"$server" user add bench --db "$db" >/dev/null
printf '%s\n' 'bench password' | "$server" user password bench --db "$db" >/dev/null

"$server" serve --db "$db" --port "$port" --rate 0 --log-level warning >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
base=http://127.0.0.1:$port
rss() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }

auth=$(curl -sf -d 'Email=bench&Passwd=bench%20password' "$base/accounts/ClientLogin" | sed -n 's/^Auth=//p')
[ -n "$auth" ] || { echo "app-apis.sh: ClientLogin failed" >&2; exit 1; }
basic=$(printf '%s' 'bench:bench password' | base64)
# Warm both paths once (and check they answer) before the clock starts.
curl -sf -H "Authorization: GoogleLogin auth=$auth" "$base/reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=20" >/dev/null
curl -sf -H "Authorization: Basic $basic" "$base/miniflux/v1/entries?limit=20" >/dev/null
echo "RSS before: $(rss) KiB" | tee "$work/rss.txt" >&2

failures=0
run() {
  local name=$1; shift
  ( while kill -0 $server_pid 2>/dev/null; do echo "$name RSS: $(rss) KiB"; sleep 5; done ) >>"$work/rss.txt" &
  local sampler=$!
  wrk -t2 -c32 -d"${duration}s" "$@" >"$work/wrk-$name.txt"
  kill $sampler 2>/dev/null || true
  local rate errors non2xx
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$name.txt")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/wrk-$name.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$work/wrk-$name.txt")
  latency=$(awk '/Latency/ {print $2; exit}' "$work/wrk-$name.txt")
  echo "$name: ${rate} req/s, mean latency ${latency}, socket errors ${errors:-0}, non-2xx/3xx ${non2xx:-0}, RSS after $(rss) KiB"
  if [ "${errors:-0}" != 0 ] || [ "${non2xx:-0}" != 0 ]; then failures=1; fi
}
run reader-stream-contents -H "Authorization: GoogleLogin auth=$auth" "$base/reader/api/0/stream/contents/user/-/state/com.google/reading-list?n=20"
run miniflux-entries -H "Authorization: Basic $basic" "$base/miniflux/v1/entries?limit=20"
run protocol-segment "$base/v1/segments/0"
echo "RSS after: $(rss) KiB" | tee -a "$work/rss.txt" >&2
grep -h "RSS" "$work/rss.txt" | awk '{print $NF, $0}' | sort -n | sed -n '1p;$p' | cut -d' ' -f2- | sed 's/^/RSS range: /' >&2
exit $failures
