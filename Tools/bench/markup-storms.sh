#!/usr/bin/env bash
# Parse time of hostile markup against its size: one element with N attributes (RSS feed, HTML body,
# OPML) and N nested elements, for N and 4N, through the release paperboy-fuzz replay (the same entry
# points importers use). Linear parsing keeps the 4N/N time ratio near 4; libxml2's quadratic
# attribute check, unguarded, made it near 16 (100,000 attributes in one RSS element took 45 s).
#   Tools/bench/markup-storms.sh [N=50000]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-50000}
. Tools/lib/deps.sh
paperboy_ensure_packages
echo "building paperboy-fuzz (release)..." >&2
swift build -c release --product paperboy-fuzz >&2
bin=$(swift build -c release --show-bin-path)/paperboy-fuzz
work=bench-out/markup-storms
rm -rf "$work"; mkdir -p "$work"

python3 - "$work" "$n" <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
for size in (n, 4 * n):
    attrs = "".join(f' a{i}=""' for i in range(size))
    bare = "".join(f" a{i}" for i in range(size))
    open(f"{out}/xml-{size}.xml", "w").write(
        '<?xml version="1.0"?><rss version="2.0"><channel><link>https://s.example/</link>'
        f'<item><guid>1</guid><title>t</title><enclosure url="https://s.example/a.jpg"{attrs}/></item></channel></rss>')
    open(f"{out}/html-{size}.html", "w").write(f"<p>lead</p><div{bare}>x</div><p>tail</p>")
    open(f"{out}/opml-{size}.opml", "w").write(f'<opml version="2.0"><body><outline text="x" xmlUrl="https://s.example/f"{attrs}/></body></opml>')
    open(f"{out}/nest-{size}.html", "w").write("<div>" * size + "x" + "</span>" * size)
PY

seconds() { local start end; start=$(date +%s.%N); "$bin" "$1" "$2" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }
printf '%-6s %10s %10s %8s\n' target "N=$n" "4N" ratio
for pair in xml:xml html:html opml:opml html:nest; do
  target=${pair%%:*} kind=${pair##*:}
  ext=$(ls "$work" | grep "^$kind-$n\." | sed 's/.*\.//')
  small=$(seconds "$target" "$work/$kind-$n.$ext")
  large=$(seconds "$target" "$work/$kind-$((4 * n)).$ext")
  printf '%-6s %9.3fs %9.3fs %8.1f\n' "$kind" "$small" "$large" "$(echo "$large / ($small + 0.001)" | bc -l)"
done
