#!/usr/bin/env bash
# Runs every fuzz target of the repository in turn, each for FUZZTIME (default 30s):
#   FUZZTIME=2m bash scripts/fuzz.sh [PACKAGES…]   (default ./...)
# The targets are found with `go test -list '^Fuzz'`; a failing input is written
# under the package's testdata/fuzz/ by go test, and the script stops there.
# One worker per target (-parallel 1): the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-30s}
[ $# -gt 0 ] || set -- ./...
go test -list '^Fuzz' "$@" | awk '/^Fuzz/ {names = names " " $1} /^ok / {if (names != "") print $2 names; names = ""}' |
  while read -r pkg names; do
    for name in $names; do
      echo "== $pkg $name ($FUZZTIME)"
      go test -run '^$' -fuzz "^$name\$" -fuzztime "$FUZZTIME" -parallel 1 "$pkg"
    done
  done
