#!/usr/bin/env bash
# Crash safety of `paperboy sync`: a 100,000-article first sync is killed with SIGKILL at
# KILLS random moments and restarted each time; then one last sync runs to the end. The store must
# hold exactly the server's live set (ids and revs compared), pass SQLite's integrity check, and have
# sent every mark made between the kills.
#
# The server holds 80,000 articles compacted into a snapshot plus 20,000 more in the log, so the
# kills land in both the snapshot load and the segment phase. Kill moments are spread so that the
# syncs between kills together cover most of an uninterrupted sync (each restart resumes where the
# last commit left it), and the last sync still has work to do. Between kills a random article is
# starred or unstarred; the server must end with exactly the store's stars.
#
#   Tools/chaos/kill-sync.sh [KILLS=50] [COUNT=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
kills=${1:-50}
count=${2:-100000}
snapshot_part=$((count * 4 / 5))
port=${PAPERBOY_CHAOS_PORT:-18131}

. Tools/lib/deps.sh
paperboy_ensure_packages
echo "building paperboy, paperboy-server and paperboy-corpus (release)..." >&2
for product in paperboy paperboy-server paperboy-corpus; do swift build -c release --product $product >&2; done
bin=$(swift build -c release --show-bin-path)

work=$root/bench-out/chaos
rm -rf "$work"
mkdir -p "$work/client"
export PAPERBOY_SERVER_DB=$work/server.sqlite
export PAPERBOY_STORE=$work/client/paperboy.sqlite
"$bin/paperboy-corpus" --count "$snapshot_part" --format articles --output "$work/a.ndjson"
"$bin/paperboy-corpus" --count $((count - snapshot_part)) --start "$snapshot_part" --format articles --output "$work/b.ndjson"
"$bin/paperboy-server" import "$work/a.ndjson" >&2
"$bin/paperboy-server" compact --keep-days 0 --chunk 1000 >&2
"$bin/paperboy-server" import "$work/b.ndjson" >&2
"$bin/paperboy-server" user add chaos >"$work/token.txt"
"$bin/paperboy-server" serve --port "$port" --log-level warning >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# How long an uninterrupted first sync takes, in throwaway stores, to spread the kills over it. The
# first one warms the server's compressed bodies; the second is timed.
now() { python3 -c 'import time; print(time.time())'; }
for scratch in "$work/warm.sqlite" "$work/scratch.sqlite"; do
  "$bin/paperboy" --store "$scratch" remote add home "http://127.0.0.1:$port" --token-file "$work/token.txt" >/dev/null
  start=$(now)
  "$bin/paperboy" --store "$scratch" sync >/dev/null 2>&1
  full=$(python3 -c "print(round($(now) - $start, 2))")
done
echo "an uninterrupted first sync takes ${full} s; killing $kills times" >&2

"$bin/paperboy" remote add home "http://127.0.0.1:$port" --token-file "$work/token.txt" >/dev/null
killed=0
finished=0
marks=0
# A restart costs little (the store keeps every commit), so runs between kills add up to about the
# time they ran: a mean of 70% of a full sync / KILLS leaves the last sync about 30% to do.
mean=$(python3 -c "print(0.7 * $full / $kills)")
for i in $(seq 1 "$kills"); do
  "$bin/paperboy" sync >/dev/null 2>"$work/sync-$i.err" &
  pid=$!
  delay=$(python3 -c "import random; print(round(random.uniform(0.3 * $mean, 1.7 * $mean), 3))")
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null || true
  # Reading and marking between crashes: the marks must reach the server in the end.
  number=$(python3 -c "import random; print(random.randint(1, 500))")
  verb=$(python3 -c "import random; print(random.choice(['star', 'star', 'unstar']))")
  if "$bin/paperboy" mark "$verb" "$number" >/dev/null 2>&1; then marks=$((marks + 1)); fi
done
have=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT COUNT(*) FROM article WHERE remote = 'home'\").fetchone()[0])" "$PAPERBOY_STORE")
echo "killed $killed syncs mid-way ($finished had already finished); $marks marks made between kills; store holds $have of $count articles before the final sync:" >&2
"$bin/paperboy" sync
kill $server_pid
wait $server_pid 2>/dev/null || true

python3 - "$work/server.sqlite" "$PAPERBOY_STORE" <<'PY'
import sqlite3, sys
server = sqlite3.connect(sys.argv[1])
client = sqlite3.connect(sys.argv[2])
live = dict(server.execute("SELECT id, rev FROM article"))
local = dict(client.execute("SELECT id, rev FROM article WHERE remote = 'home'"))
integrity = client.execute("PRAGMA integrity_check").fetchone()[0]
pending = client.execute("SELECT COUNT(*) FROM state_journal").fetchone()[0]
starred_local = {r[0] for r in client.execute("SELECT articleId FROM article_state WHERE starred = 1")}
starred_server = {r[0] for r in server.execute("SELECT articleId FROM article_state WHERE starred = 1")}
missing = len(live.keys() - local.keys()); extra = len(local.keys() - live.keys())
stale = sum(1 for k in live.keys() & local.keys() if live[k] != local[k])
print(f"server live set {len(live)}, store {len(local)}: missing {missing}, extra {extra}, wrong rev {stale}")
print(f"integrity_check: {integrity}; journal left: {pending}; starred locally {len(starred_local)}, on server {len(starred_server)}, same set: {starred_local == starred_server}")
ok = missing == 0 and extra == 0 and stale == 0 and integrity == "ok" and pending == 0 and starred_local == starred_server and len(starred_local) > 0
print("kill-sync: PASS" if ok else "kill-sync: FAIL")
sys.exit(0 if ok else 1)
PY
