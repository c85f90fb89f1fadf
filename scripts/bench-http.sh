#!/usr/bin/env bash
# Throughput of public pages against the floor of /healthz, on a demo database:
#   bash scripts/bench-http.sh [DB_URL] [PEOPLE]
# It also measures the staff paths: the people search and a person's full record through
# the API, and the inbox page, all with an API token it creates for admin (an
# administrator's browser login needs the second factor; a token is the machine path).
# Without DB_URL it builds a demo of PEOPLE people (default 1,000,000) in a temporary
# folder. Load: `hey` from Debian, 32 concurrent clients on loopback, 10 s per path.
# Prints a Markdown table: path, requests/s, p99, ratio to /healthz.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hey >/dev/null || { echo "install hey (apt-get install hey)" >&2; exit 1; }
WORK=$(mktemp -d "${BENCH_DIR:-/tmp}/tdkt-http.XXXXXX")
trap '[ -z "${PID:-}" ] || kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
go build -o "$WORK/tdkt" ./cmd/tdkt
DB=${1:-}
if [ -z "$DB" ]; then
  DB="sqlite:$WORK/tdkt.db"
  TDKT_ADMIN_PASSWORD=bench-password "$WORK/tdkt" demo --db "$DB" --people "${2:-1000000}" >/dev/null 2>&1
fi
"$WORK/tdkt" migrate --db "$DB" >/dev/null 2>&1 # new indexes on a big database take a while: not inside the timing
ADDR=127.0.0.1:$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
"$WORK/tdkt" serve --db "$DB" --addr "$ADDR" >/dev/null 2>"$WORK/serve.log" &
PID=$!
for _ in $(seq 600); do curl -fs "http://$ADDR/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://$ADDR/healthz" >/dev/null || { echo "server did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }
run() { # path → "rps p99ms"
  hey -z 10s -c 32 "http://$ADDR$1" > "$WORK/hey.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/hey.txt")
  p99=$(awk '/ 99%/ {print $3*1000}' "$WORK/hey.txt")
  codes=$(awk '/\[[0-9]+\]/ {printf "%s ", $1 $2}' "$WORK/hey.txt")
  echo "$rps $p99 $codes"
}
read -r base basep99 basecodes < <(run /healthz)
echo "| path | requests/s | p99 (ms) | ÷ /healthz | responses |"
echo "|---|---|---|---|---|"
echo "| /healthz | $base | $basep99 | 1.00 | $basecodes |"
for p in / /bang-vang "/bang-vang?q=nguyen+van" /tin-tuc; do
  read -r rps p99 codes < <(run "$p")
  echo "| $p | $rps | $p99 | $(echo "scale=2; $rps / $base" | bc) | $codes |"
done
staff() { # header path → a table row
  hey -z 10s -c 32 -H "$1" "http://$ADDR$2" > "$WORK/hey.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/hey.txt")
  p99=$(awk '/ 99%/ {print $3*1000}' "$WORK/hey.txt")
  codes=$(awk '/\[[0-9]+\]/ {printf "%s ", $1 $2}' "$WORK/hey.txt")
  echo "| $2 | $rps | $p99 | $(echo "scale=2; $rps / $base" | bc) | $codes |"
}
TOKEN=${TOKEN:-$("$WORK/tdkt" token create --login admin --db "$DB" 2>/dev/null | tail -n 1)}
PERSON=${PERSON:-$(( $(curl -fs -H "Authorization: Bearer $TOKEN" "http://$ADDR/api/v1/people?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])') ))}
for p in "/api/v1/people?q=nguyen+van" "/api/v1/people?q=nguyen+van&offset=500" "/api/v1/people/$PERSON"; do
  staff "Authorization: Bearer $TOKEN" "$p"
done
staff "Authorization: Bearer $TOKEN" /app/inbox
echo
echo "Peak resident memory of tdkt serve: $(awk '/VmHWM/ {print $2/1024 " MB"}' /proc/$PID/status)"
