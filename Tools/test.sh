#!/usr/bin/env bash
# Runs every test, once, in one debug build. Installs missing system packages first (as root on Debian).
#
# The build is made with PAPERBOY_THREAD_SANITIZER=1 (see Package.swift): ThreadSanitizer instruments
# the modules whose code runs on several threads (the store, the sync engine, feed polling, the server,
# the libcurl transport, the reader's commands and child processes) and their suites; the parsers, the
# grouper, the models and the third-party packages are compiled as usual and run at full speed in the
# same test binary. PAPERBOY_OPTIMIZE_PURE=1 compiles the models and the parsers optimised (see
# Package.swift). The suites run in parallel, and the large inputs (suites named *LargeInputTests: 50 MB
# feeds, 100 MB streams) beside them in a second process.
#
# Debug information is left out: it is most of the linking, and test failures and sanitizer reports
# still name functions. Tests that read ../shared (the seed dumps, the evaluation data) skip, saying
# why, when it is absent.
# PAPERBOY_SKIP_TSAN=1 builds without the sanitizer (quicker to run, checks no races). Extra arguments
# make one `swift test` run with them instead (e.g. `Tools/test.sh --filter NewsStoreTests`).
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
export PAPERBOY_OPTIMIZE_PURE=1
step() { printf '== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)" >&2; }

step "debug build, $under"
swift build --build-tests "${flags[@]}"
if [ $# -gt 0 ]; then
  step "swift test $*"
  exec swift test --skip-build "${flags[@]}" "$@"
fi
# The large inputs run beside the other suites, in their own process started straight from the test
# binary: a second `swift test` would open the build database the first one holds, and fail.
tests="$(swift build --show-bin-path "${flags[@]}")/PaperboyPackageTests.xctest"
large_log=$(mktemp)
trap 'rm -f "$large_log"' EXIT
step "every suite, the large inputs beside the others"
"$tests" --testing-library swift-testing --filter "$large" >"$large_log" 2>&1 &
large_pid=$!
status=0
swift test --skip-build "${flags[@]}" --skip "$large" || status=$?
large_status=0
wait "$large_pid" || large_status=$?
step "large inputs: results"
cat "$large_log"
[ "$status" = 0 ] && [ "$large_status" = 0 ]
