#!/usr/bin/env bash
# Makes sure the local MariaDB and Redis answer, starting them when they are installed but stopped
# (as on the project's machines, where both are installed and started before each session); installs them with
# apt-get on a bare Debian machine.
# For the tests, also Debian's Chromium and its chromedriver, which the gateway's Swagger UI browser test drives
# (gateway/src/test/.../apidocs/SwaggerUiBrowserTest); running the suite (deploy/run.sh) does not need them.
#
#   bash deploy/infra.sh ensure        # MariaDB and Redis
#   bash deploy/infra.sh ensure-test   # the same, plus Chromium (what ./mvnw verify needs; .ci/run calls it)
set -euo pipefail

DB_HOST="${DOUSHENG_DB_HOST:-127.0.0.1}"
DB_PORT="${DOUSHENG_DB_PORT:-3306}"
REDIS_HOST="${DOUSHENG_REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${DOUSHENG_REDIS_PORT:-6379}"

log() { echo "[infra] $*" >&2; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() {
  local host=$1 port=$2 name=$3
  for _ in $(seq 1 60); do
    port_open "$host" "$port" && return 0
    sleep 1
  done
  log "$name did not open $host:$port"
  return 1
}

local_host() { [[ "$1" == 127.0.0.1 || "$1" == localhost ]]; }

ensure_mariadb() {
  if port_open "$DB_HOST" "$DB_PORT"; then return 0; fi
  local_host "$DB_HOST" || { log "MySQL at $DB_HOST:$DB_PORT does not answer"; return 1; }
  if [[ ! -x /usr/sbin/mariadbd ]]; then
    log "installing mariadb-server"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
  fi
  log "starting MariaDB"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_port "$DB_HOST" "$DB_PORT" MariaDB
}

ensure_redis() {
  if port_open "$REDIS_HOST" "$REDIS_PORT"; then return 0; fi
  local_host "$REDIS_HOST" || { log "Redis at $REDIS_HOST:$REDIS_PORT does not answer"; return 1; }
  if ! command -v redis-server >/dev/null; then
    log "installing redis-server"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
  wait_port "$REDIS_HOST" "$REDIS_PORT" Redis
}

ensure_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then return 0; fi
  command -v apt-get >/dev/null || { log "install Chromium and chromedriver (Debian: chromium chromium-driver)"; return 1; }
  log "installing chromium and chromium-driver"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}

ensure_services() {
  ensure_mariadb && ensure_redis && log "MariaDB $DB_HOST:$DB_PORT and Redis $REDIS_HOST:$REDIS_PORT answer"
}

case "${1:-ensure}" in
  ensure) ensure_services ;;
  ensure-test) ensure_services && ensure_chromium && log "Chromium and chromedriver are installed" ;;
  *) echo "usage: $0 ensure|ensure-test" >&2; exit 2 ;;
esac
