#!/usr/bin/env bash
# Starts a throw-away Citus cluster (a coordinator and two workers, PostgreSQL 15) on 127.0.0.1, for the
# database tests on Citus. Installs Citus from ../shared/citus/install.sh (beside the project) when citus.so is
# missing. Ports are free ones, or ANWANG_CITUS_PORT, +1, +2 when that is set.
# Usage: eval "$(bash scripts/citus-test-cluster.sh start)"
#          → exports DATABASE_URL (the coordinator), ANWANG_CITUS_DIR and ANWANG_CITUS_WORKERS (space-separated URLs)
#        bash scripts/citus-test-cluster.sh stop "$ANWANG_CITUS_DIR"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
BIN=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    [ -x "$BIN/postgres" ] || { echo "citus-test-cluster: PostgreSQL 15 is not installed ($BIN/postgres missing; apt-get install postgresql-15)" >&2; exit 1; }
    if [ ! -f /usr/lib/postgresql/15/lib/citus.so ]; then
      installer="$root/../shared/citus/install.sh"
      [ -f "$installer" ] || { echo "citus-test-cluster: Citus is not installed and $installer is absent (install Citus 13 for PostgreSQL 15 from its packages)" >&2; exit 1; }
      [ "$(id -u)" = 0 ] || { echo "citus-test-cluster: Citus is not installed; run $installer as root" >&2; exit 1; }
      bash "$installer" >&2
    fi
    dir=$(mktemp -d /tmp/anwang-citus.XXXXXX)
    chmod 755 "$dir"
    chown postgres:postgres "$dir" 2>/dev/null || true
    free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
    ports=()
    for i in 0 1 2; do
      if [ -n "${ANWANG_CITUS_PORT:-}" ]; then ports+=($((ANWANG_CITUS_PORT + i))); else ports+=("$(free_port)"); fi
    done
    names=(coordinator worker1 worker2)
    for i in 0 1 2; do
      d="$dir/${names[$i]}"
      as_pg "$BIN/initdb" -D "$d" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb-${names[$i]}.log" 2>&1
      cat >>"$d/postgresql.conf" <<EOF
shared_preload_libraries = 'citus'
listen_addresses = '127.0.0.1'
port = ${ports[$i]}
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
max_prepared_transactions = 200
citus.shard_count = 4
EOF
      as_pg "$BIN/pg_ctl" -D "$d" -l "$dir/${names[$i]}.log" -w start >/dev/null
    done
    psql_at() { as_pg psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres -Atc "$2"; }
    for i in 0 1 2; do psql_at "${ports[$i]}" 'CREATE EXTENSION IF NOT EXISTS citus' >/dev/null; done
    psql_at "${ports[0]}" "SELECT citus_set_coordinator_host('127.0.0.1', ${ports[0]})" >/dev/null
    psql_at "${ports[0]}" "SELECT citus_add_node('127.0.0.1', ${ports[1]})" >/dev/null
    psql_at "${ports[0]}" "SELECT citus_add_node('127.0.0.1', ${ports[2]})" >/dev/null
    echo "${ports[*]}" >"$dir/ports"
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:${ports[0]}/postgres ANWANG_CITUS_DIR=$dir ANWANG_CITUS_WORKERS='postgres://postgres@127.0.0.1:${ports[1]}/postgres postgres://postgres@127.0.0.1:${ports[2]}/postgres'"
    ;;
  stop)
    dir=${2:?usage: citus-test-cluster.sh stop DIR}
    for n in worker2 worker1 coordinator; do
      [ -d "$dir/$n" ] && { as_pg "$BIN/pg_ctl" -D "$dir/$n" -m fast stop >/dev/null || true; }
    done
    rm -rf "$dir"
    ;;
  *) echo "usage: citus-test-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
