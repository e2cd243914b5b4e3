#!/usr/bin/env bash
# Runs every test: each suite once, the ones where threads are under ThreadSanitizer. Installs missing
# system packages first (as root on Debian).
#
#   1. a debug build of the single-threaded parsers, the grouper, the models and the libcurl transport
#      (PAPERBOY_TEST_SCOPE=plain, see Package.swift); their suites run in parallel except the large
#      inputs (suites named *LargeInputTests: 50 MB feeds, 100 MB streams), which then run on their
#      own, one at a time, while the second build compiles (their output after it);
#   2. a ThreadSanitizer build of every module whose code runs on several threads (the store, the
#      sync engine, the server, feed polling, the reader's commands and child processes, the libcurl
#      I/O thread) with their suites (PAPERBOY_TEST_SCOPE=threaded), which then run under it. The
#      parsers and the grouper gain nothing from the sanitizer and would run ten times slower under it.
#
# Debug information is left out of both builds: it is most of the linking, and test failures and
# sanitizer reports still name functions. Tests that read ../shared (the seed dumps, the evaluation
# data) skip, saying why, when it is absent.
# PAPERBOY_SKIP_TSAN=1 builds the second pass without the sanitizer (quicker, checks no races);
# extra arguments go to every `swift test` run.
set -euo pipefail
cd "$(dirname "$0")/.."
. Tools/lib/deps.sh
paperboy_ensure_packages

large='LargeInputTests'
plain=(-debug-info-format none)
if [ "${PAPERBOY_SKIP_TSAN:-0}" = 1 ]; then
  scratch=.build-threaded under="without ThreadSanitizer" threaded=(-debug-info-format none --scratch-path "$scratch")
else
  scratch=.build-tsan under="under ThreadSanitizer" threaded=(-debug-info-format none --sanitize=thread --scratch-path "$scratch")
fi
step() { printf '== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)" >&2; }

export PAPERBOY_TEST_SCOPE=plain
step "debug build of the single-threaded modules"
swift build --build-tests "${plain[@]}"
step "its suites but the large inputs"
swift test --skip-build "${plain[@]}" --skip "$large" "$@"
# The large inputs take most of one core for about a minute; they run (one at a time) beside the
# second build, and their output is shown after it. (The other suites, which keep both cores busy,
# would only slow the build as much as they gain.)
step "large inputs, one at a time, beside the second build"
large_log=.build/large-inputs.log
swift test --skip-build "${plain[@]}" --filter "$large" --no-parallel "$@" >"$large_log" 2>&1 &
large_pid=$!
trap 'kill "$large_pid" 2>/dev/null || true' EXIT

# Swift's crash backtracer forks a helper, which ThreadSanitizer cannot follow: a crashing test would
# hang the run instead of failing it, so under the sanitizer a crash just prints its message and ends.
export PAPERBOY_TEST_SCOPE=threaded TSAN_OPTIONS="halt_on_error=1 ${TSAN_OPTIONS:-}" SWIFT_BACKTRACE=enable=no
# A new scratch folder would fetch and check out every dependency again, a minute of a clean run;
# it starts from the first build's checkouts instead (SwiftPM moves them if the pins differ).
if [ ! -e "$scratch/workspace-state.json" ] && [ -e .build/workspace-state.json ]; then
  mkdir -p "$scratch"
  cp -a .build/workspace-state.json .build/checkouts .build/repositories "$scratch"/
fi
step "build of the threaded modules, $under"
swift build --build-tests "${threaded[@]}"
step "large inputs: results"
large_status=0
wait "$large_pid" || large_status=$?
trap - EXIT
cat "$large_log"
[ "$large_status" = 0 ] || { echo "test.sh: the large-input suites failed (above)" >&2; exit "$large_status"; }
step "threaded suites, $under"
swift test --skip-build "${threaded[@]}" --skip "$large" "$@"
