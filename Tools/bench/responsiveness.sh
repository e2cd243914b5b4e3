#!/usr/bin/env bash
# paperboy-server responsiveness under load on loopback, in one run: `serve` polls an upstream feed
# whose one item carries ATTRS (100,000) attributes while a second process imports COUNT (20,000)
# generated articles into the same database; for DURATION (30) s a probe requests /healthz and sealed
# segment 0 (identity and zstd) from paperboy-server, and the same segment bytes as a static file from
# nginx, each RATE (20) times a second on its own keep-alive connection. Latency is measured from
# each request's scheduled time, so a stall counts in full however many requests it holds up.
# Prints p50/p99/max per endpoint. Target: p99 under 100 ms on /healthz and the segment.
#
#   Tools/bench/responsiveness.sh [DURATION=30] [COUNT=20000] [ATTRS=100000] [RATE=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
duration=${1:-30}
count=${2:-20000}
attrs=${3:-100000}
rate=${4:-20}
nginx_port=${PAPERBOY_BENCH_PORT:-18294}
server_port=$((nginx_port + 1))

. Tools/lib/deps.sh
. Tools/lib/nginx.sh
paperboy_ensure_packages
paperboy_ensure_nginx_and_wrk responsiveness.sh || exit 1

work=$root/bench-out/responsiveness
rm -rf "$work"
mkdir -p "$work/www" "$work/logs"
echo "building paperboy-server and paperboy-corpus (release)..." >&2
for product in paperboy-server paperboy-corpus; do swift build -c release --product $product >&2; done
bin=$(swift build -c release --show-bin-path)
server=$bin/paperboy-server
export PAPERBOY_SERVER_DB=$work/server.sqlite

# Two sealed segments to probe before the big import starts, and the import itself.
"$bin/paperboy-corpus" --count 2000 --start 1000000 --format articles --output "$work/seed.ndjson"
"$bin/paperboy-corpus" --count "$count" --format articles --output "$work/corpus.ndjson"
"$server" import "$work/seed.ndjson" >"$work/logs/seed-import.txt"

# The upstream feed: a small valid one for `feed add` to check, then the hostile one in its place.
feed_item() { printf '<item%s><title>Harbour crane stuck</title><guid>hostile-1</guid><link>https://hostile.example/1</link><pubDate>Thu, 20 Nov 2025 09:00:00 GMT</pubDate><description>A crane is stuck.</description></item>' "$1"; }
feed() { printf '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link><description>x</description>%s</channel></rss>\n' "$1"; }
feed "$(feed_item "")" >"$work/www/feed.xml"
paperboy_start_nginx "$work" "$nginx_port" "$work/www" 1
server_pid=""
import_pid=""
cleanup() {
  kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "$import_pid" ] && kill "$import_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT
"$server" feed add "http://127.0.0.1:$nginx_port/feed.xml" --every 60 --allow-private-addresses >"$work/logs/feed-add.txt"
python3 - "$attrs" >"$work/attrs.txt" <<'PY'
import sys
print("".join(f' a{i}="{i}"' for i in range(int(sys.argv[1]))), end="")
PY
feed "$(feed_item "$(cat "$work/attrs.txt")")" >"$work/www/feed.xml"
echo "hostile feed: $(stat -c %s "$work/www/feed.xml") bytes, one item with $attrs attributes" >&2
# Due now, as if its interval had passed, so `serve` fetches the new body at once.
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE upstream_feed SET nextPollAt = 0"); c.commit()' "$PAPERBOY_SERVER_DB"

"$server" serve --port "$server_port" --log-level warning --allow-private-addresses >"$work/logs/server.log" 2>&1 &
server_pid=$!
serve_started=$(date +%s)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$server_port/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -H 'Accept-Encoding: identity' "http://127.0.0.1:$server_port/v1/segments/0" -o "$work/www/segment-0.ndjson"
echo "sealed segment 0: $(stat -c %s "$work/www/segment-0.ndjson") bytes" >&2

"$server" import "$work/corpus.ndjson" >"$work/logs/import.txt" 2>&1 &
import_pid=$!
python3 - "$duration" "$rate" "$work/probe.json" \
  "healthz=127.0.0.1:$server_port/healthz=identity" \
  "segment 0 (identity)=127.0.0.1:$server_port/v1/segments/0=identity" \
  "segment 0 (zstd)=127.0.0.1:$server_port/v1/segments/0=zstd" \
  "nginx, same bytes=127.0.0.1:$nginx_port/segment-0.ndjson=identity" <<'PY'
import http.client, json, sys, threading, time
duration, rate, out = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
targets = [arg.split("=") for arg in sys.argv[4:]]
results = {}
start = time.monotonic() + 0.5

def probe(name, address, coding):
    host_port, path = address.split("/", 1)
    host, port = host_port.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=300)
    latencies, failures, n = [], 0, 0
    while True:
        scheduled = start + n / rate
        if scheduled > start + duration:
            break
        n += 1
        delay = scheduled - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        try:
            conn.request("GET", "/" + path, headers={"Accept-Encoding": coding})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                failures += 1
        except Exception:
            failures += 1
            conn.close()
            conn = http.client.HTTPConnection(host, int(port), timeout=300)
        latencies.append(time.monotonic() - scheduled)
    results[name] = {"latencies": latencies, "failures": failures}

threads = [threading.Thread(target=probe, args=t) for t in targets]
for t in threads: t.start()
for t in threads: t.join()
json.dump({name: results[name] for name, _, _ in targets}, open(out, "w"))
PY
import_done="still running after the probe"
if ! kill -0 "$import_pid" 2>/dev/null; then import_done="finished during the probe"; fi
wait "$import_pid" || true
import_pid=""
# The hostile feed's poll is done when serve records it (the due time moves off 1970).
for _ in $(seq 300); do "$server" feed list | grep -q "next 1970" || break; sleep 1; done
poll_state="finished $(( $(date +%s) - serve_started )) s or less after serve started"
"$server" feed list | grep -q "next 1970" && poll_state="not finished $(( $(date +%s) - serve_started )) s after serve started"

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "paperboy-server serve (release) while it polls a feed with one item of $attrs attributes and \`paperboy-server import\` of $count articles runs beside it ($import_done: $(tail -1 "$work/logs/import.txt")); nginx $(/usr/sbin/nginx -v 2>&1 | sed 's/.*nginx\///') (1 worker) serving the same segment bytes; ${duration} s at $rate requests/s per endpoint, latency from each request's scheduled time"
python3 - "$work/probe.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
print(f"{'endpoint':<24} {'requests':>9} {'failed':>7} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}")
for name, r in data.items():
    l = r["latencies"]
    print(f"{name:<24} {len(l):>9} {r['failures']:>7} {pct(l, 50) * 1000:>9.1f} {pct(l, 99) * 1000:>9.1f} {max(l) * 1000:>9.1f}")
PY
echo "target: p99 under 100 ms for /healthz and segment 0"
echo "the poll of the hostile feed (fetch, parse at low priority, import): $poll_state; $("$server" feed list | cut -c1-160)"
echo "server warnings: $(grep -v '^$' "$work/logs/server.log" | grep -v 'listening on' | head -3 | cut -c1-200 | tr '\n' ' ')"
