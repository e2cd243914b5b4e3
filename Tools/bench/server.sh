#!/usr/bin/env bash
# paperboy-server benchmark on loopback, in one run:
#   1. import: `paperboy-server import` of COUNT generated articles into a fresh database, RUNS times
#      (articles/s, peak RSS);
#   2. serving: wrk against a sealed segment and the manifest, next to nginx serving the same bytes as
#      static files (identity coding on both; paperboy with zstd too), rounds interleaved, DURATION s each;
#   3. soak: SOAK s of wrk over a mix of every endpoint (segments, open segment, snapshot, manifest,
#      state pull and mutation posts) while a second import writes; counts non-2xx/3xx answers and
#      socket errors, and samples the server's RSS every 5 s.
#
#   Tools/bench/server.sh [RUNS=3] [DURATION=10] [SOAK=60] [COUNT=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
runs=${1:-3}
duration=${2:-10}
soak=${3:-60}
count=${4:-100000}
nginx_port=${PAPERBOY_BENCH_PORT:-18094}
server_port=$((nginx_port + 1))

. Tools/lib/deps.sh
. Tools/lib/nginx.sh
paperboy_ensure_packages
paperboy_ensure_nginx_and_wrk server.sh || exit 1

work=$root/bench-out/server
rm -rf "$work"
mkdir -p "$work/www/v1/segments" "$work/logs" "$work/runs"

echo "building paperboy-server and paperboy-corpus (release)..." >&2
swift build -c release --product paperboy-server >&2
swift build -c release --product paperboy-corpus >&2
bin=$(swift build -c release --show-bin-path)
server=$bin/paperboy-server
measure() { python3 Tools/bench/measure.py "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# 1. Import.
"$bin/paperboy-corpus" --count "$count" --format articles --output "$work/corpus.ndjson"
"$bin/paperboy-corpus" --count 5500 --start "$count" --format articles --output "$work/more.ndjson"
for run in $(seq 1 "$runs"); do
  rm -f "$work"/import.sqlite*
  result=$(measure -- "$server" import --db "$work/import.sqlite" "$work/corpus.ndjson")
  echo "import round $run: $result" >&2
  echo "$result" >>"$work/runs/import.txt"
done
mv "$work/import.sqlite" "$work/server.sqlite"
rm -f "$work"/import.sqlite*
db=$work/server.sqlite
"$server" compact --db "$db" --keep-days 0 --segment-size 1000 >/dev/null
# compact moved oldest past every sealed segment; import a second batch so sealed segments exist
# above the horizon again, as on a live server.
"$server" import --db "$db" "$work/corpus.ndjson" >/dev/null  # unchanged: writes nothing
"$server" import --db "$db" "$work/more.ndjson" >/dev/null
token=$("$server" user add bench --db "$db" | awk '/^pb_/ {print $1} /token: pb_/ {print $NF}' | head -1)
[ -n "$token" ] || { echo "server.sh: could not read the device token from 'user add'" >&2; exit 1; }

"$server" serve --db "$db" --port "$server_port" --rate 0 --log-level warning >"$work/logs/server.log" 2>&1 &
server_pid=$!
paperboy_start_nginx "$work" "$nginx_port" "$work/www" auto
trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$server_port/healthz" >/dev/null && break; sleep 0.1; done

base=http://127.0.0.1:$server_port
manifest=$(curl -sf "$base/v1/manifest")
head=$(echo "$manifest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["head"])')
oldest=$(echo "$manifest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["oldest"])')
sealed=$((oldest / 1000))          # the first segment above the horizon; sealed after the second import
open=$((head / 1000))             # partly filled: the second import was not a multiple of 1000
curl -sf "$base/v1/segments/$sealed" -o "$work/www/v1/segments/$sealed.ndjson"
curl -sf "$base/v1/manifest" -o "$work/www/v1/manifest.json"
echo "log: head $head, oldest $oldest; sealed segment $sealed is $(stat -c %s "$work/www/v1/segments/$sealed.ndjson") bytes" >&2

wrk_rate() { wrk -t1 -c32 -d"${duration}s" "$@" | tee -a "$work/logs/wrk.txt" | awk '/Requests\/sec/ {print $2}'; }
for run in $(seq 1 "$runs"); do
  echo "serving round $run/$runs" >&2
  echo "$(wrk_rate "http://127.0.0.1:$nginx_port/v1/segments/$sealed.ndjson")" >>"$work/runs/segment-nginx.txt"
  echo "$(wrk_rate "$base/v1/segments/$sealed")" >>"$work/runs/segment-paperboy.txt"
  echo "$(wrk_rate -H 'Accept-Encoding: zstd' "$base/v1/segments/$sealed")" >>"$work/runs/segment-paperboy-zstd.txt"
  echo "$(wrk_rate "http://127.0.0.1:$nginx_port/v1/manifest.json")" >>"$work/runs/manifest-nginx.txt"
  echo "$(wrk_rate "$base/v1/manifest")" >>"$work/runs/manifest-paperboy.txt"
done
zstd_bytes=$(curl -sf -H 'Accept-Encoding: zstd' "$base/v1/segments/$sealed" | wc -c)

# 3. Soak.
snapshot_path=$(echo "$manifest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["snapshot"]["chunks"][0])')
article_id=$(head -1 "$work/more.ndjson" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
cat >"$work/soak.lua" <<LUA
local paths = {"/v1/manifest", "/v1/segments/$sealed", "/v1/segments/$open", "$snapshot_path",
               "/v1/segments/$sealed", "/v1/state?after=0", "/v1/manifest", "/v1/segments/$open"}
local codings = {"zstd, br, gzip", "gzip", "identity", "br"}
local n = 0
request = function()
  n = n + 1
  local headers = {["Authorization"] = "Bearer $token", ["Accept-Encoding"] = codings[n % #codings + 1]}
  if n % 10 == 0 then
    headers["Content-Type"] = "application/json"
    local body = string.format('{"clientId":"soak","mutations":[{"mid":%d,"articleId":"$article_id","field":"read","value":%s,"hlc":"%016d-000000-soak"}]}',
      n, (n % 20 == 0) and "true" or "false", 1763700000000 + n)
    return wrk.format("POST", "/v1/state/mutations", headers, body)
  end
  return wrk.format("GET", paths[n % #paths + 1], headers)
end
LUA
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$server_pid/status"; }
: >"$work/runs/soak-rss.txt"
wrk -t1 -c32 -d"${soak}s" --timeout 10s -s "$work/soak.lua" "$base" >"$work/logs/soak.txt" &
wrk_pid=$!
( for i in $(seq 1 $((soak / 5))); do sleep 5; echo "$((i * 5)) $(rss)" >>"$work/runs/soak-rss.txt"; done ) &
sampler=$!
sleep $((soak / 3))
"$bin/paperboy-corpus" --count 5000 --start $((count + 5500)) --format articles --output "$work/late.ndjson"
"$server" import --db "$db" "$work/late.ndjson" >"$work/logs/soak-import.txt"
wait $wrk_pid
wait $sampler || true

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "nginx $(/usr/sbin/nginx -v 2>&1 | sed 's/.*nginx\///') (worker_processes auto) vs paperboy-server (release); wrk -t1 -c32 ${duration}s; $runs rounds, medians"
echo
imp=$(awk '{print $1}' "$work/runs/import.txt" | median)
imp_rss=$(awk '{print $2}' "$work/runs/import.txt" | median)
awk -v n="$count" -v s="$imp" -v r="$imp_rss" 'BEGIN {printf "import %d articles: %.2f s, %.0f articles/s, peak RSS %s MB\n", n, s, n / s, r}'
echo
printf '%-40s %12s %12s %8s\n' "endpoint" "nginx req/s" "paperboy" "ratio"
for what in segment manifest; do
  n=$(median <"$work/runs/$what-nginx.txt"); p=$(median <"$work/runs/$what-paperboy.txt")
  label="sealed segment ($(stat -c %s "$work/www/v1/segments/$sealed.ndjson") bytes, identity)"
  [ $what = manifest ] && label="manifest ($(stat -c %s "$work/www/v1/manifest.json") bytes)"
  awk -v l="$label" -v n="$n" -v p="$p" 'BEGIN {printf "%-40s %12.0f %12.0f %7.2fx\n", l, n, p, p / n}'
done
n=$(median <"$work/runs/segment-nginx.txt"); p=$(median <"$work/runs/segment-paperboy-zstd.txt")
awk -v l="sealed segment, zstd ($zstd_bytes bytes)" -v n="$n" -v p="$p" 'BEGIN {printf "%-40s %12s %12.0f %7.2fx\n", l, "-", p, p / n}'
echo "target: paperboy at least 0.50x nginx on the sealed segment"
echo
requests=$(awk '/requests in/ {print $1}' "$work/logs/soak.txt")
non2xx=$(awk '/Non-2xx or 3xx/ {print $NF}' "$work/logs/soak.txt"); non2xx=${non2xx:-0}
errors=$(awk '/Socket errors/ {print}' "$work/logs/soak.txt"); errors=${errors:-"Socket errors: none"}
status5xx=$(grep -c "status=5" "$work/logs/server.log" || true)
echo "soak ${soak}s, mixed endpoints + concurrent import: $requests requests, non-2xx/3xx: $non2xx, ${errors# }, 5xx logged: $status5xx"
echo "server RSS MB every 5 s: $(awk '{printf "%s ", $2}' "$work/runs/soak-rss.txt")"
echo "late import during soak: $(cat "$work/logs/soak-import.txt")"
if [ "${non2xx}" != 0 ] || [ "$status5xx" != 0 ] || grep -q "Socket errors" "$work/logs/soak.txt"; then
  echo "soak: FAIL (see $work/logs/soak.txt and $work/logs/server.log)"
  exit 1
fi
echo "soak: every request answered 2xx/3xx, no socket errors"
