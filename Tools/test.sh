#!/usr/bin/env bash
# Runs every test, then the suites where threads are again under ThreadSanitizer. Installs missing
# system packages first (as root on Debian).
#
#   1. a debug build; every suite in parallel except the large inputs (suites named *LargeInputTests:
#      50 MB feeds, 100 MB streams), which then run on their own, one at a time;
#   2. a ThreadSanitizer build of only the suites that run code on several threads (the libcurl I/O
#      thread, the sync engine, the store, the server, feed polling, child processes) and what they
#      need (PAPERBOY_TEST_SCOPE=threaded, see Package.swift); those suites then run under it. The
#      single-threaded parsers and the grouper gain nothing from it and would run ~10x slower.
#
# Tests that read ../shared (the seed dumps, the evaluation data) skip, saying why, when it is absent.
# PAPERBOY_SKIP_TSAN=1 skips the sanitizer pass; extra arguments go to every `swift test` run.
set -euo pipefail
cd "$(dirname "$0")/.."
. Tools/lib/deps.sh
paperboy_ensure_packages

large='LargeInputTests'
threaded='CurlTransportTests|NewsSyncTests|NewsStoreTests|FeedServerTests|FeedPollingTests|TmuxSession'
tsan=(--sanitize=thread --scratch-path .build-tsan)
step() { printf '== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)" >&2; }

step "debug build"
swift build --build-tests
step "all suites but the large inputs"
swift test --skip-build --skip "$large" "$@"
step "large inputs, one at a time"
swift test --skip-build --filter "$large" --no-parallel "$@"

if [ "${PAPERBOY_SKIP_TSAN:-0}" != 1 ]; then
  export PAPERBOY_TEST_SCOPE=threaded TSAN_OPTIONS="halt_on_error=1 ${TSAN_OPTIONS:-}"
  step "ThreadSanitizer build of the threaded suites"
  swift build --build-tests "${tsan[@]}"
  step "threaded suites under ThreadSanitizer"
  swift test --skip-build "${tsan[@]}" --filter "$threaded" --skip "$large" "$@"
fi
