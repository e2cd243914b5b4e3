#!/usr/bin/env bash
# Runs every test twice: a plain debug build, then the same suites under ThreadSanitizer (the libcurl
# I/O thread and its hand-offs must stay race-free). Installs missing system packages first (as root
# on Debian). PAPERBOY_SKIP_TSAN=1 skips the sanitizer pass; extra arguments go to both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
. Tools/lib/deps.sh
paperboy_ensure_packages
swift test "$@"
if [ "${PAPERBOY_SKIP_TSAN:-0}" != 1 ]; then
  echo "== again under ThreadSanitizer ==" >&2
  # The feed parsers' huge-input tests (50 MB feeds) run ~10x slower under TSan and would starve the
  # transport tests' timing checks on a 2-core machine, so they run after the rest, on their own.
  TSAN_OPTIONS="halt_on_error=1 ${TSAN_OPTIONS:-}" swift test --sanitize=thread --scratch-path .build-tsan --skip FeedFormatsTests "$@"
  TSAN_OPTIONS="halt_on_error=1 ${TSAN_OPTIONS:-}" swift test --sanitize=thread --scratch-path .build-tsan --filter FeedFormatsTests "$@"
fi
