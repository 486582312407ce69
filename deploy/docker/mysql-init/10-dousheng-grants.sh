#!/bin/bash
# Run once by the official MySQL image on an empty data volume (files in /docker-entrypoint-initdb.d), after it
# created the application user from MYSQL_USER/MYSQL_PASSWORD. Each Dousheng service creates and migrates its
# own database (dousheng_user, dousheng_video, ...: createDatabaseIfNotExist + Flyway), so the user may create
# and own every database whose name starts with "dousheng_", and nothing else. Never root for the applications.
#
# A shell script rather than plain SQL because the user name comes from the environment. The image sources it
# (it is not executable: keep it so), so docker_process_sql from the image's entrypoint is at hand; being sourced,
# it must not change the entrypoint's shell options.

: "${MYSQL_USER:?MYSQL_USER (DOUSHENG_DB_USER in deploy/.env) must be set}"

docker_process_sql --database=mysql <<-EOSQL
	GRANT ALL PRIVILEGES ON \`dousheng\\_%\`.* TO '${MYSQL_USER}'@'%';
	FLUSH PRIVILEGES;
EOSQL
echo "[dousheng-init] ${MYSQL_USER} may create and use the databases dousheng_*"
