#!/usr/bin/env bash
# Demo mode: fills a running Dousheng with a few users, short videos made on the spot, follows (some mutual, so
# the friend list and chat have something to show), likes, comments and chat messages, all through the public
# gateway API as the phone would. Then it prints what it made and how to point the phone at it.
#
#   bash deploy/demo.sh [GATEWAY_URL]      default: $DOUSHENG_GATEWAY_URL, else http://127.0.0.1:8080
#
# Safe to run again: existing demo users log in instead of registering, videos, comments and messages that are
# already there are not added twice, and follows and likes are idempotent in the API.
# Needs curl, jq and ffmpeg with libx264; jq and ffmpeg are installed with apt-get when missing (as root).
# Environment: DEMO_PASSWORD (password of the demo users, default dousheng-demo), DEMO_WORK_DIR (where the
# videos are made, default a temporary directory that is removed at the end).
set -euo pipefail

GATEWAY="${1:-${DOUSHENG_GATEWAY_URL:-http://127.0.0.1:8080}}"
GATEWAY="${GATEWAY%/}"
PASSWORD="${DEMO_PASSWORD:-dousheng-demo}"
USERS=(demo_alice demo_bob demo_carol demo_dave)

log() { echo "[demo] $*" >&2; }
die() { echo "[demo] ERROR: $*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------------------------------------------

apt_install() {
  local package=$1
  command -v apt-get >/dev/null || return 1
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || return 1
    sudo=(sudo)
  fi
  log "installing $package with apt-get"
  "${sudo[@]}" apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$package" >/dev/null
}

need() {
  local command=$1 package=$2 why=$3
  command -v "$command" >/dev/null && return 0
  apt_install "$package" && command -v "$command" >/dev/null && return 0
  die "'$command' is needed $why but is not installed and could not be installed with apt-get here; install the package '$package' and run again"
}

ensure_tools() {
  need curl curl "to talk to the gateway"
  need jq jq "to read the API's JSON answers"
  need ffmpeg ffmpeg "to make the demo videos"
  # (not "| grep -q": with pipefail, grep quitting early would fail the pipe)
  [[ "$(ffmpeg -hide_banner -encoders 2>/dev/null)" == *libx264* ]] ||
    die "this ffmpeg has no libx264 encoder, which the demo videos (H.264 MP4) need; install an ffmpeg built with it"
}

# --- the API ---------------------------------------------------------------------------------------------------

# call METHOD PATH [name=value ...]: parameters go in the query string (as the client sends them, POST included);
# prints the JSON answer; stops on a transport error or an answer that is not JSON.
call() {
  local method=$1 path=$2 body param
  shift 2
  local args=()
  for param in "$@"; do args+=(--data-urlencode "$param"); done
  if ! body="$(curl -sS --noproxy '*' -m 60 -G -X "$method" "${args[@]}" "$GATEWAY$path")"; then
    die "$method $path failed: is the gateway at $GATEWAY up?"
  fi
  jq -e 'type == "object"' >/dev/null 2>&1 <<<"$body" || die "$method $path answered something that is not JSON: ${body:0:300}"
  printf '%s' "$body"
}

# must_succeed ANSWER WHAT: stops unless status_code is 0
must_succeed() {
  jq -e '.status_code == 0' >/dev/null <<<"$1" ||
    die "$2 failed: status_code $(jq -r '.status_code' <<<"$1"), $(jq -r '.status_msg' <<<"$1")"
}

# act WHAT METHOD PATH [name=value ...]: a call that must succeed
act() {
  local what=$1 answer
  shift
  answer="$(call "$@")"
  must_succeed "$answer" "$what"
}

# the demo videos' ids as a JSON array, for jq
demo_ids() { printf '%s\n' "${VIDEO_ID[@]}" | jq -s '.'; }

declare -A TOKEN ID

sign_in() {
  local name=$1 answer
  answer="$(call POST /douyin/user/register/ "username=$name" "password=$PASSWORD")"
  if jq -e '.status_code == 0' >/dev/null <<<"$answer"; then
    log "registered $name"
  else
    answer="$(call POST /douyin/user/login/ "username=$name" "password=$PASSWORD")"
    jq -e '.status_code == 0' >/dev/null <<<"$answer" ||
      die "$name exists but does not accept the demo password (DEMO_PASSWORD): $(jq -r '.status_msg' <<<"$answer")"
    log "$name already existed: logged in"
  fi
  TOKEN[$name]="$(jq -r '.token' <<<"$answer")"
  ID[$name]="$(jq -r '.user_id' <<<"$answer")"
}

# --- the videos ------------------------------------------------------------------------------------------------

# owner|file name|ffmpeg lavfi source|title
VIDEOS=(
  "demo_alice|testsrc|testsrc=size=360x640:rate=25|测试图 Test pattern #dousheng"
  "demo_alice|mandelbrot|mandelbrot=size=360x640:rate=25|曼德博集合 Mandelbrot zoom"
  "demo_bob|smptebars|smptebars=size=360x640:rate=25|彩条 SMPTE colour bars"
  "demo_carol|life|life=size=360x640:rate=25:mold=10:ratio=0.1:death_color=#1e3250:life_color=#ffcc00|生命游戏 Game of Life"
  "demo_dave|testsrc2|testsrc2=size=360x640:rate=25|彩色测试图 testsrc2"
)

make_video() {
  local file=$1 source=$2
  # 3 s, H.264 Main profile (decodable by every phone and by video-service's pure-Java cover grabber),
  # yuv420p, index at the front so that playback starts before the download ends
  ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "$source" -t 3 \
    -c:v libx264 -profile:v main -pix_fmt yuv420p -movflags +faststart "$file" ||
    die "ffmpeg could not make $file from '$source'"
}

publish_list() { call GET /douyin/publish/list/ "user_id=${ID[$1]}" "token=${TOKEN[$1]}"; }

upload_videos() {
  local entry owner name source title list answer file
  for entry in "${VIDEOS[@]}"; do
    IFS='|' read -r owner name source title <<<"$entry"
    list="$(publish_list "$owner")"
    must_succeed "$list" "listing the videos of $owner"
    if jq -e --arg t "$title" 'any(.video_list[]; .title == $t)' >/dev/null <<<"$list"; then
      log "$owner already published \"$title\""
      continue
    fi
    file="$WORK_DIR/$name.mp4"
    make_video "$file" "$source"
    if ! answer="$(curl -sS --noproxy '*' -m 120 -X POST "$GATEWAY/douyin/publish/action/" \
        -F "data=@$file;type=video/mp4" -F "token=${TOKEN[$owner]}" --form-string "title=$title")"; then
      die "uploading $file failed: is the gateway at $GATEWAY up?"
    fi
    must_succeed "$answer" "uploading \"$title\" as $owner"
    log "$owner published \"$title\" ($(stat -c %s "$file") bytes)"
  done
}

declare -A VIDEO_ID

find_video_ids() {
  local entry owner name source title list id
  for entry in "${VIDEOS[@]}"; do
    IFS='|' read -r owner name source title <<<"$entry"
    list="$(publish_list "$owner")"
    id="$(jq -r --arg t "$title" '[.video_list[] | select(.title == $t) | .id][0] // empty' <<<"$list")"
    [[ -n "$id" ]] || die "\"$title\" is not in the publish list of $owner after its upload"
    VIDEO_ID[$name]="$id"
  done
}

# --- follows, likes, comments, chat ----------------------------------------------------------------------------

# follower -> followee; both directions make friends (alice-bob, alice-carol, carol-dave)
FOLLOWS=(
  "demo_alice demo_bob" "demo_bob demo_alice"
  "demo_alice demo_carol" "demo_carol demo_alice"
  "demo_carol demo_dave" "demo_dave demo_carol"
  "demo_bob demo_carol" "demo_dave demo_alice" "demo_dave demo_bob"
)

# user -> video (by file name)
LIKES=(
  "demo_bob testsrc" "demo_carol testsrc" "demo_dave testsrc"
  "demo_alice smptebars" "demo_carol smptebars"
  "demo_alice life" "demo_bob mandelbrot" "demo_dave life" "demo_alice testsrc2"
)

# user|video|text
COMMENTS=(
  "demo_bob|testsrc|第一！First!"
  "demo_carol|testsrc|好清晰的测试图 so crisp"
  "demo_alice|smptebars|经典彩条 Classic bars"
  "demo_dave|life|Conway would be proud"
  "demo_alice|life|看了好几遍 Watched it three times"
)

# from|to|text, in the order they are sent
MESSAGES=(
  "demo_alice|demo_bob|Hi Bob, welcome to Dousheng!"
  "demo_bob|demo_alice|Thanks Alice, nice videos 👍"
  "demo_alice|demo_bob|Post one of yours too?"
  "demo_carol|demo_alice|你好 Alice，周末一起拍视频？"
  "demo_dave|demo_carol|Carol, the Game of Life clip is great"
)

follow_all() {
  local pair from to
  for pair in "${FOLLOWS[@]}"; do
    read -r from to <<<"$pair"
    act "$from following $to" POST /douyin/relation/action/ "token=${TOKEN[$from]}" "to_user_id=${ID[$to]}" action_type=1
  done
  log "${#FOLLOWS[@]} follows in place (3 mutual pairs: friends)"
}

like_all() {
  local pair user video
  for pair in "${LIKES[@]}"; do
    read -r user video <<<"$pair"
    act "$user liking $video" POST /douyin/favorite/action/ "token=${TOKEN[$user]}" "video_id=${VIDEO_ID[$video]}" action_type=1
  done
  log "${#LIKES[@]} likes in place"
}

comment_all() {
  local entry user video text list added=0
  for entry in "${COMMENTS[@]}"; do
    IFS='|' read -r user video text <<<"$entry"
    list="$(call GET /douyin/comment/list/ "token=${TOKEN[$user]}" "video_id=${VIDEO_ID[$video]}")"
    must_succeed "$list" "listing the comments of $video"
    if jq -e --arg t "$text" --argjson u "${ID[$user]}" 'any(.comment_list[]; .user.id == $u and .content == $t)' \
        >/dev/null <<<"$list"; then
      continue
    fi
    act "$user commenting on $video" POST /douyin/comment/action/ "token=${TOKEN[$user]}" \
      "video_id=${VIDEO_ID[$video]}" action_type=1 "comment_text=$text"
    added=$((added + 1))
  done
  log "comments: $added added, $(( ${#COMMENTS[@]} - added )) were already there"
}

message_all() {
  local entry from to text chat added=0
  for entry in "${MESSAGES[@]}"; do
    IFS='|' read -r from to text <<<"$entry"
    chat="$(call GET /douyin/message/chat/ "token=${TOKEN[$from]}" "to_user_id=${ID[$to]}" pre_msg_time=0)"
    must_succeed "$chat" "reading the chat of $from with $to"
    if jq -e --arg t "$text" --argjson u "${ID[$from]}" 'any(.message_list[]; .from_user_id == $u and .content == $t)' \
        >/dev/null <<<"$chat"; then
      continue
    fi
    act "$from writing to $to" POST /douyin/message/action/ "token=${TOKEN[$from]}" "to_user_id=${ID[$to]}" \
      action_type=1 "content=$text"
    added=$((added + 1))
  done
  log "chat messages: $added sent, $(( ${#MESSAGES[@]} - added )) were already there"
}

# --- what the phone will see -----------------------------------------------------------------------------------

check_feed() {
  local feed ids count url downloaded
  feed="$(call GET /douyin/feed/ "token=${TOKEN[demo_dave]}")"
  must_succeed "$feed" "reading the feed"
  ids="$(demo_ids)"
  count="$(jq --argjson ids "$ids" '[.video_list[] | select(.id as $i | any($ids[]; . == $i))] | length' <<<"$feed")"
  # the feed shows the newest 30; on a busy system older demo videos can be further down
  log "the feed's first page shows $count of the ${#VIDEO_ID[@]} demo videos"
  (( count > 0 )) || die "none of the demo videos is in the feed"
  url="$(jq -r --argjson ids "$ids" '[.video_list[] | select(.id as $i | any($ids[]; . == $i)) | .play_url][0]' <<<"$feed")"
  downloaded="$(curl -sS --noproxy '*' -m 60 -o /dev/null -w '%{http_code} %{size_download} %{content_type}' "$url")" ||
    die "downloading $url failed"
  [[ "$downloaded" == 200\ * ]] || die "downloading $url answered $downloaded"
  log "play_url works: $url -> HTTP ${downloaded%% *}, ${downloaded#* } (bytes, type)"
}

summary() {
  local name user counts feed ids lan port
  echo
  echo "Dousheng demo data at $GATEWAY"
  echo
  printf '  %-12s %-8s %-15s %s\n' user id password "follows / followers / videos / likes received"
  for name in "${USERS[@]}"; do
    user="$(call GET /douyin/user/ "user_id=${ID[$name]}" "token=${TOKEN[$name]}")"
    must_succeed "$user" "reading the profile of $name"
    counts="$(jq -r '.user | "\(.follow_count) / \(.follower_count) / \(.work_count) / \(.total_favorited)"' <<<"$user")"
    printf '  %-12s %-8s %-15s %s\n' "$name" "${ID[$name]}" "$PASSWORD" "$counts"
  done
  echo
  echo "  videos (newest first in the feed):"
  feed="$(call GET /douyin/feed/)"
  ids="$(demo_ids)"
  jq -r --argjson ids "$ids" \
    '.video_list[] | select(.id as $i | any($ids[]; . == $i))
     | "    #\(.id) \(.title)  by \(.author.name), \(.favorite_count) likes, \(.comment_count) comments\n      \(.play_url)"' \
    <<<"$feed"
  echo
  echo "  friends (mutual follows, shown on the 消息 tab with the last message): alice-bob, alice-carol, carol-dave"
  echo
  lan="$(hostname -I 2>/dev/null | awk '{ print $1 }')"
  lan="${lan:-<LAN address of this machine>}"
  port=80
  [[ "$GATEWAY" =~ ^https?://[^/]+:([0-9]+)$ ]] && port="${BASH_REMATCH[1]}"
  [[ "$GATEWAY" == https://* && "$port" == 80 ]] && port=443
  echo "Point the phone at it: the phone must reach the gateway, so use this machine's LAN address, not 127.0.0.1."
  echo "In the app double-tap \"我\" (bottom right), enter http://$lan:$port/"
  echo "and log in as demo_alice / $PASSWORD. Media URLs follow the address the phone used (behind a proxy or NAT"
  echo "set DOUSHENG_PUBLIC_BASE_URL instead)."
}

main() {
  ensure_tools
  if [[ -n "${DEMO_WORK_DIR:-}" ]]; then
    WORK_DIR="$DEMO_WORK_DIR"
    mkdir -p "$WORK_DIR"
  else
    WORK_DIR="$(mktemp -d -t dousheng-demo.XXXXXX)"
    trap 'rm -rf "$WORK_DIR"' EXIT
  fi
  log "filling the Dousheng at $GATEWAY"
  act "reading the feed (is every service up?)" GET /douyin/feed/
  local name
  for name in "${USERS[@]}"; do sign_in "$name"; done
  upload_videos
  find_video_ids
  follow_all
  like_all
  comment_all
  message_all
  check_feed
  summary
}

main
