#!/usr/bin/env bash
# Times the researcher's listing, `registry-cli accounts --region BE-WAL --platform x --format F`
# for F in table, csv, json and ndjson (the whole process), on a SYNTHETIC registry (by default
# the 30k-account one of scripts/bench-report.sh: 10,000 entities x 3 channels x 330 days, shared
# through WORK), against the same SQL query (that of Sources/Registry/Queries/AccountQuery.swift)
# run by `sqlite3 -table`, `sqlite3 -header -csv` and `sqlite3 -json` on the same file, and by a
# Python+sqlite3 script printing the same JSON (scripts/bench/accounts_py.py). ROUNDS rounds of
# every command (default 11), the order reversed every other round; prints the medians in ms and
# the ratios ours / reference.
#
# Before timing it checks the outputs: every command gives as many rows as SELECT count(*) of the
# query, the same set of channel keys, and the JSON, NDJSON and CSV rows of registry-cli equal
# those of sqlite3 -json / -csv (a wrong or empty query cannot look fast).
#
#   scripts/bench-accounts.sh                        # builds the release binary, 30k accounts
#   scripts/bench-accounts.sh --no-build             # .build/release/registry-cli as it is
#   ENTITIES=1000 DAYS=30 ROUNDS=5 scripts/bench-accounts.sh   # a quick run
#
# Environment: ENTITIES (10000), CHANNELS (3), DAYS (330), REGION (BE-WAL; generated data has
# BE-VLG, BE-WAL and BE-BRU), PLATFORM (x), ROUNDS (11), WORK (/tmp/bench-report: the databases,
# built once when missing, and OUT/ with the outputs that were checked).
set -euo pipefail
cd "$(dirname "$0")/.."
NO_BUILD=${NO_BUILD:-0}
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) NO_BUILD=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
ENTITIES=${ENTITIES:-10000}
CHANNELS=${CHANNELS:-3}
DAYS=${DAYS:-330}
REGION=${REGION:-BE-WAL}
PLATFORM=${PLATFORM:-x}
WORK=${WORK:-/tmp/bench-report}
export ROUNDS=${ROUNDS:-11}
mkdir -p "$WORK"
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI missing: apt-get install sqlite3" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 missing: apt-get install python3" >&2; exit 1; }

# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh
bench_cli "$NO_BUILD"
DB=$(build_db "$ENTITIES" "$DAYS")
echo "data: $(sqlite3 "$DB" "SELECT count(*) FROM channel") accounts," \
  "$(sqlite3 "$DB" "SELECT count(*) FROM snapshot") snapshots ($DAYS days), $DB;" \
  "sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(python3 --version)"
python3 scripts/bench/accounts_vs_sqlite.py "$CLI" "$DB" "$WORK/accounts-e$ENTITIES-d$DAYS" \
  "$REGION" "$PLATFORM"
