# Sourced by deploy/run.sh and deploy/nacos.sh: one rule for the local run's secrets.
#
#   secret VARIABLE FILE   the value of $VARIABLE when it is set, else the content of .run/FILE, which is generated
#                          once (48 random bytes in base64: 64 characters, no padding, so also a valid Nacos
#                          token key) and kept, readable by its owner only
secret() {
  local variable=$1 file="$RUN_DIR/$2"
  if [[ -n "${!variable:-}" ]]; then printf '%s\n' "${!variable}"; return; fi
  if [[ ! -s "$file" ]]; then
    mkdir -p "$RUN_DIR"
    (umask 077 && head -c 48 /dev/urandom | base64 -w0 > "$file")
  fi
  cat "$file"
}
