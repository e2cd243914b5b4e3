#!/usr/bin/env bash
# Runs every test, once, in one debug build. Installs missing system packages first (as root on Debian).
#
# The build is made with PAPERBOY_THREAD_SANITIZER=1 (see Package.swift): ThreadSanitizer instruments
# the modules whose code runs on several threads (the store, the sync engine, feed polling, the server,
# the libcurl transport, the reader's commands and child processes) and their suites; the parsers, the
# grouper, the models and the third-party packages are compiled as usual and run at full speed in the
# same test binary. The suites run in parallel, and the large inputs (suites named *LargeInputTests:
# 50 MB feeds, 100 MB streams) in a second process beside them.
#
# Debug information is left out: it is most of the linking, and test failures and sanitizer reports
# still name functions. Tests that read ../shared (the seed dumps, the evaluation data) skip, saying
# why, when it is absent.
# PAPERBOY_SKIP_TSAN=1 builds without the sanitizer (quicker to run, checks no races); extra arguments
# go to every `swift test` run.
set -euo pipefail
cd "$(dirname "$0")/.."
. Tools/lib/deps.sh
paperboy_ensure_packages

large='LargeInputTests'
flags=(-debug-info-format none)
if [ "${PAPERBOY_SKIP_TSAN:-0}" = 1 ]; then
  under="without ThreadSanitizer"
  unset PAPERBOY_THREAD_SANITIZER
else
  under="with ThreadSanitizer in the threaded modules"
  # Swift's crash backtracer forks a helper, which ThreadSanitizer cannot follow: a crashing test would
  # hang the run instead of failing it, so under the sanitizer a crash just prints its message and ends.
  export PAPERBOY_THREAD_SANITIZER=1 TSAN_OPTIONS="halt_on_error=1 ${TSAN_OPTIONS:-}" SWIFT_BACKTRACE=enable=no
fi
unset PAPERBOY_TEST_SCOPE
step() { printf '== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)" >&2; }

step "debug build, $under"
swift build --build-tests "${flags[@]}"
# The large inputs take most of a core for up to a minute and a half each; they run beside the other
# suites (which spend much of their time waiting on sockets, child processes and each other), each
# large suite's tests one at a time, and their output is shown after them.
step "every suite, the large inputs beside the others"
large_log=.build/large-inputs.log
# (--ignore-lock on both: they only read the build folder, and SwiftPM's lock would make one wait for
# the other.)
swift test --skip-build --ignore-lock "${flags[@]}" --filter "$large" "$@" >"$large_log" 2>&1 &
large_pid=$!
trap 'kill "$large_pid" 2>/dev/null || true' EXIT
status=0
swift test --skip-build --ignore-lock "${flags[@]}" --skip "$large" "$@" || status=$?
step "large inputs: results"
large_status=0
wait "$large_pid" || large_status=$?
trap - EXIT
cat "$large_log"
[ "$large_status" = 0 ] || echo "test.sh: the large-input suites failed (above)" >&2
[ "$status" = 0 ] || echo "test.sh: suites failed (before the large inputs' output)" >&2
[ "$status" = 0 ] && [ "$large_status" = 0 ]
