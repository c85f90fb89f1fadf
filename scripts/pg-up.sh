#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for tests and benchmarks. Prints export lines:
#   eval "$(bash scripts/pg-up.sh)"   …   bash scripts/pg-down.sh "$PGTEST_DIR"
# initdb and postgres refuse to run as root, so as root they run as the postgres user.
set -euo pipefail
INITDB=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
[ -x "$INITDB" ] || { echo "PostgreSQL server binaries not found (install postgresql)" >&2; exit 1; }
PGBIN=$(dirname "$(readlink -f "$INITDB")")
RUNAS=postgres
if [ "$(id -u)" = 0 ]; then
  id -u "$RUNAS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$RUNAS"
  AS=(runuser -u "$RUNAS" --)
else
  AS=()
fi
DIR=$(mktemp -d /tmp/pgtest.XXXXXX)
chmod 700 "$DIR"
[ "$(id -u)" = 0 ] && chown "$RUNAS": "$DIR"
PORT=${PGTEST_PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')}
"${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U app --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >"$DIR/pg_ctl.log" 2>&1
"${AS[@]}" "$PGBIN/createdb" -h "$DIR" -p "$PORT" -U app appdb
echo "export PGTEST_DIR=$DIR"
echo "export TDKT_TEST_PG='postgres://app@127.0.0.1:$PORT/appdb?sslmode=disable'"
