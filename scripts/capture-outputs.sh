#!/usr/bin/env bash
# Runs a fixed list of read-only commands (reports in every format, scorecards, league tables,
# listings, show, history, log, validate, reference, export) on the shipped seed and on a
# generated SYNTHETIC registry, and writes each command's stdout, stderr and exit code to OUT.
# Two captures of different binaries compare with `diff -r`: a refactoring that must not change
# behaviour is checked this way.
#
#   scripts/capture-outputs.sh .build/debug/registry-cli /tmp/before
#   (change the code, build)
#   scripts/capture-outputs.sh .build/debug/registry-cli /tmp/after && diff -r /tmp/before /tmp/after
#
# The databases are built by the binary under test, in OUT/db (removed at the end).
set -euo pipefail
CLI=$(realpath "$1")
OUT=$2
SEED_DIR=${SEED_DIR:-$(cd "$(dirname "$0")/.." && pwd)/data/seed}
rm -rf "$OUT"
mkdir -p "$OUT/db"
SEED_DB="$OUT/db/seed.sqlite"
SYN_DB="$OUT/db/syn.sqlite"
"$CLI" init --seed "$SEED_DIR" --db "$SEED_DB" >/dev/null 2>&1
"$CLI" generate --entities 300 --channels-per-entity 3 --days 60 --seed 7 --out "$OUT/db/syn" \
  >/dev/null 2>&1
"$CLI" init --seed "$OUT/db/syn" --db "$SYN_DB" >/dev/null 2>&1
"$CLI" snapshot import "$OUT/db/syn/snapshots-import.csv" --db "$SYN_DB" >/dev/null 2>&1

n=0
# run NAME DB ARGS... : one command, its stdout, stderr (paths of OUT made relative) and exit code
run() {
  local name=$1 db=$2
  shift 2
  n=$((n + 1))
  local f
  f=$(printf '%s/%03d-%s' "$OUT" "$n" "$name")
  set +e
  "$CLI" "$@" --db "$db" >"$f.out" 2>"$f.err"
  echo $? >"$f.code"
  set -e
  sed -i "s#$OUT#OUT#g" "$f.err" "$f.out"
  printf "%s\n" "$*" | sed "s#$OUT#OUT#g" >"$f.cmd"
}

for db in seed syn; do
  DB="$OUT/db/$db.sqlite"
  if [ "$db" = seed ]; then DATES="2014-01-01 2018-06-30 2026-05-20"; else DATES="2025-01-01 2025-06-30 2025-09-01"; fi
  for d in $DATES; do
    for fmt in markdown html json csv; do
      run "$db-report-$d.$fmt" "$DB" report adoption --as-of "$d" --format "$fmt"
      run "$db-report-wal-x-$d.$fmt" "$DB" report adoption --as-of "$d" --format "$fmt" \
        --region BE-WAL --platform x
      run "$db-report-kinds-$d.$fmt" "$DB" report adoption --as-of "$d" --format "$fmt" \
        --kind local_police --kind federal_police --staleness-days 30
    done
    for fmt in table csv json ndjson; do
      for m in followers followers_per_1000 growth_90d growth_365d engagement_rate posts_per_week; do
        run "$db-rank-$m-$d.$fmt" "$DB" rank --metric "$m" --as-of "$d" --format "$fmt"
      done
      run "$db-rank-x-wal-$d.$fmt" "$DB" rank --metric followers --platform x --region BE-WAL \
        --as-of "$d" --format "$fmt" --top 5
    done
  done
done

# Scorecards
for fmt in table markdown json html; do
  for peers in region size kind all; do
    run "seed-compare-leuven-$peers.$fmt" "$SEED_DB" compare be-pz-leuven --peers "$peers" \
      --as-of 2026-05-20 --format "$fmt"
  done
  run "seed-compare-leuven-x.$fmt" "$SEED_DB" compare be-pz-leuven --platform x \
    --as-of 2026-05-20 --format "$fmt"
  run "seed-compare-two.$fmt" "$SEED_DB" compare be-pz-leuven be-pz-gent --as-of 2026-05-20 \
    --format "$fmt"
  run "syn-compare.$fmt" "$SYN_DB" compare syn-1 --as-of 2025-06-30 --format "$fmt"
  run "syn-compare-x.$fmt" "$SYN_DB" compare syn-2 --platform x --peers size \
    --as-of 2025-06-30 --format "$fmt"
  run "syn-compare-three.$fmt" "$SYN_DB" compare syn-1 syn-2 syn-3 --as-of 2025-06-30 \
    --format "$fmt"
done

# Listings
for fmt in table csv json ndjson; do
  run "seed-accounts.$fmt" "$SEED_DB" accounts --format "$fmt"
  run "seed-accounts-wal-x.$fmt" "$SEED_DB" accounts --region BE-WAL --platform x --format "$fmt"
  run "seed-accounts-2014.$fmt" "$SEED_DB" accounts --as-of 2014-01-01 --kind local_police \
    --format "$fmt" --sort=-followers
  run "seed-accounts-search.$fmt" "$SEED_DB" accounts --search leuven --format "$fmt"
  run "seed-entities.$fmt" "$SEED_DB" entities --format "$fmt"
  run "seed-entities-bru-without.$fmt" "$SEED_DB" entities --region BE-BRU --without-channels \
    --format "$fmt"
  run "seed-entities-with.$fmt" "$SEED_DB" entities --with-channels --format "$fmt" --limit 20 \
    --sort name --desc
  run "seed-summary.$fmt" "$SEED_DB" summary --format "$fmt"
  run "seed-summary-2014.$fmt" "$SEED_DB" summary --as-of 2014-01-01 --format "$fmt"
  run "seed-validate.$fmt" "$SEED_DB" validate --format "$fmt"
  run "seed-reference.$fmt" "$SEED_DB" reference list --format "$fmt"
  run "seed-history.$fmt" "$SEED_DB" history x/zp5327 --format "$fmt"
  run "syn-accounts.$fmt" "$SYN_DB" accounts --format "$fmt" --limit 200
  run "syn-accounts-x.$fmt" "$SYN_DB" accounts --platform x --format "$fmt"
  run "syn-history-week.$fmt" "$SYN_DB" history x/syn3p3 --every week --format "$fmt"
  run "syn-validate.$fmt" "$SYN_DB" validate --format "$fmt"
done
for fmt in table json; do
  for what in be-pz-leuven 5388 @zp5327 https://twitter.com/zp5327 be-pz-gent be-fed-judicial-police \
    syn-1 nosuchthing; do
    run "show-$(echo "$what" | tr -c 'A-Za-z0-9@.-' _).$fmt" "$SEED_DB" show "$what" --format "$fmt"
  done
done
run "seed-reference-show" "$SEED_DB" reference show be-twitter-2013
run "seed-log" "$SEED_DB" log --format csv
run "seed-export" "$SEED_DB" export "$OUT/export-seed"
run "syn-export" "$SYN_DB" export "$OUT/export-syn"
# Errors keep their wording
run "err-region" "$SEED_DB" accounts --region BE-XXX
run "err-platform" "$SEED_DB" report adoption --platform myspace
run "err-compare" "$SEED_DB" compare no-such-zone
run "err-rank" "$SEED_DB" rank --metric nonsense

rm -rf "$OUT/db"
echo "captured $n commands in $OUT" >&2
