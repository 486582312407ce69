#!/usr/bin/env bash
# Local standalone Nacos 3.1 server (naming + config, embedded Derby, no console, no Docker).
#
#   bash deploy/nacos.sh start     build if needed, start in background, wait until ready (idempotent)
#   bash deploy/nacos.sh stop      stop it (idempotent)
#   bash deploy/nacos.sh restart
#   bash deploy/nacos.sh status    exit 0 when running and ready, 1 when running but not ready, 3 when stopped
#   bash deploy/nacos.sh token     print an access token of the application user (for scripts querying Nacos)
#
# Nacos listens on 127.0.0.1 only (HTTP, both gRPC ports and raft) and with authentication on. At each start
# deploy/nacos-init.sh makes sure the admin user "nacos" and the applications' user NACOS_USERNAME exist with the
# passwords below (the applications' user may register, discover and read configuration), and publishes the
# default data ids of deploy/nacos-config/ that Nacos does not hold yet.
#
# Files (repo root = the directory holding deploy/):
#   .run/nacos.pid        pid of the java process
#   .run/logs/nacos.log   its stdout/stderr (previous run kept as nacos.log.1)
#   .run/nacos/           nacos.home: conf/application.properties (regenerated each start), data/ (Derby, raft)
#
# Environment:
#   NACOS_PORT (8848)           HTTP port; gRPC is NACOS_PORT+1000 (9848), cluster gRPC +1001, raft -1000
#   NACOS_HOME (.run/nacos)     data dir
#   NACOS_START_TIMEOUT (120)   seconds to wait for readiness
#   NACOS_JAVA_OPTS             replaces the default JVM memory flags below
#   JAVA_OPTS                   appended
#   NACOS_BIND_ADDRESS (127.0.0.1)  address of all four ports; another host's applications need a reachable one
#   NACOS_USERNAME (dousheng), NACOS_PASSWORD   the applications' user; password generated into .run/nacos-password
#   NACOS_ADMIN_PASSWORD        the admin user's; generated into .run/nacos-admin-password, applied at the first
#                               start of a NACOS_HOME (later starts only log in with it)
#   NACOS_AUTH_TOKEN            token signing key (base64, 32+ bytes), generated into .run/nacos-auth-token
#   NACOS_AUTH_IDENTITY_KEY (dousheng-identity), NACOS_AUTH_IDENTITY_VALUE (generated into .run/nacos-identity)
#   NACOS_AUTH_ENABLE=false     authentication off (never on a shared machine)
#   JAVA_HOME, MVN (mvn on PATH, else the repo's ./mvnw)
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$DEPLOY_DIR")"
PROJECT_DIR="$DEPLOY_DIR/nacos-server"
JAR="$PROJECT_DIR/target/nacos-server-launcher.jar"
RUN_DIR="$ROOT_DIR/.run"
PID_FILE="$RUN_DIR/nacos.pid"
LOG_DIR="$RUN_DIR/logs"
LOG_FILE="$LOG_DIR/nacos.log"
NACOS_HOME="${NACOS_HOME:-$RUN_DIR/nacos}"
NACOS_PORT="${NACOS_PORT:-8848}"
GRPC_PORT=$((NACOS_PORT + 1000))
START_TIMEOUT="${NACOS_START_TIMEOUT:-120}"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ -z "${MVN:-}" ]]; then
  if command -v mvn >/dev/null; then MVN=mvn; else MVN="$ROOT_DIR/mvnw"; fi
fi
# where this script reaches the server: its bind address, or loopback when it listens on every interface
HOST="${NACOS_BIND_ADDRESS:-127.0.0.1}"
[[ "$HOST" == 0.0.0.0 || "$HOST" == :: ]] && HOST=127.0.0.1
BASE_URL="http://$HOST:${NACOS_PORT}/nacos"
READY_URL="$BASE_URL/v1/ns/instance/list?serviceName=probe"
# shellcheck source=deploy/secrets.sh
source "$DEPLOY_DIR/secrets.sh"
DEFAULT_JAVA_OPTS="-Xms64m -Xmx256m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -Dfile.encoding=UTF-8"
# as run.sh does for the suite: freed native memory back to the system every 10 s, where the JVM can
if "$JAVA_BIN" -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000 -version >/dev/null 2>&1; then
  DEFAULT_JAVA_OPTS="$DEFAULT_JAVA_OPTS -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000"
fi

log() { echo "[nacos] $*" >&2; }

# pid of our running java, or nothing (a stale pid file, or a pid reused by another program, is ignored)
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' < "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'nacos-server-launcher' || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# the naming module answers over HTTP (200, or 403 to this anonymous call when authentication is on) and the gRPC
# port (what nacos-client 3.x uses) accepts connections
ready() {
  local code
  code="$(curl -s --noproxy '*' -m 3 -o /dev/null -w '%{http_code}' "$READY_URL")" || true
  [[ "$code" == 200 || "$code" == 401 || "$code" == 403 ]] && port_open "$GRPC_PORT"
}

export_keys() {
  NACOS_AUTH_TOKEN="$(secret NACOS_AUTH_TOKEN nacos-auth-token)"
  NACOS_AUTH_IDENTITY_KEY="${NACOS_AUTH_IDENTITY_KEY:-dousheng-identity}"
  NACOS_AUTH_IDENTITY_VALUE="$(secret NACOS_AUTH_IDENTITY_VALUE nacos-identity)"
  export NACOS_AUTH_TOKEN NACOS_AUTH_IDENTITY_KEY NACOS_AUTH_IDENTITY_VALUE
}

auth_on() { [[ "${NACOS_AUTH_ENABLE:-true}" != false ]]; }

# users (and, on a fresh server, the default configuration) through deploy/nacos-init.sh, with this run's secrets
init() {
  auth_on || return 0
  NACOS_URL="$BASE_URL" NACOS_ADMIN_PASSWORD="$(secret NACOS_ADMIN_PASSWORD nacos-admin-password)" \
    NACOS_PASSWORD="$(secret NACOS_PASSWORD nacos-password)" bash "$DEPLOY_DIR/nacos-init.sh" "${1:-init}"
}

needs_build() {
  [[ -f "$JAR" && -d "$PROJECT_DIR/target/lib" ]] || return 0
  [[ -n "$(find "$PROJECT_DIR/pom.xml" "$PROJECT_DIR/src" -newer "$JAR" -print -quit)" ]]
}

build() {
  log "building $PROJECT_DIR"
  "$MVN" -q -B -Dstyle.color=never -f "$PROJECT_DIR/pom.xml" package -DskipTests
  touch "$JAR"
}

wait_ready() {
  local pid="$1" start=$SECONDS
  while (( SECONDS - start < START_TIMEOUT )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "Nacos (pid $pid) exited during start-up; last lines of $LOG_FILE:"
      tail -n 60 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      return 1
    fi
    if ready; then
      log "ready on $BASE_URL (gRPC ${GRPC_PORT}), pid $pid, waited $((SECONDS - start))s"
      return 0
    fi
    sleep 1
  done
  log "not ready after ${START_TIMEOUT}s; stopping it. Last lines of $LOG_FILE:"
  tail -n 60 "$LOG_FILE" >&2 || true
  stop_pid "$pid"
  return 1
}

start() {
  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid)"
    wait_ready "$pid" && init
    return
  fi
  rm -f "$PID_FILE"
  if port_open "$NACOS_PORT" || port_open "$GRPC_PORT"; then
    log "port $NACOS_PORT or $GRPC_PORT is already in use by another process (not $PID_FILE); not starting"
    return 1
  fi
  command -v "$JAVA_BIN" >/dev/null || { log "java not found (JAVA_HOME=${JAVA_HOME:-})"; return 1; }
  if needs_build; then build; fi
  export_keys

  mkdir -p "$LOG_DIR" "$NACOS_HOME"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  # shellcheck disable=SC2086 # word splitting of the option strings is intended
  (
    cd "$NACOS_HOME"
    exec nohup "$JAVA_BIN" ${NACOS_JAVA_OPTS:-$DEFAULT_JAVA_OPTS} ${JAVA_OPTS:-} \
      -Dnacos.home="$NACOS_HOME" -Dnacos.server.main.port="$NACOS_PORT" \
      -jar "$JAR"
  ) >"$LOG_FILE" 2>&1 </dev/null &
  # the subshell exec's into java, so $! is the java pid itself
  pid=$!
  echo "$pid" > "$PID_FILE"
  log "started pid $pid, log $LOG_FILE; waiting up to ${START_TIMEOUT}s"
  wait_ready "$pid" && init
}

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still alive after 30s, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PID_FILE"
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    log "stopping pid $pid"
    stop_pid "$pid"
    log "stopped"
  else
    rm -f "$PID_FILE"
    log "not running"
  fi
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if ready; then
      echo "running (pid $pid), ready on port $NACOS_PORT, gRPC $GRPC_PORT"
      return 0
    fi
    echo "running (pid $pid), not ready yet"
    return 1
  fi
  echo "stopped"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  token) init token ;;
  *) echo "usage: $0 {start|stop|restart|status|token}" >&2; exit 2 ;;
esac
