#!/usr/bin/env bash
# Runs every test, then the suites where threads are again under ThreadSanitizer. Installs missing
# system packages first (as root on Debian).
#
#   1. a debug build; every suite in parallel except the large inputs (suites named *LargeInputTests:
#      50 MB feeds, 100 MB streams), which then run on their own, one at a time;
#   2. meanwhile, a ThreadSanitizer build of the suites that run code on several threads (the libcurl
#      I/O thread, the sync engine, the store, the server, feed polling, child processes) and what
#      they need (PAPERBOY_TEST_SCOPE=threaded, see Package.swift); those suites then run under it.
#      The single-threaded parsers and the grouper gain nothing from it and would run ~10x slower.
# The two builds overlap because neither keeps two cores busy all the time; the tests take no timing
# from the machine, so running beside a build cannot make them flaky.
#
# Tests that read ../shared (the seed dumps, the evaluation data) skip, saying why, when it is absent.
# PAPERBOY_SKIP_TSAN=1 skips the sanitizer pass; extra arguments go to every `swift test` run.
set -euo pipefail
cd "$(dirname "$0")/.."
. Tools/lib/deps.sh
paperboy_ensure_packages

large='LargeInputTests'
threaded='CurlTransportTests|NewsSyncTests|NewsStoreTests|FeedServerTests|FeedPollingTests|TmuxSession'
tsan=(--sanitize=thread --scratch-path .build-tsan --disable-index-store)
step() { printf '== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)" >&2; }

tsan_pid=""
if [ "${PAPERBOY_SKIP_TSAN:-0}" != 1 ]; then
  mkdir -p .build-tsan
  step "ThreadSanitizer build of the threaded suites, in the background (.build-tsan/build.log)"
  PAPERBOY_TEST_SCOPE=threaded swift build --build-tests "${tsan[@]}" >.build-tsan/build.log 2>&1 &
  tsan_pid=$!
  trap '[ -n "$tsan_pid" ] && kill "$tsan_pid" 2>/dev/null || true' EXIT
fi

step "debug build"
swift build --build-tests --disable-index-store
step "all suites but the large inputs"
swift test --skip-build --disable-index-store --skip "$large" "$@"
step "large inputs, one at a time"
swift test --skip-build --disable-index-store --filter "$large" --no-parallel "$@"

if [ -n "$tsan_pid" ]; then
  step "waiting for the ThreadSanitizer build"
  if ! wait "$tsan_pid"; then
    tsan_pid=""
    tail -n 60 .build-tsan/build.log >&2
    echo "test.sh: the ThreadSanitizer build failed (whole log: .build-tsan/build.log)" >&2
    exit 1
  fi
  tsan_pid=""
  step "threaded suites under ThreadSanitizer"
  TSAN_OPTIONS="halt_on_error=1 ${TSAN_OPTIONS:-}" PAPERBOY_TEST_SCOPE=threaded \
    swift test --skip-build "${tsan[@]}" --filter "$threaded" --skip "$large" "$@"
fi
