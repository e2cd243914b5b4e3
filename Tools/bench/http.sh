#!/usr/bin/env bash
# HTTP client benchmark on loopback, in one run against one nginx:
#   - REQUESTS GETs of a 2 KB body with 16 in flight: requests/s and peak RSS;
#   - one 500 MB download: MB/s and peak RSS.
# Clients: CurlTransport (Tools/http-bench), async-http-client (Tools/bench/ahc-peer), the curl
# command line, and wrk (requests only) as the ceiling. Rounds are interleaved so noise hits every
# client alike; the table shows medians over RUNS rounds, timed from outside each process.
#
#   Tools/bench/http.sh [RUNS=5] [REQUESTS=20000]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
runs=${1:-5}
requests=${2:-20000}
concurrency=16
port=${PAPERBOY_BENCH_PORT:-18093}

. Tools/lib/deps.sh
. Tools/lib/nginx.sh
paperboy_ensure_packages
paperboy_ensure_nginx_and_wrk http.sh || exit 1

work=$root/bench-out/http
mkdir -p "$work/www" "$work/logs" "$work/runs"
[ -s "$work/www/2k.bin" ] || head -c 2048 /dev/urandom >"$work/www/2k.bin"
[ "$(stat -c %s "$work/www/500m.bin" 2>/dev/null || echo 0)" = 500000000 ] ||
  head -c 500000000 /dev/urandom >"$work/www/500m.bin"

paperboy_start_nginx "$work" "$port" "$work/www" 1
trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT

echo "building CurlTransport's http-bench and the async-http-client peer (release)..." >&2
swift build -c release --product http-bench >&2
curl_bench=$(swift build -c release --show-bin-path)/http-bench
(cd Tools/bench/ahc-peer && swift build -c release >&2)
ahc_bench=$(cd Tools/bench/ahc-peer && swift build -c release --show-bin-path)/ahc-bench

small=http://127.0.0.1:$port/2k.bin
large=http://127.0.0.1:$port/500m.bin
measure() { python3 Tools/bench/measure.py "$@"; }
record() { echo "$2" >>"$work/runs/$1.txt"; }
check_bytes() { grep -q "\"bytes\":$2[,}]" "$1" || { echo "http.sh: wrong byte count in $1" >&2; cat "$1" >&2; exit 1; }; }

rm -f "$work"/runs/*.txt
for run in $(seq 1 "$runs"); do
  echo "round $run/$runs" >&2
  record many-curltransport "$(measure --out "$work/out.json" -- "$curl_bench" many "$small" --requests "$requests" --concurrency $concurrency)"
  check_bytes "$work/out.json" $((requests * 2048))
  record many-ahc "$(measure --out "$work/out.json" -- "$ahc_bench" many "$small" "$requests" $concurrency)"
  check_bytes "$work/out.json" $((requests * 2048))
  record many-curl "$(measure -- curl -sS --fail -Z --parallel-max $concurrency "$small?n=[1-$requests]")"
  record many-wrk "$(wrk -t1 -c$concurrency -d5s "$small" | awk '/Requests\/sec/ {print $2}')"

  record download-curltransport "$(measure --out "$work/out.json" -- "$curl_bench" download "$large")"
  check_bytes "$work/out.json" 500000000
  record download-ahc "$(measure --out "$work/out.json" -- "$ahc_bench" download "$large")"
  check_bytes "$work/out.json" 500000000
  record download-curl "$(measure -- curl -sS --fail -o /dev/null "$large")"
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
column_median() { awk "{print \$$2}" "$work/runs/$1.txt" | median; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", n / s}'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "server: nginx $(/usr/sbin/nginx -v 2>&1 | sed 's/.*nginx\///'), 1 worker, loopback; $runs rounds, medians; wall time includes process start"
echo
printf '%-22s %14s %12s %14s %12s\n' "client" "2 KB GETs/s" "peak RSS MB" "500 MB: MB/s" "peak RSS MB"
for client in curltransport ahc curl; do
  name=$client
  [ $client = curltransport ] && name=CurlTransport
  [ $client = ahc ] && name=async-http-client
  [ $client = curl ] && name="curl (command line)"
  printf '%-22s %14s %12s %14s %12s\n' "$name" \
    "$(rate "$requests" "$(column_median many-$client 1)")" "$(column_median many-$client 2)" \
    "$(rate 500 "$(column_median download-$client 1)")" "$(column_median download-$client 2)"
done
printf '%-22s %14s %12s %14s %12s\n' "wrk -t1 -c16 (ceiling)" "$(median <"$work/runs/many-wrk.txt" | awk '{printf "%.0f", $1}')" "-" "-" "-"
echo
awk -v a="$(column_median many-ahc 1)" -v c="$(column_median many-curltransport 1)" \
  -v da="$(column_median download-ahc 1)" -v dc="$(column_median download-curltransport 1)" \
  'BEGIN {printf "CurlTransport / async-http-client: requests %.2fx, download %.2fx (target: at least 1.00x both)\n", a / c, da / dc}'
