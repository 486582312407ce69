#!/usr/bin/env bash
# Makes a Nacos 3 server with authentication on ready for Dousheng, through its HTTP API; idempotent, run at every
# start: by deploy/nacos.sh for the local server, by the compose file's nacos-init container for the image.
#
#   bash deploy/nacos-init.sh [init]   the admin "nacos" (given NACOS_ADMIN_PASSWORD on a server that has no admin
#                                      yet; later only logged in with), the applications' user NACOS_USERNAME with
#                                      NACOS_PASSWORD (made anew when its password changed) in role dousheng-app,
#                                      which (in the public namespace) may register and discover services and
#                                      read configuration, not change it
#                                      may register and discover services and read configuration; then the
#                                      configuration: every NACOS_CONFIG_DIR/*.yaml that Nacos does not hold yet is
#                                      published as the data id of its file name (group DEFAULT_GROUP)
#   bash deploy/nacos-init.sh token    print an access token of the applications' user
#
# Environment: NACOS_URL (http://127.0.0.1:8848/nacos), NACOS_ADMIN_PASSWORD and NACOS_PASSWORD (required for init),
# NACOS_USERNAME (dousheng), NACOS_CONFIG_DIR (deploy/nacos-config beside this script).
set -euo pipefail

NACOS_URL="${NACOS_URL:-http://127.0.0.1:8848/nacos}"
NACOS_USERNAME="${NACOS_USERNAME:-dousheng}"
NACOS_CONFIG_DIR="${NACOS_CONFIG_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/nacos-config}"
APP_ROLE="dousheng-app"
GROUP="DEFAULT_GROUP"

log() { echo "[nacos-init] $*" >&2; }

# POST/PUT/DELETE to the Nacos API: api METHOD PATH TOKEN [curl data args...]; prints the body, fails on no answer.
# Secrets go in the request body (from stdin), never on a command line.
api() {
  local method=$1 path=$2 token=$3
  shift 3
  curl -s --noproxy '*' -m 10 -X "$method" ${token:+-H "Authorization: Bearer $token"} "$@" "$NACOS_URL$path"
}

# login USER PASSWORD: prints the access token, or nothing
login() {
  printf '%s' "$2" | api POST /v3/auth/user/login "" --data-urlencode "username=$1" --data-urlencode "password@-" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}

# login_waiting USER PASSWORD: as login, waiting out Nacos's user cache (refreshed every 15 s) after a change
login_waiting() {
  local token deadline=$((SECONDS + 40))
  until token="$(login "$1" "$2")" && [[ -n "$token" ]]; do
    (( SECONDS < deadline )) || return 1
    sleep 2
  done
  echo "$token"
}

# the admin (created on the first initialisation of this server) and the applications' user, with its password of now
ensure_users() {
  local admin_password=$NACOS_ADMIN_PASSWORD app_user=$NACOS_USERNAME app_password=$NACOS_PASSWORD
  local token deadline=$((SECONDS + 40))
  # answers 409 once an admin exists: then the password below must be the one it was given
  printf '%s' "$admin_password" | api POST /v3/auth/user/admin "" --data-urlencode "password@-" >/dev/null
  if ! token="$(login_waiting nacos "$admin_password")"; then
    log "cannot log in as the Nacos admin: NACOS_ADMIN_PASSWORD (or .run/nacos-admin-password) is not the password"
    log "this Nacos was first initialised with (the first start of its data directory, NACOS_HOME or volume)"
    return 1
  fi
  # missing, or there with another password: made anew (Nacos 3.1 refuses even the admin a PUT of a password)
  if [[ -z "$(login "$app_user" "$app_password")" ]]; then
    log "creating the Nacos user $app_user"
    api DELETE "/v3/auth/user?username=$app_user" "$token" >/dev/null
    printf '%s' "$app_password" | api POST /v3/auth/user "$token" --data-urlencode "username=$app_user" \
      --data-urlencode "password@-" >/dev/null
  fi
  # these answer an error when the binding or permission exists already, which is what we want
  api POST /v3/auth/role "$token" --data-urlencode "role=$APP_ROLE" --data-urlencode "username=$app_user" >/dev/null
  api POST /v3/auth/permission "$token" --data-urlencode "role=$APP_ROLE" \
    --data-urlencode "resource=public:*:naming/*" --data-urlencode "action=rw" >/dev/null
  api POST /v3/auth/permission "$token" --data-urlencode "role=$APP_ROLE" \
    --data-urlencode "resource=public:*:config/*" --data-urlencode "action=r" >/dev/null
  seed "$token"
  # the applications start next: wait until Nacos's caches know the user, its role and its permission
  until token="$(login "$app_user" "$app_password")" && [[ -n "$token" ]] \
      && [[ "$(curl -s --noproxy '*' -m 3 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
        "$NACOS_URL/v1/ns/instance/list?serviceName=probe")" == 200 ]]; do
    if (( SECONDS > deadline )); then
      log "the application user $app_user cannot log in to Nacos, or may not read the registry"
      return 1
    fi
    sleep 2
  done
  log "ready: admin nacos; applications' user $app_user (role $APP_ROLE: naming rw, config r)"
}

# seed ADMIN_TOKEN: the default data ids, each only when Nacos has none by that name (it holds the truth after)
seed() {
  local file data_id
  for file in "$NACOS_CONFIG_DIR"/*.yaml; do
    [[ -e "$file" ]] || continue
    data_id="$(basename "$file")"
    if api GET "/v3/admin/cs/config?dataId=$data_id&groupName=$GROUP" "$1" | grep -q '"code":20004'; then
      api POST /v3/admin/cs/config "$1" --data-urlencode "dataId=$data_id" --data-urlencode "groupName=$GROUP" \
        --data-urlencode "type=yaml" --data-urlencode "content@$file" | grep -q '"code":0' \
        || { log "could not publish $data_id"; return 1; }
      log "seeded $data_id"
    fi
  done
}

case "${1:-init}" in
  init)
    : "${NACOS_ADMIN_PASSWORD:?set NACOS_ADMIN_PASSWORD}" "${NACOS_PASSWORD:?set NACOS_PASSWORD}"
    ensure_users
    ;;
  token) login "$NACOS_USERNAME" "${NACOS_PASSWORD:?set NACOS_PASSWORD}" ;;
  *) echo "usage: $0 [init|token]" >&2; exit 2 ;;
esac
