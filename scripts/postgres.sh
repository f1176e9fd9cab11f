# Sourced by ./stack: makes sure the local PostgreSQL server is installed and running and
# that the roles and databases the services and tests use exist. Idempotent.
# DB_PREFIX names a separate set of service databases (the end-to-end tests use one).

PG_PORT="${PGPORT:-5432}"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sudo -u postgres sh -c "$*"
  fi
}

ensure_postgres() {
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    echo "Installing PostgreSQL (Debian package)..."
    if [ "$(id -u)" = 0 ]; then
      apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    else
      sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    fi
  fi
  local cluster version name status
  cluster="$(pg_lsclusters -h | awk -v port="$PG_PORT" '$3 == port {print $1, $2, $4; exit}')"
  if [ -z "$cluster" ]; then
    version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    echo "Creating PostgreSQL $version cluster 'main' on port $PG_PORT..."
    if [ "$(id -u)" = 0 ]; then pg_createcluster -p "$PG_PORT" "$version" main >/dev/null; else sudo pg_createcluster -p "$PG_PORT" "$version" main >/dev/null; fi
    cluster="$version main down"
  fi
  read -r version name status <<<"$cluster"
  if [ "$status" != online ]; then
    echo "Starting PostgreSQL $version/$name on port $PG_PORT..."
    if [ "$(id -u)" = 0 ]; then pg_ctlcluster "$version" "$name" start; else sudo pg_ctlcluster "$version" "$name" start; fi
  fi
  for _ in $(seq 1 30); do
    as_postgres "pg_isready -q -p $PG_PORT" && break
    sleep 1
  done
  # One role for the test suite (it creates a fresh database per test context) and one
  # owner role and database per service for the local stack.
  as_postgres "psql -q -p $PG_PORT -v ON_ERROR_STOP=1 -d postgres" <<'SQL'
do $$
begin
  if not exists (select from pg_roles where rolname = 'orderflow_test') then
    create role orderflow_test login createdb password 'orderflow_test';
  end if;
  if not exists (select from pg_roles where rolname = 'orderflow') then
    create role orderflow login password 'orderflow';
  end if;
end $$;
SQL
  local db
  for db in "${DB_PREFIX:-}orders" "${DB_PREFIX:-}payments" "${DB_PREFIX:-}inventory" "${DB_PREFIX:-}orchestrator" "${DB_PREFIX:-}auth"; do
    if [ "$(as_postgres "psql -p $PG_PORT -tAc \"select 1 from pg_database where datname = '$db'\"")" != 1 ]; then
      as_postgres "psql -q -p $PG_PORT -c 'create database $db owner orderflow'"
    fi
  done
}

drop_databases() {
  local db
  for db in "${DB_PREFIX:-}orders" "${DB_PREFIX:-}payments" "${DB_PREFIX:-}inventory" "${DB_PREFIX:-}orchestrator" "${DB_PREFIX:-}auth"; do
    as_postgres "psql -q -p $PG_PORT -c 'drop database if exists $db with (force)'"
  done
}
