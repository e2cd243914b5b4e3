#!/usr/bin/env bash
# The main job, end to end on a fresh machine: install missing system packages, build paperboy,
# fill a store with generated articles plus the project's hand-written fixtures, then list, read
# and search it the way a user would.
#
#   Tools/demo.sh [ARTICLES=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
. Tools/lib/deps.sh
paperboy_ensure_packages

count=${1:-5000}
echo "== building paperboy (release)" >&2
swift build -c release --product paperboy >&2
swift build -c release --product paperboy-corpus >&2
bin=$(swift build -c release --show-bin-path)

mkdir -p .demo
store="$PWD/.demo/paperboy.sqlite"
rm -f "$store" "$store-wal" "$store-shm"
export PAPERBOY_STORE="$store"
paperboy() { "$bin/paperboy" "$@"; }

echo "== filling $store with $count generated articles and the fixtures" >&2
"$bin/paperboy-corpus" --count "$count" --format changes --output .demo/corpus.ndjson
paperboy load .demo/corpus.ndjson Fixtures/articles.ndjson

run() { printf '\n$ paperboy %s\n' "$*"; paperboy "$@"; }
run list --limit 12
first=fixture-osaka-talks-open   # a hand-written fixture: Fixtures/articles.ndjson
run read "$first" --width 80
run search "trade deficit" --limit 5
run mark star "$first"
run list --starred
printf '\n$ paperboy read NOSUCH\n'
status=0; paperboy read NOSUCH || status=$?
echo "(exit status $status)"
printf '\nThe store stays at %s; to keep exploring:\n  export PAPERBOY_STORE=%s\n  %s/paperboy --help\n' "$store" "$store" "$bin"
