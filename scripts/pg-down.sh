#!/usr/bin/env bash
# Stop and remove a cluster started by pg-up.sh.
set -euo pipefail
DIR=${1:?PGTEST_DIR}
PGCTL=$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); else AS=(); fi
"${AS[@]}" "$PGCTL" -D "$DIR/data" -m fast -w stop >/dev/null || true
rm -rf "$DIR"
