#!/usr/bin/env bash
# Measures tdkt at scale on this machine and prints a Markdown table:
#   - `tdkt demo --people N` (ten years of records) on SQLite, and on PostgreSQL when
#     TDKT_TEST_PG points at a server (eval "$(bash scripts/pg-up.sh)");
#   - `tdkt suggest` over the whole tree against the floor of dumping the same
#     database (`sqlite3 .dump`, `pg_dump`), each run twice in the same session.
# Usage: bash scripts/bench-scale.sh [PEOPLE] (default 1000000). Needs sqlite3 and
# pg_dump for the floors. Disk: about 3.5 GB per million people on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${1:-1000000}
WORK=$(mktemp -d "${BENCH_DIR:-/tmp}/tdkt-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
BIN=$WORK/tdkt
go build -o "$BIN" ./cmd/tdkt
YEAR=$(( $(date +%Y) - 1 ))
export TDKT_ADMIN_PASSWORD=bench-password

secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; return 1; }; e=$(date +%s.%N); echo "$e - $s" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }

echo "| database | people | demo (s) | suggest run 1 (s) | suggest run 2 (s) | dump run 1 (s) | dump run 2 (s) | suggest / dump (best runs) | suggest lines |"
echo "|---|---|---|---|---|---|---|---|---|"

run() { # name url dumpcmd…
  local name=$1 url=$2; shift 2
  local demo s1 s2 d1 d2 lines
  demo=$(secs "$BIN" demo --db "$url" --people "$PEOPLE" --years 10)
  d1=$(secs "$@"); s1=$(secs "$BIN" suggest --db "$url" --year "$YEAR" --out /dev/null)
  d2=$(secs "$@"); s2=$(secs "$BIN" suggest --db "$url" --year "$YEAR" --out /dev/null)
  lines=$("$BIN" suggest --db "$url" --year "$YEAR" --award chien_si_thi_dua_co_so 2>/dev/null | wc -l)
  local sb db
  sb=$(printf '%s\n%s\n' "$s1" "$s2" | sort -n | head -1); db=$(printf '%s\n%s\n' "$d1" "$d2" | sort -n | head -1)
  echo "| $name | $PEOPLE | $demo | $s1 | $s2 | $d1 | $d2 | $(ratio "$sb" "$db") | CSTĐCS: $lines |"
}

run sqlite "sqlite:$WORK/tdkt.db" sqlite3 "$WORK/tdkt.db" .dump
rm -f "$WORK"/tdkt.db*

if [ -n "${TDKT_TEST_PG:-}" ]; then
  PGDB=bench_$$
  psql "$TDKT_TEST_PG" -qc "CREATE DATABASE $PGDB" >/dev/null
  PGURL=$(echo "$TDKT_TEST_PG" | sed -E "s#/[^/?]+(\?|$)#/$PGDB\1#")
  run postgres "$PGURL" pg_dump -d "$PGURL" -f /dev/null
  psql "$TDKT_TEST_PG" -qc "DROP DATABASE $PGDB WITH (FORCE)" >/dev/null
fi
