#!/usr/bin/env bash
# Mutation testing (docs/testing.md, "Mutation score"): gremlins v0.6.0 applies the usual
# operators (conditionals, boundaries, negations, arithmetic, increments) to the covered
# code of a package and runs that package's tests against each mutant; the score is the
# share of covered mutants the tests kill. Without PostgreSQL the storage tests run on
# SQLite only, which is what a mutant of the use cases needs.
#
#   bash scripts/mutation.sh            # the rules engine (about 10 minutes on two cores)
#   bash scripts/mutation.sh ./core     # the use cases (hours: each mutant runs core's tests)
#
# It prints each mutant's fate and, last, the efficacy (killed / (killed + lived)).
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(./rules)
unset TDKT_TEST_PG
for p in "${pkgs[@]}"; do
  echo "== $p"
  go run github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0 unleash --workers 2 --timeout-coefficient 3 "$p"
done
