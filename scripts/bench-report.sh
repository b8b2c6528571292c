#!/usr/bin/env bash
# Times `registry-cli report adoption --format json` (the whole report, process start included) on
# large SYNTHETIC registries and DuckDB computing the per-region figures (adoption per platform,
# followers sum and median, followers per 1,000, median 90- and 365-day growth, as of one date) on
# the same data, back to back in the same run, 3 times each; prints the medians and the spread.
#
# Data sets (choose with --sets or SETS; all of them by default):
#   long        ENTITIES x CHANNELS x DAYS         10,000 x 3 x 330 = 30k accounts, 9.9M snapshots
#   short       ENTITIES x CHANNELS x DAYS_SHORT   10,000 x 3 x 33  = 30k accounts, 990k snapshots
#   big         ENTITIES_BIG x CHANNELS x DAYS_SHORT  100,000 x 3 x 33 = 300k accounts, 9.9M snapshots
#   days10      the 10x-days check: ENTITIES10 x CHANNELS at DAYS vs 10 x DAYS (report only)
#   accounts10  the 10x-accounts check: short vs big, the report and DuckDB timed in the same
#               rounds (order alternating), the report's time ratio next to DuckDB's; it prints
#               the short and big rows too, so `--sets short,big,accounts10` loads each set once
# Each set also times, in the same rounds, sqlite3 reading only the columns the report reads (the
# entities, channels, snapshot spans and the growth baselines the spans do not answer): the floor
# of reading these inputs from the SQLite file, whatever is computed after (report_vs_duckdb.py,
# FLOOR), printed as "floor / duckdb" and "report / floor".
# short and big also print the peak RSS of the report (3 more runs under /usr/bin/time -f %M, not
# timed; the `time` package is installed with apt-get when missing).
#
#   scripts/bench-report.sh                              # everything (builds the release binary)
#   scripts/bench-report.sh --no-build --sets long       # the original row only, binary as built
#   scripts/bench-report.sh --sets short,big,accounts10  # the 33-day sets and the 10x-accounts check
#   ENTITIES=300 DAYS=60 DAYS_SHORT=6 ENTITIES10=100 scripts/bench-report.sh   # quick: ~20 s
#   SKIP_10X=1 scripts/bench-report.sh                   # as before: no days10 in the default sets
#
# Options: --no-build (use .build/release/registry-cli as it is; fails if it is missing),
# --sets LIST (comma or space separated names above). Environment: ENTITIES, ENTITIES_BIG
# (default 10 x ENTITIES), ENTITIES10, CHANNELS, DAYS, DAYS_SHORT, AS_OF, WORK (databases and CSV
# exports, kept between runs: each is built once when missing), VENV (DuckDB's virtualenv),
# ROUNDS (default 3).
#
# DuckDB gets its best case: the tables are copied into DuckDB's own (columnar, in-memory) tables
# first, through its sqlite extension or, when that cannot be installed (offline), through CSV
# exports made by the sqlite3 CLI; only the query is timed. 2 threads (the machine has 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
NO_BUILD=${NO_BUILD:-0}
SETS=${SETS:-}
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) NO_BUILD=1 ;;
    --sets) SETS=${2:?--sets needs a list}; shift ;;
    --sets=*) SETS=${1#--sets=} ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$SETS" ]; then
  SETS="long short big accounts10"
  [ "${SKIP_10X:-0}" = 1 ] || SETS="$SETS days10"
fi
SETS=" ${SETS//,/ } "
for s in $SETS; do
  case $s in long | short | big | days10 | accounts10) ;; *)
    echo "unknown set: $s (sets: long short big days10 accounts10)" >&2; exit 2 ;;
  esac
done
want() { [[ $SETS == *" $1 "* ]]; }

ENTITIES=${ENTITIES:-10000}
ENTITIES_BIG=${ENTITIES_BIG:-$((ENTITIES * 10))}
ENTITIES10=${ENTITIES10:-1000}
CHANNELS=${CHANNELS:-3}
DAYS=${DAYS:-330}
DAYS_SHORT=${DAYS_SHORT:-33}
AS_OF=${AS_OF:-2025-06-30}   # generate ends its series on 2025-06-30
WORK=${WORK:-/tmp/bench-report}
VENV=${VENV:-/tmp/duckvenv}
export ROUNDS=${ROUNDS:-3}
mkdir -p "$WORK"
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI missing: apt-get install sqlite3" >&2; exit 1; }

# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh
bench_cli "$NO_BUILD"
if want short || want big || want accounts10; then need_time; fi
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q duckdb >&2
fi
PY=("$VENV/bin/python" scripts/bench/report_vs_duckdb.py)

# describe DB DAYS: the data line printed before each set
describe() {
  echo "data: $(sqlite3 "$1" "SELECT count(*) FROM channel") accounts," \
    "$(sqlite3 "$1" "SELECT count(*) FROM snapshot") snapshots ($2 days), $1"
}

if want long; then
  DB=$(build_db "$ENTITIES" "$DAYS")
  describe "$DB" "$DAYS"
  "${PY[@]}" "$CLI" "$DB" "$WORK/csv-e$ENTITIES-d$DAYS" "$AS_OF"
fi

if want accounts10; then
  DBS=$(build_db "$ENTITIES" "$DAYS_SHORT")
  DBB=$(build_db "$ENTITIES_BIG" "$DAYS_SHORT")
  echo "10x accounts check, $DAYS_SHORT days: short and big sets timed in the same rounds"
  describe "$DBS" "$DAYS_SHORT"
  describe "$DBB" "$DAYS_SHORT"
  "${PY[@]}" "$CLI" "$DBS" "$WORK/csv-e$ENTITIES-d$DAYS_SHORT" "$DBB" \
    "$WORK/csv-e$ENTITIES_BIG-d$DAYS_SHORT" "$AS_OF" --accounts-check --rss
else
  for s in short big; do
    want $s || continue
    e=$ENTITIES; [ $s = big ] && e=$ENTITIES_BIG
    DB=$(build_db "$e" "$DAYS_SHORT")
    describe "$DB" "$DAYS_SHORT"
    "${PY[@]}" "$CLI" "$DB" "$WORK/csv-e$e-d$DAYS_SHORT" "$AS_OF" --rss
  done
fi

if want days10; then
  DAYS10=$((DAYS * 10))
  DB1=$(build_db "$ENTITIES10" "$DAYS")
  DB10=$(build_db "$ENTITIES10" "$DAYS10")
  echo "10x days check, $ENTITIES10 entities x $CHANNELS channels:" \
    "$(sqlite3 "$DB1" "SELECT count(*) FROM snapshot") vs $(sqlite3 "$DB10" "SELECT count(*) FROM snapshot") snapshots"
  "${PY[@]}" "$CLI" "$DB1" "$DB10" "$AS_OF" --days-check
fi
