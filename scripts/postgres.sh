# Sourced by ./stack: makes sure the local PostgreSQL server is installed and running and
# that the roles and databases the services and tests use exist. Idempotent.
# DB_PREFIX names a separate set of service databases (the end-to-end tests use one).

PG_PORT="${PGPORT:-5432}"

# The roles' passwords: random, made once per machine user and kept outside the repository (no
# password is written in it), shared by every clone and STACK_DIR that uses this one server.
PG_SECRETS="${ORDERFLOW_SECRETS_DIR:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.config/orderflow}"

role_password() { # role: its password, made on first use
  local file="$PG_SECRETS/postgres-$1.password"
  if [ ! -s "$file" ]; then
    mkdir -p "$PG_SECRETS"
    chmod 700 "$PG_SECRETS"
    (umask 077 && openssl rand -hex 24 >"$file")
  fi
  cat "$file"
}

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
  # owner role and database per service for the local stack. The passwords reach psql on its
  # standard input, never on a command line; set each time, so the files stay the truth.
  local test_password owner_password
  test_password="$(role_password orderflow_test)"
  owner_password="$(role_password orderflow)"
  as_postgres "psql -q -p $PG_PORT -v ON_ERROR_STOP=1 -d postgres" <<SQL
\\set test_password $test_password
\\set owner_password $owner_password
select 'create role orderflow_test login createdb' where not exists (select from pg_roles where rolname = 'orderflow_test') \\gexec
select 'create role orderflow login' where not exists (select from pg_roles where rolname = 'orderflow') \\gexec
alter role orderflow_test password :'test_password';
alter role orderflow password :'owner_password';
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
