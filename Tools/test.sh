#!/usr/bin/env bash
# Runs every test: installs missing system packages (as root on Debian), then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
. Tools/lib/deps.sh
paperboy_ensure_packages
swift test "$@"
