#!/usr/bin/env bash
# The main job, end to end on a fresh machine: install missing system packages, build, start
# paperboy-server on loopback with generated articles, the project's hand-written fixtures and a
# JSON Feed; create a user; then, as that user's device, sync with `paperboy` and list, read, search,
# star and sync again, the way a user would. Everything it starts (the server, nginx) is stopped when
# it ends, however it ends, and it checks that they are gone.
#
#   Tools/demo.sh [ARTICLES=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
. Tools/lib/deps.sh
paperboy_ensure_packages

count=${1:-5000}
echo "== building paperboy, paperboy-server and paperboy-corpus (release)" >&2
swift build -c release --product paperboy >&2
swift build -c release --product paperboy-server >&2
swift build -c release --product paperboy-corpus >&2
bin=$(swift build -c release --show-bin-path)

demo=$PWD/.demo
rm -rf "$demo"
mkdir -p "$demo/client"
export PAPERBOY_SERVER_DB="$demo/server.sqlite"
export PAPERBOY_STORE="$demo/client/paperboy.sqlite"
server_pid=""
nginx_pid=""
# Stops what the demo started and waits until each process is gone (SIGKILL after 10 s), so nothing
# keeps running once the script returns. Prints what it stopped when asked to (--say).
stop_everything() {
  local pid name
  for name in server nginx; do
    if [ "$name" = server ]; then pid=$server_pid; else pid=$nginx_pid; fi
    [ -n "$pid" ] || continue
    if kill -0 "$pid" 2>/dev/null; then
      if [ "$name" = server ]; then kill -TERM "$pid" 2>/dev/null || true; else kill -QUIT "$pid" 2>/dev/null || true; fi
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null || true
    if kill -0 "$pid" 2>/dev/null; then echo "demo: could not stop $name (pid $pid)" >&2; return 1; fi
    [ "${1:-}" = --say ] && echo "== stopped $( [ "$name" = server ] && echo paperboy-server || echo nginx ) (pid $pid)" >&2
    if [ "$name" = server ]; then server_pid=""; else nginx_pid=""; fi
  done
  return 0
}
trap stop_everything EXIT
paperboy() { "$bin/paperboy" "$@"; }
server() { "$bin/paperboy-server" "$@"; }
run() { printf '\n$ paperboy %s\n' "$*"; paperboy "$@"; }

echo "== server: importing $count generated articles, the fixtures, RSS, Atom and JSON feeds, and the sample dumps" >&2
"$bin/paperboy-corpus" --count "$count" --format articles --output "$demo/corpus.ndjson"
server import "$demo/corpus.ndjson" Fixtures/articles.ndjson
# A feed file cannot prove which outlet wrote it, so each one is filed under the outlet named here
# (without --source, its articles would be filed under the file).
server import --source harbour-notes.example --source-name "Harbour Notes" Fixtures/feeds/harbour-notes.json
server import --source tidewater-gazette.example --source-name "The Tidewater Gazette" Fixtures/feeds/tidewater-gazette-rss.xml
server import --source moorland-almanac.example --source-name "Moorland Almanac" Fixtures/feeds/moorland-almanac-rdf.xml
server import --source kawabe-shimbun.example --source-name "川辺新聞" Fixtures/feeds/kawabe-shimbun-sjis.xml
# The five sample articles (plain-text dumps; ../shared/seeds/README.md). A dump does not name its
# outlet, so each gets --source: the outlet its text or image links identify.
seeds=../shared/seeds
if [ -d "$seeds" ]; then
  server import --source seed-summary.example --source-name "Summary (seed 000)" "$seeds"/000_*.txt
  server import --source ir-ia.com --source-name "IR-IA" "$seeds"/001_*.txt
  server import --source mofa.go.jp --source-name "Ministry of Foreign Affairs of Japan" "$seeds"/002_*.txt
  server import --source newslooks.com --source-name "Newslooks" "$seeds"/003_*.txt
  server import --source japannews.yomiuri.co.jp --source-name "The Japan News" "$seeds"/004_*.txt
else
  echo "== no sample dumps at $seeds (they sit beside the repository); going on without them" >&2
fi
server user add reader --device demo >"$demo/token.txt"
# The binary itself, not the shell function: `$!` must be the server's pid so it can be stopped.
"$bin/paperboy-server" serve --port 0 --log-level warning >"$demo/server.out" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$demo/server.out")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "demo: the server did not start:" >&2; cat "$demo/server.out" >&2; exit 1; }
echo "== server listening on http://127.0.0.1:$port" >&2

run remote add home "http://127.0.0.1:$port" --token-file "$demo/token.txt"
run sync
run list --limit 12
first=fixture-osaka-talks-open   # a hand-written fixture: Fixtures/articles.ndjson
run read "$first" --width 80
run search "trade deficit" --limit 5
run star "$first"
run stories --limit 5
story=$(paperboy stories --limit 1 | awk 'NR == 1 {print $1}')
[ -n "$story" ] && run story "$story" --width 100
run sources
run mark read --source harbor-courier.example
run status
run sync
run sync
if [ -d "$seeds" ]; then
  # The dump's summit report (its side stories are articles of their own).
  seed=$(paperboy list --source newslooks.com --limit 10 --width 200 | grep -m1 Ishiba | awk '{print $1}')
  if [ -n "$seed" ]; then
    run read "$seed" --width 80
    # The five outlets' summit coverage is one story: coverage, then where the outlets disagree.
    run story --article "$seed" --width 100
  fi
fi

# A feed followed directly, with no server: nginx serves a fixture Atom feed on loopback. Feeds on
# this machine or a private network are refused unless --allow-private-addresses says otherwise.
. Tools/lib/nginx.sh
feed_port=18197
paperboy_start_nginx "$demo/nginx" "$feed_port" "$PWD/Fixtures/feeds" 1
nginx_pid=$(cat "$demo/nginx/nginx.pid")
run subscribe "http://127.0.0.1:$feed_port/fenwick-review-atom.xml" --folder Reviews --allow-private-addresses
run subscriptions
run sync --allow-private-addresses
# Served from loopback, not from fenwick-review.example, the feed speaks only for itself: its
# articles are filed under where it was fetched (the display name still comes from the feed).
run list --source "127.0.0.1:$feed_port/" --limit 5
run status
printf '\n$ paperboy read NOSUCH\n'
status=0; paperboy read NOSUCH || status=$?
echo "(exit status $status)"
echo >&2
stop_everything --say
printf '\nThe store stays at %s; to keep exploring offline (the server and nginx have stopped):\n  export PAPERBOY_STORE=%s\n  %s/paperboy --help\n' \
  "$PAPERBOY_STORE" "$PAPERBOY_STORE" "$bin"
