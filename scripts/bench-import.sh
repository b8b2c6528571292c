#!/usr/bin/env bash
# Import speed and memory benchmark (not a test): sqlite3 .import, a C loop, registry-cli.
# Usage: scripts/bench-import.sh [ROWS]   (default 1000000; data is generated once per size)
#        ORDER=date scripts/bench-import.sh [ROWS]   the same rows sorted by observed_at (every
#        channel's day 1, then day 2...): inserts land all over the table instead of at its end.
# Each loader starts from a fresh copy of the same database (same schema and indexes).
set -euo pipefail
ROWS=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/registry-bench}
mkdir -p "$WORK"
cd "$ROOT"

if [ ! -x /usr/bin/time ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI missing: apt-get install sqlite3" >&2; exit 1; }

swift build -c release --disable-default-traits --static-swift-stdlib --product registry-cli 2>&1 | tail -1
BIN=$ROOT/.build/release/registry-cli
cc -O2 -o "$WORK/c_loader" scripts/bench/c_loader.c -lsqlite3

# ~330 days x 3 channels per entity; 10M rows = ~30k channels x 330 days.
DAYS=330
CPE=3
ENTITIES=$(( (ROWS + CPE * DAYS - 1) / (CPE * DAYS) ))
DATA=$WORK/data-$ROWS
if [ ! -f "$DATA/snapshots-import.csv" ]; then
  "$BIN" generate --entities "$ENTITIES" --channels-per-entity $CPE --days $DAYS --seed 42 --out "$DATA"
fi
CSV=$DATA/snapshots-import.csv
if [ "${ORDER:-key}" = date ]; then
  if [ ! -f "$DATA/snapshots-by-date.csv" ]; then
    { head -1 "$CSV"; tail -n +2 "$CSV" | sort -s -t, -k3,3; } >"$DATA/snapshots-by-date.csv"
  fi
  CSV=$DATA/snapshots-by-date.csv
fi
N=$(( $(wc -l < "$CSV") - 1 ))
BYTES=$(stat -c %s "$CSV")
rm -f "$WORK"/base.sqlite*
"$BIN" init --seed "$DATA" --db "$WORK/base.sqlite" 2>/dev/null
echo "rows: $N ($((BYTES / 1048576)) MiB CSV, $ENTITIES entities x $CPE channels x $DAYS days," \
  "in ${ORDER:-key} order)"

fresh() { rm -f "$WORK/$1".sqlite*; cp "$WORK/base.sqlite" "$WORK/$1.sqlite"; }
# The reference loads insert rows only: the per-row snapshot_span trigger (schema v4) is dropped
# from their copies, so they do the same work as before it existed. `snapshot import` runs on the
# schema as shipped (it drops the trigger in its transaction and recomputes the spans it touched).
fresh_reference() {
  fresh "$1"
  sqlite3 "$WORK/$1.sqlite" "DROP TRIGGER IF EXISTS snapshot_span_insert"
}

# run NAME CMD...: wall time, peak RSS and the stored row count.
declare -A RATE
run() {
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" \
    || { echo "$name failed:" >&2; cat "$WORK/$name.err" "$WORK/$name.time" >&2; exit 1; }
  t1=$(date +%s.%N)
  local secs rss stored
  secs=$(echo "$t1 - $t0" | bc -l)
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/$name.time")
  stored=$(sqlite3 "$WORK/$name.sqlite" "SELECT count(*) FROM snapshot")
  RATE[$name]=$(echo "$N / $secs" | bc)
  printf '%-22s %8.2f s  %10s rows/s  peak RSS %6d MiB  stored %s\n' \
    "$name" "$secs" "${RATE[$name]}" $((rss / 1024)) "$stored"
}

fresh_reference sqlite3
cat >"$WORK/sqlite3.sql" <<SQL
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -16384;
.import --csv $CSV staging
-- the generated handles as written in the CSV (stored youtube handles start with '@', linkedin
-- ones with 'company/')
CREATE TEMP TABLE bench_handle AS SELECT platform, CASE platform WHEN 'youtube' THEN ltrim(handle, '@') WHEN 'linkedin' THEN substr(handle, instr(handle, '/') + 1) ELSE handle END AS handle, id FROM channel;
CREATE INDEX temp.bench_handle_key ON bench_handle(platform, handle);
INSERT INTO snapshot (channel_id, observed_at, followers, following, posts, engagements,
  engagement_window_days, source_id)
SELECT c.id, CAST(strftime('%s', s.observed_at) AS INTEGER), CAST(nullif(s.followers, '') AS INTEGER),
  CAST(nullif(s.following, '') AS INTEGER), CAST(nullif(s.posts, '') AS INTEGER),
  CAST(nullif(s.engagements, '') AS INTEGER), CAST(nullif(s.engagement_window_days, '') AS INTEGER),
  src.id
FROM staging s JOIN bench_handle c ON c.platform = s.platform AND c.handle = s.handle
JOIN source src ON src.url = s.source_url;
DROP TABLE staging;
SQL
run sqlite3 sqlite3 "$WORK/sqlite3.sqlite" ".read $WORK/sqlite3.sql"

fresh_reference c_loop
run c_loop "$WORK/c_loader" "$WORK/c_loop.sqlite" "$CSV"

fresh registry_cli
run registry_cli "$BIN" snapshot import "$CSV" --db "$WORK/registry_cli.sqlite"

# For information: the C loop with the importer's technique (64 rows per INSERT statement).
fresh_reference c_loop_batch64
run c_loop_batch64 "$WORK/c_loader" "$WORK/c_loop_batch64.sqlite" "$CSV" 64

echo "ratio registry-cli import / C loop: $(echo "scale=2; ${RATE[registry_cli]} / ${RATE[c_loop]}" | bc)"
echo "ratio registry-cli import / C loop with 64-row INSERTs (information):" \
  "$(echo "scale=2; ${RATE[registry_cli]} / ${RATE[c_loop_batch64]}" | bc)"
