# Sourced by Tools/demo.sh, Tools/test.sh and .ci/run: makes sure the system libraries Paperboy links
# against are present (plus openssl and nginx-light, which the transport tests start on loopback, and
# tmux and less, in which the reader test drives paperboy), installing them with apt-get when running as root on Debian/Ubuntu.
paperboy_packages="libcurl4-openssl-dev libsqlite3-dev libxml2-dev zlib1g-dev libbrotli-dev libzstd-dev pkg-config openssl nginx-light tmux less"

paperboy_missing_packages() {
  local missing=""
  for pkg in $paperboy_packages; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  echo "$missing"
}

paperboy_ensure_packages() {
  if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then export PATH="/opt/swift/usr/bin:$PATH"; else
      echo "paperboy: Swift 6.1 or newer is needed (swift not found on PATH)" >&2; return 1; fi
  fi
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "paperboy: not a Debian system; install the development packages for libcurl, sqlite3 (with FTS5) and libxml2" >&2
    return 0
  fi
  local missing
  missing=$(paperboy_missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing:$missing" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
  else
    echo "paperboy: missing packages:$missing" >&2
    echo "install them with: sudo apt-get install$missing" >&2
    return 1
  fi
}
