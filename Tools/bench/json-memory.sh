#!/usr/bin/env bash
# Peak memory of JSON Feed parsing against the size of the feed: three generated feeds of SIZE MiB
# (default 120, under the 128 MiB feed cap), each parsed once by `paperboy-fuzz feed` (the parse a
# subscription or the server's poller does, without storing) under /usr/bin/time -v:
#   items  many ~1.2 KB items with HTML bodies (the item cap, 100,000, cuts the rest)
#   string one item whose content_html is one string of nearly SIZE MiB (over the 8 MiB text cap)
#   nested items whose unknown `_ext` members nest 200 levels deep and 40 wide
# Prints the feed size, peak RSS and their ratio for each; the parser aims for at most about 3x.
#   Tools/bench/json-memory.sh [SIZE_MIB]        (PAPERBOY_BENCH_CONFIG=debug skips the release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mib=${1:-120}
config=${PAPERBOY_BENCH_CONFIG:-release}
work=bench-out/json-memory
mkdir -p "$work"
echo "building paperboy-fuzz ($config)..." >&2
swift build -c "$config" --product paperboy-fuzz >&2
bin=$(swift build -c "$config" --show-bin-path)/paperboy-fuzz

python3 - "$work" "$size_mib" <<'PY'
import json, sys
work, size = sys.argv[1], int(sys.argv[2]) << 20
head = '{"version":"https://jsonfeed.org/version/1.1","title":"Bulk","home_page_url":"https://bulk.example/","items":['
def write(name, item):
    with open(f"{work}/{name}.json", "w") as out:
        out.write(head)
        written, i = len(head), 0
        while True:
            text = ("," if i else "") + item(i)
            if written + len(text) + 2 > size: break
            out.write(text); written += len(text); i += 1
        out.write("]}")
body = "<p>" + "Crates of oranges were counted at the quay before the night shift began. " * 14 + "</p>"
write("items", lambda i: json.dumps({"id": f"b-{i}", "title": f"Cargo {i}", "date_published": "2025-09-01T10:00:00Z", "content_html": body}))
with open(f"{work}/string.json", "w") as out:
    filler = "x" * (size - 400)
    out.write(head + json.dumps({"id": "s", "date_published": "2025-09-01T10:00:00Z", "content_html": filler}) + "]}")
deep = "[" * 200 + ",".join(['{"k":[1,"two",{"three":3}]}'] * 40) + "]" * 200
write("nested", lambda i: '{"id":"n-%d","date_published":"2025-09-01T10:00:00Z","_ext":%s}' % (i, deep))
PY

printf '%-8s %10s %12s %7s\n' feed "feed MiB" "peak RSS MiB" ratio
for feed in items string nested; do
  file=$work/$feed.json
  bytes=$(stat -c %s "$file")
  rss_kb=$( { /usr/bin/time -v "$bin" feed "$file" >/dev/null; } 2>&1 | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}')
  awk -v f="$feed" -v b="$bytes" -v r="$rss_kb" 'BEGIN { printf "%-8s %10.1f %12.1f %7.2f\n", f, b / 1048576, r / 1024, r * 1024 / b }'
done
