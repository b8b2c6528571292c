#!/usr/bin/env bash
# Times `registry-cli report adoption --format json` on a large SYNTHETIC registry and compares it
# with DuckDB computing the same per-region figures on the same data, in the same run.
# Then checks that 10x the days at the same number of accounts costs the report about the same
# (its loader seeks per channel; it never scans history).
#
#   scripts/bench-report.sh                 # ~30k accounts (10,000 entities x 3) x 330 days
#   ENTITIES=1000 DAYS=60 scripts/bench-report.sh   # a quick run
#   SKIP_10X=1 scripts/bench-report.sh      # skip the 10x-days check (it writes 10x the rows)
#
# Needs `registry-cli generate` (the snapshots feature), sqlite3, python3 (venv + pip for DuckDB).
set -euo pipefail
cd "$(dirname "$0")/.."
ENTITIES=${ENTITIES:-10000}
CHANNELS=${CHANNELS:-3}
DAYS=${DAYS:-330}
AS_OF=${AS_OF:-2025-06-30}   # generate ends its series on 2025-06-30
WORK=${WORK:-/tmp/bench-report}
VENV=${VENV:-/tmp/duckvenv}
mkdir -p "$WORK"

swift build -c release --product registry-cli >&2
CLI=.build/release/registry-cli
if ! "$CLI" generate --help >/dev/null 2>&1; then
  echo "bench-report: this build has no 'registry-cli generate' (the snapshots feature); merge it first" >&2
  exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q duckdb >&2
fi

now() { date +%s.%N; }

# build DAYS -> $WORK/d$DAYS.sqlite
build_db() {
  local days=$1 dir="$WORK/data-$1" db="$WORK/d$1.sqlite"
  if [ ! -f "$db" ]; then
    rm -rf "$dir"
    "$CLI" generate --entities "$ENTITIES" --channels-per-entity "$CHANNELS" --days "$days" \
      --out "$dir" >&2
    "$CLI" init --seed "$dir" --db "$db.tmp" >&2
    "$CLI" snapshot import "$dir/snapshots-import.csv" --db "$db.tmp" >&2
    mv "$db.tmp" "$db"
  fi
  echo "$db"
}

time_report() {
  local db=$1 t0 t1
  t0=$(now)
  "$CLI" report adoption --db "$db" --as-of "$AS_OF" --format json --out "$WORK/report.json" 2>/dev/null
  t1=$(now)
  python3 -c "print(f'{$t1 - $t0:.3f}')"
}

DB=$(build_db "$DAYS")
SNAPS=$(sqlite3 "$DB" "SELECT count(*) FROM snapshot")
ACCTS=$(sqlite3 "$DB" "SELECT count(*) FROM channel")
echo "data: $ACCTS accounts, $SNAPS snapshots ($DAYS days)"

T_REPORT=$(time_report "$DB")

# DuckDB: the same per-region figures (entities existing on D, adopters on any social platform,
# followers sum and median of the entities' audience at the latest snapshot on or before D within
# 365 days). The sqlite extension needs the network to install; if it cannot, export to CSV first.
CSVDIR="$WORK/csv-$DAYS"
mkdir -p "$CSVDIR"
T_DUCK=$("$VENV/bin/python" - "$DB" "$CSVDIR" "$AS_OF" <<'PY'
import subprocess, sys, time, duckdb
db, csvdir, as_of = sys.argv[1:4]
con = duckdb.connect()
try:
    con.execute("INSTALL sqlite; LOAD sqlite;")
    con.execute(f"ATTACH '{db}' AS reg (TYPE sqlite, READ_ONLY)")
    src = "reg."
    print("duckdb: reading the SQLite file through the sqlite extension", file=sys.stderr)
except Exception:
    for t in ("entity", "channel", "snapshot"):
        subprocess.run(["sqlite3", "-header", "-csv", db, f"SELECT * FROM {t}"],
                       stdout=open(f"{csvdir}/{t}.csv", "w"), check=True)
    for t in ("entity", "channel", "snapshot"):
        con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_csv_auto('{csvdir}/{t}.csv', header=true)")
    src = ""
    print("duckdb: sqlite extension unavailable; loaded CSV exports (load time not counted)",
          file=sys.stderr)
q = f"""
WITH d AS (SELECT DATE '{as_of}' AS d, epoch(DATE '{as_of}')::BIGINT + 86399 AS end_s),
ent AS (
  SELECT e.* FROM {src}entity e, d
  WHERE e.country = 'BE' AND e.kind = 'local_police'
    AND (e.valid_from IS NULL OR CAST(e.valid_from AS DATE) <= d.d)
    AND (e.valid_to IS NULL OR CAST(e.valid_to AS DATE) > d.d)),
ch AS (
  SELECT c.* FROM {src}channel c JOIN ent ON ent.id = c.entity_id, d
  WHERE c.platform NOT IN ('website', 'mailing_list', 'sms_alert')
    AND CAST(coalesce(c.opened_on, c.first_seen_on) AS DATE) <= d.d
    AND (c.closed_on IS NULL OR CAST(c.closed_on AS DATE) > d.d)),
latest AS (
  SELECT s.channel_id, arg_max(s.followers, s.observed_at) AS followers, max(s.observed_at) AS at
  FROM {src}snapshot s JOIN ch ON ch.id = s.channel_id, d
  WHERE s.observed_at <= d.end_s AND s.followers IS NOT NULL
  GROUP BY s.channel_id),
aud AS (
  SELECT ch.entity_id, sum(l.followers) AS followers
  FROM ch JOIN latest l ON l.channel_id = ch.id, d
  WHERE (d.end_s - l.at) / 86400 <= 365
  GROUP BY ch.entity_id)
SELECT ent.region, count(DISTINCT ent.id) AS entities,
       count(DISTINCT ch.entity_id) AS adopters,
       (SELECT sum(a.followers) FROM aud a JOIN ent e2 ON e2.id = a.entity_id
         WHERE e2.region = ent.region) AS followers_sum,
       (SELECT quantile_cont(a.followers, 0.5) FROM aud a JOIN ent e2 ON e2.id = a.entity_id
         WHERE e2.region = ent.region) AS followers_median
FROM ent LEFT JOIN ch ON ch.entity_id = ent.id
GROUP BY ent.region ORDER BY ent.region
"""
t0 = time.perf_counter()
rows = con.execute(q).fetchall()
t1 = time.perf_counter()
for r in rows:
    print("duckdb:", r, file=sys.stderr)
print(f"{t1 - t0:.3f}")
PY
)
python3 - "$WORK/report.json" <<'PY' >&2
import json, sys
doc = json.load(open(sys.argv[1]))
for r in doc["regions"]:
    if r["platform"] == "any":
        print("report:", r["region"], r["entities"], r["adopters"], r["followers_sum"],
              r["followers_median"])
PY
echo "report adoption --format json: ${T_REPORT}s"
echo "duckdb per-region query:       ${T_DUCK}s"
python3 -c "print(f'ratio report/duckdb: {$T_REPORT / max($T_DUCK, 1e-6):.2f}')"

if [ "${SKIP_10X:-0}" != 1 ]; then
  DAYS10=$((DAYS * 10))
  DB10=$(build_db "$DAYS10")
  T10=$(time_report "$DB10")
  echo "report with ${DAYS10} days (same accounts): ${T10}s"
  python3 -c "print(f'ratio 10x days / 1x days: {$T10 / max($T_REPORT, 1e-6):.2f} (about 1 expected)')"
fi
