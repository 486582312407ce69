#!/usr/bin/env bash
# Benchmark of the public API through the gateway, the way the client loads it: the hot reads (feed, profile,
# comment list, chat poll, follower list) and one write (like/unlike), each for a fixed time with wrk, plus the
# resident memory of every JVM of the suite. Run it against a running suite (bash deploy/run.sh start); it seeds
# data with deploy/demo.sh first. Figures go to stdout as a Markdown table.
#
#   bash deploy/bench.sh [seconds-per-endpoint] [connections]     defaults: 15 and 16
# Environment: DOUSHENG_GATEWAY_URL (http://127.0.0.1:8080). Needs wrk, curl and jq (installed with apt-get).
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GATEWAY="${DOUSHENG_GATEWAY_URL:-http://127.0.0.1:8080}"
DURATION="${1:-15}"
CONNECTIONS="${2:-16}"

log() { echo "[bench] $*" >&2; }
for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { log "installing $tool"; apt-get update -qq >/dev/null; apt-get install -y -qq "$tool" >/dev/null; }
done

log "seeding with deploy/demo.sh"
bash "$DEPLOY_DIR/demo.sh" "$GATEWAY" >/dev/null

login() {
  curl -sf -X POST "$GATEWAY/douyin/user/login/?username=$1&password=${DEMO_PASSWORD:-dousheng-demo}" | jq -r .token
}
ALICE_TOKEN="$(login demo_alice)"
ALICE_ID="$(curl -sf "$GATEWAY/douyin/user/?token=$ALICE_TOKEN" | jq .user.id)"
BOB_TOKEN="$(login demo_bob)"
BOB_ID="$(curl -sf "$GATEWAY/douyin/user/?token=$BOB_TOKEN" | jq .user.id)"
VIDEO_ID="$(curl -sf "$GATEWAY/douyin/feed/" | jq '.video_list[0].id')"
[[ "$VIDEO_ID" != null ]] || { log "the feed is empty: seeding failed"; exit 1; }

# like then unlike, alternately: a write path through interaction-service and video-service
LIKE_SCRIPT="$(mktemp --suffix=.lua)"
trap 'rm -f "$LIKE_SCRIPT"' EXIT
cat > "$LIKE_SCRIPT" <<LUA
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/douyin/favorite/action/?token=$BOB_TOKEN&video_id=$VIDEO_ID&action_type=" .. (n % 2 + 1))
end
LUA

ENDPOINTS=(
  "feed, anonymous|/douyin/feed/"
  "feed, logged in|/douyin/feed/?token=$ALICE_TOKEN"
  "user info|/douyin/user/?user_id=$BOB_ID&token=$ALICE_TOKEN"
  "comment list|/douyin/comment/list/?video_id=$VIDEO_ID&token=$ALICE_TOKEN"
  "follower list|/douyin/relation/follower/list/?user_id=$ALICE_ID&token=$BOB_TOKEN"
  "chat poll|/douyin/message/chat/?to_user_id=$BOB_ID&pre_msg_time=0&token=$ALICE_TOKEN"
  "like/unlike (write)|LUA"
)

# every answer must be a success, or the figures would measure error paths
for entry in "${ENDPOINTS[@]}"; do
  path="${entry#*|}"
  [[ "$path" == LUA ]] && continue
  code="$(curl -sf "$GATEWAY$path" | jq .status_code)"
  [[ "$code" == 0 ]] || { log "${entry%%|*} answers status_code $code"; exit 1; }
done

log "warming up the JVMs"
for entry in "${ENDPOINTS[@]}"; do
  path="${entry#*|}"
  [[ "$path" == LUA ]] && continue
  wrk -t2 -c8 -d5s "$GATEWAY$path" >/dev/null
done

echo
echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s per endpoint, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| endpoint | requests/s | p50 | p90 | p99 | errors |"
echo "|---|---|---|---|---|---|"
for entry in "${ENDPOINTS[@]}"; do
  name="${entry%%|*}"
  path="${entry#*|}"
  if [[ "$path" == LUA ]]; then
    out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LIKE_SCRIPT" "$GATEWAY")"
  else
    out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$GATEWAY$path")"
  fi
  rps="$(awk '/Requests\/sec/ {print $2}' <<< "$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<< "$out")"
  p90="$(awk '$1 == "90%" {print $2}' <<< "$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<< "$out")"
  errors="$(awk '/Non-2xx|Socket errors/ {print}' <<< "$out" | tr '\n' ' ')"
  echo "| $name | $rps | $p50 | $p90 | $p99 | ${errors:-0} |"
done
echo
echo "Resident memory of the suite's JVMs:"
echo
echo "| process | RSS MB |"
echo "|---|---|"
total=0
for pid in $(pgrep -f -- '-jar .*(-service-[^ ]*|gateway-[^ ]*|nacos-server-launcher)\.jar' || true); do
  name="$(tr '\0' ' ' < "/proc/$pid/cmdline" | grep -oE '[^ /]+\.jar' | head -n 1 || true)"
  [[ -n "$name" ]] || continue
  rss="$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")"
  total=$((total + rss))
  echo "| ${name%.jar} | $rss |"
done
echo "| total | $total |"
