#!/usr/bin/env bash
# Reading-side CLI speed: with COUNT articles (default 100,000) in the store, whole process,
# warm page cache, in one hyperfine invocation (WARMUP warm-ups and RUNS runs per command, no shell,
# standard output through a pipe):
#   paperboy --store S list                  the 50 newest
#   paperboy --store S list --unread         the 50 newest unread (every article is unread)
#   paperboy --store S search WORD           a common word (default "election", ~1 article in 5)
#   paperboy --store S search '"PHRASE"'     an exact phrase (default "trade deficit", ~1 in 30)
#   newsboat -x print-unread                 the peer, twice, on caches holding the same COUNT articles:
#                                            as feeds of PER_FEED items, and as one feed of COUNT items
#   paperboy --version                       reference: process start (Swift runtime, Foundation,
#                                            libcurl, argument parsing), no store
#   sqlite3 -readonly S 'the list query'     reference: the same SQL on the same file, no Swift
# The same articles reach both programs: paperboy-corpus writes them once as NDJSON, `paperboy load`
# stores them, and Tools/bench/articles-to-rss.py turns them into RSS that nginx serves on loopback to
# untimed `newsboat -x reload`s (max-items 0, so newsboat keeps them all). Setup (generation, load, the
# first search, which indexes every article, the reloads) is outside hyperfine; its wall times and
# peak RSS are printed. Exits 1 when a paperboy median is 100 ms or more, or not below the faster
# newsboat median.
#   Tools/bench/cli.sh [COUNT=100000] [RUNS=30]
# Environment: PAPERBOY_BENCH_PORT (nginx port, default 18197), CLI_BENCH_WARMUP (default 3),
#   CLI_BENCH_PER_FEED (items per RSS feed, default 1000), CLI_BENCH_WORD, CLI_BENCH_PHRASE,
#   CLI_BENCH_REUSE=1 (keep bench-out/cli's store and newsboat caches when they hold COUNT articles).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
count=${1:-100000}
runs=${2:-30}
warmup=${CLI_BENCH_WARMUP:-3}
per_feed=${CLI_BENCH_PER_FEED:-1000}
word=${CLI_BENCH_WORD:-election}
phrase=${CLI_BENCH_PHRASE:-trade deficit}
nginx_port=${PAPERBOY_BENCH_PORT:-18197}
limit_ms=100

. Tools/lib/deps.sh
. Tools/lib/nginx.sh
paperboy_ensure_packages
missing=()
for tool in newsboat hyperfine sqlite3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "cli.sh: missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "cli.sh: installing ${missing[*]}" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

work=$root/bench-out/cli
store=$work/paperboy.sqlite
config=$work/newsboat-config
# The two newsboat setups: NAME -> urls file and cache.
feeds_urls=$work/urls-feeds feeds_cache=$work/cache-feeds.db
one_urls=$work/urls-one one_cache=$work/cache-one.db
echo "building paperboy and paperboy-corpus (release)..." >&2
for product in paperboy paperboy-corpus; do swift build -c release --product $product >&2; done
bin=$(swift build -c release --show-bin-path)
measure() { python3 Tools/bench/measure.py "$@"; }
# "SECONDS RSS_MIB" from measure.py -> "S s, peak RSS R MB"
timed() { awk '{printf "%.1f s, peak RSS %.0f MB", $1, $2}'; }
newsboat_items() {  # "ITEMS UNREAD" in a newsboat cache
  sqlite3 -readonly "$1" "SELECT COUNT(*) || ' ' || IFNULL(SUM(unread), 0) FROM rss_item" 2>/dev/null || echo "0 0"
}
paperboy_items() { sqlite3 -readonly "$store" "SELECT COUNT(*) FROM article" 2>/dev/null || echo 0; }
newsboat_in() {  # URLS CACHE ARGS...
  HOME=$work/newsboat-home newsboat -u "$1" -c "$2" -C "$config" "${@:3}"
}

reuse=no
if [ "${CLI_BENCH_REUSE:-0}" = 1 ] && [ -f "$store" ] && [ "$(paperboy_items)" = "$count" ] \
   && [ "$(newsboat_items "$feeds_cache")" = "$count $count" ] && [ "$(newsboat_items "$one_cache")" = "$count $count" ]; then
  reuse=yes
  echo "cli.sh: reusing bench-out/cli ($count articles in the store and in both newsboat caches)" >&2
else
  rm -rf "$work"
  mkdir -p "$work/www/feeds" "$work/www/one" "$work/logs" "$work/newsboat-home"
  : >"$work/setup.txt"
  note() { echo "$*" >>"$work/setup.txt"; echo "$*" >&2; }

  # paperboy: generate, load, index (the first search after a load indexes the backlog).
  t=$(measure -- "$bin/paperboy-corpus" --count "$count" --format articles --output "$work/corpus.ndjson" | timed)
  note "generate $count articles (paperboy-corpus, $(du -m "$work/corpus.ndjson" | cut -f1) MB NDJSON): $t"
  # shellcheck disable=SC2016 # $1..$3 are the inner shell's arguments; load reports on standard error
  t=$(measure --out "$work/logs/load.txt" -- sh -c '"$1" --store "$2" load "$3" 2>&1' sh "$bin/paperboy" "$store" "$work/corpus.ndjson" | timed)
  note "paperboy load: $t ($(cat "$work/logs/load.txt"))"
  t=$(measure -- "$bin/paperboy" --store "$store" search "$word" | timed)
  note "first paperboy search (indexes all $count articles first): $t"
  backlog=$(sqlite3 -readonly "$store" "SELECT COUNT(*) FROM search_backlog")
  [ "$backlog" = 0 ] || { echo "cli.sh: $backlog articles still queued for indexing after the first search" >&2; exit 1; }
  [ "$(paperboy_items)" = "$count" ] || { echo "cli.sh: the paperboy store holds $(paperboy_items) articles, not $count" >&2; exit 1; }

  # newsboat: the same articles as RSS from nginx, into two caches.
  started=$(date +%s.%N)
  python3 Tools/bench/articles-to-rss.py --per-feed "$per_feed" "$work/corpus.ndjson" "$work/www/feeds" \
    | sed "s|^|http://127.0.0.1:$nginx_port/feeds/|" >"$feeds_urls"
  python3 Tools/bench/articles-to-rss.py --one-feed "$work/corpus.ndjson" "$work/www/one" >/dev/null
  echo "http://127.0.0.1:$nginx_port/one/feed.xml" >"$one_urls"
  note "articles-to-rss.py, twice: $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s" \
    "($(wc -l <"$feeds_urls") feeds of up to $per_feed items, $(du -sm "$work/www/feeds" | cut -f1) MB; one feed, $(du -m "$work/www/one/feed.xml" | cut -f1) MB)"
  printf 'max-items 0\nreload-threads 2\ndownload-timeout 300\ndownload-retries 1\n' >"$config"
  paperboy_start_nginx "$work" "$nginx_port" "$work/www" 1
  trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT
  for setup in feeds one; do
    if [ $setup = feeds ]; then u=$feeds_urls c=$feeds_cache; else u=$one_urls c=$one_cache; fi
    t=$(HOME=$work/newsboat-home measure --out "$work/logs/reload-$setup.txt" -- newsboat -u "$u" -c "$c" -C "$config" -x reload | timed)
    note "newsboat -x reload ($(wc -l <"$u") feed(s), reload-threads 2): $t"
    read -r items unread < <(newsboat_items "$c")
    if [ "$items" != "$count" ] || [ "$unread" != "$count" ]; then
      echo "cli.sh: $c holds $items items ($unread unread), not $count; see $work/logs/reload-$setup.txt" >&2
      exit 1
    fi
  done
  kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  trap - EXIT
fi

# Sanity checks outside the timing: every measured command works and says what it should.
for setup in feeds one; do
  if [ $setup = feeds ]; then u=$feeds_urls c=$feeds_cache; else u=$one_urls c=$one_cache; fi
  said=$(newsboat_in "$u" "$c" -x print-unread)
  case $said in "$count unread articles"*) ;; *) echo "cli.sh: newsboat ($setup) says '$said', expected $count unread articles" >&2; exit 1 ;; esac
done
check_prints() {
  [ "$("$bin/paperboy" --store "$store" "$@" | wc -l)" -gt 0 ] || { echo "cli.sh: paperboy $* printed nothing" >&2; exit 1; }
}
check_prints list
check_prints list --unread
check_prints search "$word"
check_prints search "\"$phrase\""
word_hits=$(sqlite3 -readonly "$store" "SELECT COUNT(*) FROM article_fts WHERE article_fts MATCH '\"$word\"'")
phrase_hits=$(sqlite3 -readonly "$store" "SELECT COUNT(*) FROM article_fts WHERE article_fts MATCH '\"$phrase\"'")
# NewsStore.timeline's query for `paperboy list`, on one line (hyperfine -N splits commands like a shell).
list_sql="SELECT a.num, a.id, a.rev, a.title, a.sourceId, s.name, a.storyId, a.publishedAt, a.publishedOffset, st.read, st.starred"
list_sql="$list_sql FROM article a LEFT JOIN source s ON s.id = a.sourceId LEFT JOIN article_state st ON st.articleId = a.id"
list_sql="$list_sql ORDER BY a.publishedAt DESC, a.num DESC LIMIT 50"
[ "$(sqlite3 -readonly "$store" "$list_sql" | wc -l)" = 50 ] || { echo "cli.sh: the sqlite3 list query did not return 50 rows" >&2; exit 1; }

# The measurement: one hyperfine invocation. Paths must not contain spaces (hyperfine -N splits on them).
p="$bin/paperboy --store $store"
nb="newsboat -C $config -x print-unread"
echo "hyperfine: $warmup warm-ups + $runs runs of 8 commands..." >&2
HOME=$work/newsboat-home hyperfine -N --output=pipe --warmup "$warmup" --runs "$runs" --export-json "$work/hyperfine.json" \
  -n "paperboy list" "$p list" \
  -n "paperboy list --unread" "$p list --unread" \
  -n "paperboy search $word" "$p search $word" \
  -n "paperboy search \"$phrase\"" "$p search '\"$phrase\"'" \
  -n "newsboat print-unread, $(wc -l <"$feeds_urls") feeds" "$nb -u $feeds_urls -c $feeds_cache" \
  -n "newsboat print-unread, 1 feed" "$nb -u $one_urls -c $one_cache" \
  -n "ref: paperboy --version" "$bin/paperboy --version" \
  -n "ref: sqlite3 list query" "sqlite3 -readonly $store '$list_sql'" \
  >"$work/logs/hyperfine.txt" 2>&1 || { cat "$work/logs/hyperfine.txt" >&2; exit 1; }

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)," \
  "$(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1 | sed 's/ (.*//'), SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo "$count articles; paperboy store $(stat -c %s "$store" | awk '{printf "%.0f", $1 / 1048576}') MB (search index built);" \
  "$(newsboat --version | head -1 | cut -d' ' -f1-2) caches $(du -m "$feeds_cache" | cut -f1) MB ($(wc -l <"$feeds_urls") feeds) and $(du -m "$one_cache" | cut -f1) MB (1 feed)"
echo "search matches: $word $word_hits articles, \"$phrase\" $phrase_hits"
echo "hyperfine $(hyperfine --version | cut -d' ' -f2): $warmup warm-ups + $runs runs per command, -N, output to a pipe, page cache warm"
if [ "$reuse" = yes ]; then echo "setup (from the run that built bench-out/cli):"; else echo "setup (outside hyperfine):"; fi
sed 's/^/  /' "$work/setup.txt"
echo
python3 - "$work/hyperfine.json" "$limit_ms" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
limit = float(sys.argv[2])
peers = [r for r in results if r["command"].startswith("newsboat")]
for r in results:
    r["med"] = statistics.median(r["times"])
best = min(peers, key=lambda r: r["med"])
print(f"{'command':<36} {'median ms':>10} {'mean ± sd ms':>17} {'user ms':>8} {'sys ms':>8}   "
      + "   ".join(f"{'/ nb ' + p['command'].split(', ')[1]:>14}" for p in peers))
failures = []
for r in results:
    ratios = "   ".join(f"{r['med'] / p['med']:>14.4f}" for p in peers)
    print(f"{r['command']:<36} {r['med'] * 1000:>10.1f} {r['mean'] * 1000:>9.1f} ± {r['stddev'] * 1000:<6.1f}"
          f"{r['user'] * 1000:>8.1f} {r['system'] * 1000:>8.1f}   {ratios}")
    if r["command"].startswith("paperboy"):
        if r["med"] * 1000 >= limit:
            failures.append(f"{r['command']}: median {r['med'] * 1000:.1f} ms, target under {limit:.0f} ms")
        if r["med"] >= best["med"]:
            failures.append(f"{r['command']}: median {r['med'] * 1000:.1f} ms, not faster than {best['command']} ({best['med'] * 1000:.1f} ms)")
print("(ratios: median / newsboat median, below 1 is faster; user and sys are means)")
if failures:
    print("\nMISSED:", *failures, sep="\n  ")
    sys.exit(1)
print(f"\nall paperboy medians under {limit:.0f} ms and below the faster newsboat median ({best['med'] * 1000:.1f} ms)")
PY
