# Sourced by the benchmarks: installs nginx and wrk when missing, and starts nginx (Debian's nginx-light) as a static file server on loopback,
# with the settings the peer comparisons assume (no access log, sendfile, long keep-alive).
#   paperboy_start_nginx WORK PORT ROOT WORKERS [HTTP_EXTRA] [SERVER_EXTRA]
# HTTP_EXTRA is added to the http block as is (gzip, log formats), SERVER_EXTRA to the server block
# (an access log: the http block turns logging off). Writes WORK/nginx.conf, logs under WORK/logs, and the pid to WORK/nginx.pid.
paperboy_start_nginx() {
  local work=$1 port=$2 root=$3 workers=$4 extra=${5:-} server_extra=${6:-}
  mkdir -p "$work/logs"
  cat >"$work/nginx.conf" <<CONF
worker_processes $workers;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  default_type application/octet-stream;
  types { application/json json; application/x-ndjson ndjson; application/rss+xml xml; }
  client_body_temp_path $work/logs/body;
  proxy_temp_path $work/logs/proxy;
  fastcgi_temp_path $work/logs/fastcgi;
  uwsgi_temp_path $work/logs/uwsgi;
  scgi_temp_path $work/logs/scgi;
  $extra
  server {
    listen 127.0.0.1:$port;
    root $root;
    $server_extra
  }
}
CONF
  /usr/sbin/nginx -c "$work/nginx.conf" -p "$work" -e "$work/logs/error.log"
}

# Installs nginx-light and wrk with apt-get when missing (as root); otherwise says what to run.
#   paperboy_ensure_nginx_and_wrk SCRIPT-NAME
paperboy_ensure_nginx_and_wrk() {
  command -v wrk >/dev/null && [ -x /usr/sbin/nginx ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "$1: needs nginx and wrk: sudo apt-get install nginx-light wrk" >&2
    return 1
  fi
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >&2
}
