#!/usr/bin/env bash
# Fuzzes the feed parsers with libFuzzer (swiftc -sanitize=fuzzer,address), SECONDS per parser.
#   Tools/fuzz.sh [TARGET|all] [SECONDS=300]
# Targets: xml (RSS/Atom/RDF), json (JSON Feed), html (HTML to blocks), opml, text (plain-text dumps),
# dates (FeedDates), sniff (format detection and FeedDocument); the markup targets use a dictionary of
# DTD, entity, encoding and attribute-storm tokens. Each keeps its corpus in
# .build-fuzz/corpus/TARGET (seeded from Fixtures/) so later runs resume; a crash is saved as
# .build-fuzz/crashes/TARGET-crash-<hash> and can be replayed in an ordinary build with:
#   swift run paperboy-fuzz TARGET .build-fuzz/crashes/TARGET-crash-<hash>
set -euo pipefail
cd "$(dirname "$0")/.."
. Tools/lib/deps.sh
paperboy_ensure_packages
target=${1:-all}
seconds=${2:-300}
all="xml json html opml text dates sniff"
[ "$target" = all ] && targets=$all || targets=$target
for t in $targets; do
  case " $all " in *" $t "*) ;; *) echo "fuzz.sh: unknown target '$t' (one of: $all, all)" >&2; exit 1 ;; esac
done

echo "building paperboy-fuzz with libFuzzer and AddressSanitizer (release, .build-fuzz)..." >&2
swift build -c release --scratch-path .build-fuzz --product paperboy-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING >&2
bin=.build-fuzz/release/paperboy-fuzz

seed() {
  local t=$1 dir=.build-fuzz/corpus/$1
  mkdir -p "$dir"
  case $t in
    xml) cp Fixtures/feeds/*.xml "$dir"/ ;;
    json) cp Fixtures/feeds/*.json "$dir"/ ;;
    opml) cp Fixtures/feeds/*.opml "$dir"/ ;;
    text) cp Fixtures/dumps/*.txt "$dir"/ ;;
    html) python3 - "$dir" <<'PY' 2>/dev/null || true
import json, sys, os
# The fixture feeds' HTML bodies, one file each, as HTML seeds.
out = sys.argv[1]
feed = json.load(open("Fixtures/feeds/harbour-notes.json"))
for i, item in enumerate(feed.get("items", [])):
    if "content_html" in item:
        open(os.path.join(out, f"item-{i}.html"), "w").write(item["content_html"])
PY
      ;;
    dates) printf 'Sat, 01 Feb 2025 13:58:00 +0900' >"$dir/rfc822"; printf '2025-02-01T13:58:00+09:00' >"$dir/rfc3339"
           printf '13:58 JST, February 1, 2025' >"$dir/dateline" ;;
    sniff) cp Fixtures/feeds/* Fixtures/dumps/*.txt "$dir"/ ;;
  esac
}

# libFuzzer takes one dictionary: the markup targets share markup-attacks.dict, JSON Feed has its own.
dictionary() {
  case $1 in
    xml|html|opml|sniff) echo "-dict=Tools/paperboy-fuzz/dictionaries/markup-attacks.dict" ;;
    json) echo "-dict=Tools/paperboy-fuzz/dictionaries/json-feed.dict" ;;
  esac
}

mkdir -p .build-fuzz/crashes
for t in $targets; do
  seed "$t"
  echo "== fuzzing $t for $seconds s" >&2
  PAPERBOY_FUZZ_TARGET=$t ASAN_OPTIONS=detect_leaks=0 "$bin" ".build-fuzz/corpus/$t" \
    -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 $(dictionary "$t") \
    -artifact_prefix=".build-fuzz/crashes/$t-" 2>&1 | tee ".build-fuzz/$t.log" | grep -E "^(#[0-9]+ *(DONE|pulse))|ERROR|crash|Done|stat::number_of_executed_units|stat::peak_rss" >&2
done
echo "no crash in: $targets" >&2
