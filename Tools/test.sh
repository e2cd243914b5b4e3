#!/usr/bin/env bash
# Runs every test, once, in one debug build. Installs missing system packages first (as root on Debian).
#
# The build is made with PAPERBOY_THREAD_SANITIZER=1 (see Package.swift): ThreadSanitizer instruments
# the modules whose code runs on several threads (the store, the sync engine, feed polling, the server,
# the libcurl transport, the reader's commands and child processes) and their suites; the parsers, the
# grouper, the models and the third-party packages are compiled as usual and run at full speed in the
# same test binary. The suites run in parallel, then the large inputs (suites named *LargeInputTests:
# 50 MB feeds, 100 MB streams) in a second process.
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
# The large inputs (each takes most of a core for up to a minute and a half) run after the other
# suites, in their own process. Two `swift test` runs cannot share one build folder at once: both open
# its build database, and the second fails when the first holds it.
step "every suite but the large inputs"
swift test --skip-build "${flags[@]}" --skip "$large" "$@"
step "large inputs, each suite's tests in turn"
swift test --skip-build "${flags[@]}" --filter "$large" "$@"
