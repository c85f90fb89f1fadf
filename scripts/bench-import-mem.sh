#!/usr/bin/env bash
# Memory of an import upload: how much resident memory `tdkt serve` takes above idle
# to read each file of scripts/xlsxbomb (the audit's shared-string bomb, a 300 MB zip
# bomb, 8,000,000 tiny shared strings, a legitimate staff list of ROWS people).
#   bash scripts/bench-import-mem.sh [ROWS]
# For each file it starts a fresh server on a throwaway SQLite demo (a small one: the
# import's cost does not depend on it), signs in as admin, reads idle VmRSS from
# /proc/PID/status, uploads the file to POST /app/imports as the page does (and
# reads VmHWM, the peak), then opens the preview the upload redirects to (which
# checks every row) and reads VmHWM and VmRSS again. Prints a Markdown table: file,
# size, HTTP status, what the clerk was told, idle RSS, peak above idle during the
# upload and up to the end of the preview, RSS after.
# TDKT_BIN=path measures another build of tdkt (e.g. an older one) with the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
WORK=$(mktemp -d "${BENCH_DIR:-/tmp}/tdkt-importmem.XXXXXX")
trap '[ -z "${PID:-}" ] || kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
if [ -n "${TDKT_BIN:-}" ]; then cp "$TDKT_BIN" "$WORK/tdkt"; else go build -o "$WORK/tdkt" ./cmd/tdkt; fi
DB="sqlite:$WORK/tdkt.db"
TDKT_ADMIN_PASSWORD=bench-password "$WORK/tdkt" demo --db "$DB" --people 200 >/dev/null 2>&1
ADDR=127.0.0.1:$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
start() {
  "$WORK/tdkt" serve --db "$DB" --addr "$ADDR" >/dev/null 2>"$WORK/serve.log" &
  PID=$!
  for _ in $(seq 120); do curl -fs "http://$ADDR/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "http://$ADDR/healthz" >/dev/null || { echo "server did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }
  rm -f "$WORK/jar"
  curl -fs -o /dev/null -c "$WORK/jar" -d "login=admin&password=bench-password" "http://$ADDR/app/login"
  grep -q tdkt_session "$WORK/jar" || { echo "could not sign in as admin" >&2; exit 1; }
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$PID/status"; }
# The staff list names a unit of the demo: the first commune the API lists.
start
TOKEN=$("$WORK/tdkt" token create --login admin --db "$DB" 2>/dev/null | tail -n 1)
UNIT=$(curl -fs -H "Authorization: Bearer $TOKEN" "http://$ADDR/api/v1/orgs" | python3 -c '
import json, sys
items = json.load(sys.stdin)
items = items.get("items", items) if isinstance(items, dict) else items
print([o for o in items if o.get("level") == "xa"][0]["code"])')
stop
go run ./scripts/xlsxbomb -out "$WORK" -unit "$UNIT" -rows "$ROWS"
echo "| file | size | HTTP | the clerk reads | idle RSS | peak above idle: upload | … and preview | RSS after |"
echo "|---|---|---|---|---|---|---|---|"
for f in shared-string zip-bomb tiny-strings staff; do
  start
  sleep 1 # let the start settle before idle is read
  idle=$(kb VmRSS)
  code=$(curl -s -o "$WORK/page.html" -D "$WORK/headers" -w '%{http_code}' -b "$WORK/jar" -F kind=staff -F "file=@$WORK/$f.xlsx" "http://$ADDR/app/imports")
  upload=$(kb VmHWM)
  said=$(grep -o 'id="e-file">[^<]*' "$WORK/page.html" | cut -d'>' -f2- || true)
  preview=-
  if [ "$code" = 303 ]; then
    next=$(awk 'tolower($1) == "location:" {print $2}' "$WORK/headers" | tr -d '\r')
    code="303, $(curl -s -o "$WORK/page.html" -w '%{http_code}' -b "$WORK/jar" "http://$ADDR$next")"
    said="(the preview: $(grep -o -E '[0-9.]+ dòng' "$WORK/page.html" | head -n 1 || true))"
    preview="$((($(kb VmHWM) - idle) / 1024)) MB"
  fi
  after=$(kb VmRSS)
  printf '| %s.xlsx | %s KB | %s | %s | %d MB | %d MB | %s | %d MB |\n' "$f" $(( $(stat -c %s "$WORK/$f.xlsx") / 1024 )) "$code" "$said" \
    $((idle / 1024)) $(((upload - idle) / 1024)) "$preview" $((after / 1024))
  stop
done
