#!/bin/sh
# Run once by the postgres container on an empty data directory (docker-entrypoint-initdb.d):
# one database per service and one for auth-server (auth), each owned by a login role of the
# same name that can reach only its own database. The password comes from ORDERFLOW_DB_PASSWORD
# (docker-compose.yml, .env). A data directory made before a database was added here does not
# get it: docker compose down --volumes starts over.
set -eu
for database in orders inventory payments orchestrator auth; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$database" -v password="$ORDERFLOW_DB_PASSWORD" <<'SQL'
create role :"name" login password :'password';
create database :"name" owner :"name";
revoke all on database :"name" from public;
SQL
done
