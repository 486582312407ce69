#!/usr/bin/env bash
# Starts and stops the whole Dousheng suite on this machine: Nacos, the five services and the gateway, against
# the local MariaDB and Redis. No Docker needed.
#
#   bash deploy/run.sh start     build what changed, start everything, wait until all is healthy and registered
#   bash deploy/run.sh stop      stop every process this script started (services, gateway, Nacos)
#   bash deploy/run.sh status    one line per process
#
# Environment (all optional):
#   DOUSHENG_INSTANCES   extra instances, e.g. "video-service=2 user-service=2"; instance N listens on the
#                        service's port + 100*(N-1) (management port likewise)
#   DOUSHENG_JWT_SECRET  token signing key; when unset one is generated once into .run/jwt-secret
#   NACOS_USERNAME/NACOS_PASSWORD  the applications' Nacos user (dousheng, password generated into
#                        .run/nacos-password); Nacos's own settings: deploy/nacos.sh
#   DOUSHENG_MANAGEMENT_ADDRESS  address of every management port (127.0.0.1)
#   DOUSHENG_PUBLIC_BASE_URL  fixed base of play/cover/avatar URLs (default: the host the client used)
#   DOUSHENG_DB_HOST/PORT/USER/PASSWORD, DOUSHENG_REDIS_HOST/PORT/PASSWORD/DATABASE  (127.0.0.1, root, no password)
#   DOUSHENG_DB_SUFFIX   appended to every database name (e.g. _e2e), to keep a test run's data apart
#   DOUSHENG_MEDIA_DIR   where uploaded videos and covers live (.run/media; a relative path is from the repository root)
#   DOUSHENG_JAVA_OPTS   JVM flags of every service and the gateway, replacing the defaults below
#   <PREFIX>_JAVA_OPTS   JVM flags of one application, e.g. GATEWAY_JAVA_OPTS, VIDEO_SERVICE_JAVA_OPTS
#   DOUSHENG_SKIP_BUILD=1  use the jars as they are
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$DEPLOY_DIR")"
RUN_DIR="$ROOT_DIR/.run"
LOG_DIR="$RUN_DIR/logs"
# shellcheck source=deploy/secrets.sh
source "$DEPLOY_DIR/secrets.sh"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# JVM flags by measurement (docs/benchmark.md, "JVM flags"): small explicit heaps and the serial collector on two
# shared cores, and the JVMs' default tiered compilation (C2): once the feed is served from memory and Redis, the
# composing services' own code is what a read costs, and C1-only code served it at less than half the rate.
# glibc's malloc keeps one arena per thread that allocates natively; two are enough here and hold far less memory.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
JAVA_OPTS_COMMON="-XX:MaxMetaspaceSize=160m -XX:+UseSerialGC -Xss512k -XX:CICompilerCount=2 -Djava.awt.headless=true -Dfile.encoding=UTF-8"
# glibc keeps what C2 and the start-up freed resident (System.trim_native_heap gave back 30 MB of one service's
# 300 after a load); a JVM that can (17.0.9 and later) gives it back every 10 s
JAVA_OPTS_TRIM="-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=10000"
if "$JAVA_BIN" $JAVA_OPTS_TRIM -version >/dev/null 2>&1; then
  JAVA_OPTS_COMMON="$JAVA_OPTS_COMMON $JAVA_OPTS_TRIM"
fi
# the gateway allocates fast and keeps little: a fixed heap with a large young generation collects less often
JAVA_OPTS_GATEWAY="-Xms192m -Xmx192m -Xmn128m -XX:ReservedCodeCacheSize=96m $JAVA_OPTS_COMMON"
# a service keeps 60-70 MB live (its near cache included); the serial collector grew the old generation towards any
# maximum with garbage between full collections (163 MB of 192 committed after the bench's load), so the cap is lower
JAVA_OPTS_SERVICE="-Xms64m -Xmx160m -XX:ReservedCodeCacheSize=48m $JAVA_OPTS_COMMON"
START_TIMEOUT="${DOUSHENG_START_TIMEOUT:-240}"

# name:port:management-port:env-prefix — services first, the gateway last
APPS=(
  "user-service:8081:9081:USER_SERVICE"
  "video-service:8082:9082:VIDEO_SERVICE"
  "interaction-service:8083:9083:INTERACTION_SERVICE"
  "relation-service:8084:9084:RELATION_SERVICE"
  "message-service:8085:9085:MESSAGE_SERVICE"
  "gateway:8080:9080:GATEWAY"
)

log() { echo "[run] $*" >&2; }

instances_of() {
  local name=$1 spec
  for spec in ${DOUSHENG_INSTANCES:-}; do
    [[ "${spec%%=*}" == "$name" ]] && { echo "${spec#*=}"; return; }
  done
  echo 1
}

# java_opts NAME PREFIX: the application's own variable, else DOUSHENG_JAVA_OPTS, else the default above
java_opts() {
  local own="${2}_JAVA_OPTS"
  if [[ -n "${!own:-}" ]]; then echo "${!own}"
  elif [[ -n "${DOUSHENG_JAVA_OPTS:-}" ]]; then echo "$DOUSHENG_JAVA_OPTS"
  elif [[ "$1" == gateway ]]; then echo "$JAVA_OPTS_GATEWAY"
  else echo "$JAVA_OPTS_SERVICE"
  fi
}

prefix_of() {
  local entry
  for entry in "${APPS[@]}"; do
    [[ "${entry%%:*}" == "$1" ]] && { echo "${entry##*:}"; return; }
  done
  return 1
}

jar_of() { ls "$ROOT_DIR/$1"/target/"$1"-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1; }

pid_file() { echo "$RUN_DIR/$1-$2.pid"; }

running_pid() {
  local file pid
  file="$(pid_file "$1" "$2")"
  [[ -f "$file" ]] || return 1
  pid="$(tr -dc '0-9' < "$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$1" || return 1
  echo "$pid"
}

needs_build() {
  [[ "${DOUSHENG_SKIP_BUILD:-0}" == 1 ]] && return 1
  local entry name jar
  for entry in "${APPS[@]}"; do
    name="${entry%%:*}"
    jar="$(jar_of "$name")"
    [[ -n "$jar" ]] || return 0
    [[ -n "$(find "$ROOT_DIR/$name/src" "$ROOT_DIR/$name/pom.xml" "$ROOT_DIR/common/src" "$ROOT_DIR/pom.xml" \
      -newer "$jar" -type f -print -quit)" ]] && return 0
  done
  return 1
}

build() {
  log "building the services (./mvnw package -DskipTests)"
  (cd "$ROOT_DIR" && ./mvnw -q -B -DskipTests -Dmaven.jar.forceCreation=true package -pl common,gateway,user-service,video-service,interaction-service,relation-service,message-service)
}


# DOUSHENG_MEDIA_DIR, a relative one taken from the repository root
media_dir() {
  local dir="${DOUSHENG_MEDIA_DIR:-$RUN_DIR/media}"
  [[ "$dir" == /* ]] || dir="$ROOT_DIR/$dir"
  echo "$dir"
}

start_app() {
  local name=$1 port=$2 mgmt=$3 prefix=$4 n=$5 pid jar db
  if pid="$(running_pid "$name" "$n")"; then
    log "$name#$n already running (pid $pid)"
    return 0
  fi
  jar="$(jar_of "$name")"
  [[ -n "$jar" ]] || { log "no jar for $name: build first"; return 1; }
  db="dousheng_${name%-service}${DOUSHENG_DB_SUFFIX:-}"
  local log_file="$LOG_DIR/$name-$n.log"
  [[ -f "$log_file" ]] && mv -f "$log_file" "$log_file.1"
  # shellcheck disable=SC2086
  env "${prefix}_PORT=$port" "${prefix}_MANAGEMENT_PORT=$mgmt" \
      "${prefix%_SERVICE}_DB_NAME=$db" \
      DOUSHENG_JWT_SECRET="$SECRET" \
      DOUSHENG_MEDIA_DIR="$(media_dir)" \
      nohup "$JAVA_BIN" $(java_opts "$name" "$prefix") -jar "$jar" > "$log_file" 2>&1 &
  echo $! > "$(pid_file "$name" "$n")"
  log "started $name#$n on port $port (management $mgmt, pid $!, log ${log_file#"$ROOT_DIR"/})"
}

healthy() { curl -sf --noproxy '*' -m 3 "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }

registered() {
  curl -sf --noproxy '*' -m 3 -H "Authorization: Bearer $NACOS_TOKEN" \
    "http://127.0.0.1:${NACOS_PORT:-8848}/nacos/v1/ns/instance/list?serviceName=$1" 2>/dev/null \
    | grep -q "\"port\":$2"
}

wait_ready() {
  local name=$1 port=$2 mgmt=$3 n=$4 deadline=$((SECONDS + START_TIMEOUT))
  until healthy "$mgmt" && registered "$name" "$port"; do
    if ! running_pid "$name" "$n" >/dev/null; then
      log "$name#$n exited during start-up; last log lines:"
      tail -n 40 "$LOG_DIR/$name-$n.log" >&2 || true
      return 1
    fi
    if (( SECONDS > deadline )); then
      log "$name#$n not healthy after ${START_TIMEOUT}s; last log lines:"
      tail -n 40 "$LOG_DIR/$name-$n.log" >&2 || true
      return 1
    fi
    sleep 2
  done
  log "$name#$n is healthy and registered in Nacos"
}

for_each_instance() {
  local action=$1 entry name port mgmt prefix count n
  for entry in "${APPS[@]}"; do
    IFS=: read -r name port mgmt prefix <<< "$entry"
    [[ -n "${ONLY:-}" && "$ONLY" != "$name" ]] && continue
    count="$(instances_of "$name")"
    for n in $(seq 1 "$count"); do
      "$action" "$name" $((port + 100 * (n - 1))) $((mgmt + 100 * (n - 1))) "$prefix" "$n"
    done
  done
}

start_one() { start_app "$@"; }
wait_one() { wait_ready "$1" "$2" "$3" "$5"; }

status_one() {
  local name=$1 port=$2 mgmt=$3 n=$5 pid state=stopped
  if pid="$(running_pid "$name" "$n")"; then
    state="running pid $pid"
    healthy "$mgmt" && state="$state, healthy"
  fi
  printf '%-22s port %-5s %s\n' "$name#$n" "$port" "$state"
}

in_stage() { if [[ "$2" == gateway ]]; then [[ "$1" == gateway ]]; else [[ "$1" == services ]]; fi; }

stop_all() {
  local i name file n pid pids=()
  # the gateway first, so that no request reaches a stopping service; then every service at once, since each
  # spends a few seconds draining after it left Nacos
  for stage in gateway services; do
    pids=()
    for (( i=${#APPS[@]}-1; i>=0; i-- )); do
      name="${APPS[$i]%%:*}"
      in_stage "$stage" "$name" || continue
      for file in "$RUN_DIR/$name"-*.pid; do
        [[ -e "$file" ]] || continue
        n="${file##*-}"
        n="${n%.pid}"
        if pid="$(running_pid "$name" "$n")"; then
          kill "$pid" 2>/dev/null || true
          pids+=("$pid:$name#$n")
        fi
        rm -f "$file"
      done
    done
    for entry in "${pids[@]}"; do
      pid="${entry%%:*}"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      log "stopped ${entry#*:}"
    done
  done
  bash "$DEPLOY_DIR/nacos.sh" stop
}

case "${1:-}" in
  start)
    mkdir -p "$LOG_DIR"
    bash "$DEPLOY_DIR/infra.sh" ensure
    if needs_build; then build; fi
    SECRET="$(secret DOUSHENG_JWT_SECRET jwt-secret)"
    bash "$DEPLOY_DIR/nacos.sh" start
    # the applications log in to Nacos with these (environment, not command line: ps shows no secret)
    NACOS_USERNAME="${NACOS_USERNAME:-dousheng}"
    NACOS_PASSWORD="$(secret NACOS_PASSWORD nacos-password)"
    export NACOS_USERNAME NACOS_PASSWORD
    NACOS_TOKEN="$(bash "$DEPLOY_DIR/nacos.sh" token)"
    # the services start side by side; the gateway once they answer
    for stage in services gateway; do
      for entry in "${APPS[@]}"; do
        name="${entry%%:*}"
        in_stage "$stage" "$name" || continue
        ONLY="$name" for_each_instance start_one
      done
      for entry in "${APPS[@]}"; do
        name="${entry%%:*}"
        in_stage "$stage" "$name" || continue
        ONLY="$name" for_each_instance wait_one
      done
    done
    log "Dousheng is up: http://127.0.0.1:8080/douyin/feed/ (stop with: bash deploy/run.sh stop)"
    ;;
  stop)
    stop_all
    ;;
  java-opts)
    # the flags an application gets, e.g. for deploy/bench.sh's second gateway
    prefix="$(prefix_of "${2:-}")" || { echo "usage: $0 java-opts APPLICATION" >&2; exit 2; }
    java_opts "$2" "$prefix"
    ;;
  status)
    for_each_instance status_one
    if bash "$DEPLOY_DIR/nacos.sh" status >/dev/null 2>&1; then echo "nacos                  running"; else echo "nacos                  not running"; fi
    ;;
  *)
    echo "usage: $0 start|stop|status|java-opts APPLICATION" >&2
    exit 2
    ;;
esac
