#!/bin/sh
# Starts one Dousheng application inside its container (deploy/docker/Dockerfile).
set -eu

# Nacos hands out the address each instance registers, so it must be one the other containers can reach.
# docker-compose.yml leaves DOUSHENG_ADVERTISED_IP empty, and each container then registers its own container
# address, which Docker maps to the container's host name in /etc/hosts (not the compose service name: replicas
# started with --scale share that one). Should the lookup give nothing or a loopback address, the variable stays
# empty and Spring Cloud Alibaba registers the first non-loopback interface address. An operator may set it.
if [ -z "${DOUSHENG_ADVERTISED_IP:-}" ]; then
  DOUSHENG_ADVERTISED_IP="$(getent ahostsv4 "$(uname -n)" | awk '$1 !~ /^127\./ { print $1; exit }')"
  export DOUSHENG_ADVERTISED_IP
fi
echo "[entrypoint] starting ${DOUSHENG_MODULE:-app}; registering in Nacos as ${DOUSHENG_ADVERTISED_IP:-<auto>}" >&2

# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags and must be split
exec java ${JAVA_OPTS:-} -jar /app/app.jar "$@"
