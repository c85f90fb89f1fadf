#!/usr/bin/env bash
# Two installations on this machine, one Huân chương Lao động hạng Ba through the whole
# national chain over HTTP (docs/exchange.md): a province on SQLite, the central board
# on PostgreSQL when TDKT_TEST_PG is set (eval "$(bash scripts/pg-up.sh)"), otherwise a
# second SQLite. Both databases stay in OUTDIR; the last line printed is JSON:
#   {"central_db": …, "decision_number": …, "person_id": …, "province_db": …}
# Usage: bash scripts/national-demo.sh OUTDIR
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "cách dùng: bash scripts/national-demo.sh OUTDIR" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
exec go run ./scripts/nationaldemo "$1"
