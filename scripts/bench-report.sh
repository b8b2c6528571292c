#!/usr/bin/env bash
# Times `registry-cli report adoption --format json` (the whole report, process start included) on a
# large SYNTHETIC registry and DuckDB computing the per-region figures (adoption per platform,
# followers sum and median, followers per 1,000, median 90-day growth, as of one date) on the same
# data, back to back in the same run, 3 times each; prints the medians and the spread.
# Then the 10x-days check: the report at the same number of accounts with 10x the days.
#
#   scripts/bench-report.sh                         # 10,000 entities x 3 channels x 330 days
#   ENTITIES=1000 DAYS=60 SKIP_10X=1 scripts/bench-report.sh   # a quick run
#   ENTITIES10=1000 scripts/bench-report.sh         # accounts of the 10x check (330 vs 3300 days)
#
# DuckDB gets its best case: the tables are copied into DuckDB's own (columnar, in-memory) tables
# first, through its sqlite extension or, when that cannot be installed (offline), through CSV
# exports made by the sqlite3 CLI; only the query is timed. 2 threads (the machine has 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
ENTITIES=${ENTITIES:-10000}
ENTITIES10=${ENTITIES10:-1000}
CHANNELS=${CHANNELS:-3}
DAYS=${DAYS:-330}
AS_OF=${AS_OF:-2025-06-30}   # generate ends its series on 2025-06-30
WORK=${WORK:-/tmp/bench-report}
VENV=${VENV:-/tmp/duckvenv}
mkdir -p "$WORK"

swift build -c release --product registry-cli >&2
CLI=$PWD/.build/release/registry-cli
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q duckdb >&2
fi

# build_db ENTITIES DAYS -> path of an initialised database with the snapshots imported
build_db() {
  local e=$1 days=$2 dir="$WORK/data-e$1-d$2" db="$WORK/e$1-d$2.sqlite"
  if [ ! -f "$db" ]; then
    rm -rf "$dir" "$db.tmp"*
    "$CLI" generate --entities "$e" --channels-per-entity "$CHANNELS" --days "$days" --seed 42 \
      --out "$dir" >&2
    "$CLI" init --seed "$dir" --db "$db.tmp" >&2
    "$CLI" snapshot import "$dir/snapshots-import.csv" --db "$db.tmp" >&2
    sqlite3 "$db.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    mv "$db.tmp" "$db"
    rm -rf "$dir"
  fi
  echo "$db"
}

DB=$(build_db "$ENTITIES" "$DAYS")
echo "data: $(sqlite3 "$DB" "SELECT count(*) FROM channel") accounts," \
  "$(sqlite3 "$DB" "SELECT count(*) FROM snapshot") snapshots ($DAYS days), $DB"
"$VENV/bin/python" scripts/bench/report_vs_duckdb.py "$CLI" "$DB" "$WORK/csv-e$ENTITIES-d$DAYS" "$AS_OF"

if [ "${SKIP_10X:-0}" != 1 ]; then
  DAYS10=$((DAYS * 10))
  DB1=$(build_db "$ENTITIES10" "$DAYS")
  DB10=$(build_db "$ENTITIES10" "$DAYS10")
  echo "10x days check, $ENTITIES10 entities x $CHANNELS channels:" \
    "$(sqlite3 "$DB1" "SELECT count(*) FROM snapshot") vs $(sqlite3 "$DB10" "SELECT count(*) FROM snapshot") snapshots"
  "$VENV/bin/python" scripts/bench/report_vs_duckdb.py "$CLI" "$DB1" "$DB10" "$AS_OF" --days-check
fi
