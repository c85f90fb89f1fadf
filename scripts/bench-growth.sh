#!/usr/bin/env bash
# How tdkt's cost grows with the number of people, on SQLite: for each size, a fresh
# demo (ten years of records), the year-end list against a dump of the same database,
# and the staff paths under load (hey, 32 clients, 5 s each) with the server's peak
# memory. Prints one Markdown table row per size.
#   bash scripts/bench-growth.sh [SIZES…]        (default: 10000 100000 1000000)
# Needs sqlite3 and hey (Debian packages). Disk: about 3.5 GB per million people.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hey >/dev/null || { echo "install hey (apt-get install hey)" >&2; exit 1; }
SIZES=${*:-10000 100000 1000000}
WORK=$(mktemp -d "${BENCH_DIR:-/tmp}/tdkt-growth.XXXXXX")
trap '[ -z "${PID:-}" ] || kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
BIN=$WORK/tdkt
go build -o "$BIN" ./cmd/tdkt
YEAR=$(( $(date +%Y) - 1 ))
export TDKT_ADMIN_PASSWORD=bench-password
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; return 1; }; e=$(date +%s.%N); printf '%.1f' "$(echo "$e - $s" | bc)"; }
load() { # header url → "rps p99ms"
  hey -z 5s -c 32 ${1:+-H "$1"} "$2" > "$WORK/hey.txt"
  printf '%.0f %.0f\n' "$(awk '/Requests\/sec/ {print $2}' "$WORK/hey.txt")" "$(awk '/ 99%/ {print $3*1000}' "$WORK/hey.txt")"
}
echo "| people | database | demo (s) | suggest (s) | dump (s) | suggest ÷ dump | /healthz req/s | search req/s, p99 ms | person req/s, p99 ms | inbox req/s, p99 ms | peak memory of serve |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for N in $SIZES; do
  DB=$WORK/tdkt-$N.db
  demo=$(secs "$BIN" demo --db "sqlite:$DB" --people "$N" --years 10)
  size=$(du -m "$DB" | awk '{print $1 " MB"}')
  sug=$(secs "$BIN" suggest --db "sqlite:$DB" --year "$YEAR" --out /dev/null)
  dump=$(secs sqlite3 "$DB" .dump)
  ADDR=127.0.0.1:$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  "$BIN" serve --db "sqlite:$DB" --addr "$ADDR" >/dev/null 2>"$WORK/serve.log" &
  PID=$!
  for _ in $(seq 600); do curl -fs "http://$ADDR/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  TOKEN=$("$BIN" token create --login admin --db "sqlite:$DB" 2>/dev/null | tail -n 1)
  PERSON=$(curl -fs -H "Authorization: Bearer $TOKEN" "http://$ADDR/api/v1/people?limit=1&offset=$((N / 2))" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  read -r hz _ < <(load "" "http://$ADDR/healthz")
  read -r srps sp99 < <(load "Authorization: Bearer $TOKEN" "http://$ADDR/api/v1/people?q=nguyen+van")
  read -r prps pp99 < <(load "Authorization: Bearer $TOKEN" "http://$ADDR/api/v1/people/$PERSON")
  read -r irps ip99 < <(load "Authorization: Bearer $TOKEN" "http://$ADDR/app/inbox")
  rss=$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status)
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  echo "| $N | $size | $demo | $sug | $dump | $(echo "scale=2; $sug / $dump" | bc) | $hz | $srps, $sp99 | $prps, $pp99 | $irps, $ip99 | $rss |"
  rm -f "$DB" "$DB"-*
done
