#!/usr/bin/env bash
# The web server against Datasette serving the same SQLite file, loaded by wrk on 127.0.0.1 in
# the same run: the accounts of one region and platform as JSON, and one entity's page; then the
# overview `/` (first request, and the next ones), and the server's peak memory under the load.
#
#   scripts/bench-web.sh                 # builds the release binaries, the 30k-account database
#   scripts/bench-web.sh --no-build      # binaries as built
#
# Environment: WORK (databases, kept; default /tmp/bench-report, shared with bench-report.sh:
# e10000-d330.sqlite, 30k accounts x 330 days), ENTITIES (10000), CHANNELS (3), DAYS (330),
# REGION (BE-WAL), PLATFORM (x), ENTITY (syn-1), DURATION (10s), CONNECTIONS (8), ROUNDS (2),
# VENV (Datasette's virtualenv, default $WORK/venv-datasette), DATASETTE_VERSION (0.65.5).
#
# Datasette gets its best case: immutable mode (-i: no locking, counts cached), 2 threads' worth
# of connections, max_returned_rows raised so it returns the same rows. Its accounts query is
# the SQL registry-cli runs for `accounts --region R --platform P` (Registry/Queries/
# AccountQuery.swift: today's entities, each channel under its owner today), as a canned query;
# its entity page is Datasette's row page of the entity. The two answers must have as many rows.
set -euo pipefail
cd "$(dirname "$0")/.."
NO_BUILD=0
[ "${1:-}" = --no-build ] && NO_BUILD=1
WORK=${WORK:-/tmp/bench-report}
ENTITIES=${ENTITIES:-10000}
CHANNELS=${CHANNELS:-3}
DAYS=${DAYS:-330}
REGION=${REGION:-BE-WAL}
PLATFORM=${PLATFORM:-x}
ENTITY=${ENTITY:-syn-1}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
ROUNDS=${ROUNDS:-2}
VENV=${VENV:-$WORK/venv-datasette}
DATASETTE_VERSION=${DATASETTE_VERSION:-0.65.5}
mkdir -p "$WORK"
for tool in wrk sqlite3 curl; do
  command -v $tool >/dev/null || {
    echo "$tool missing: apt-get install $tool" >&2
    exit 1
  }
done

# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh
bench_cli "$NO_BUILD"
WEB=$PWD/.build-web/release/registry-web
if [ "$NO_BUILD" = 1 ]; then
  [ -x "$WEB" ] || { echo "--no-build: $WEB is missing (make web)" >&2; exit 1; }
else
  make --no-print-directory web >&2
fi
if ! "$VENV/bin/datasette" --version 2>/dev/null | grep -q "version $DATASETTE_VERSION\$"; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "datasette==$DATASETTE_VERSION" >&2
fi
DB=$(build_db "$ENTITIES" "$DAYS")
echo "data: $(sqlite3 "$DB" "SELECT count(*) FROM channel") accounts," \
  "$(sqlite3 "$DB" "SELECT count(*) FROM snapshot") snapshots, $DB"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() {
  for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "server at $1 did not start" >&2
  exit 1
}

OURS_PORT=$(free_port)
"$WEB" --db "$DB" --port "$OURS_PORT" 2>"$WORK/web-bench.log" &
OURS=$!
META=$WORK/datasette-metadata.json
python3 - "$META" <<'PY'
import json, sys
sql = """SELECT c.key AS channel_key, e.id AS entity_id, e.code AS entity_code,
  (SELECT dn.name FROM v_entity_name dn WHERE dn.entity_id = e.id) AS entity_name,
  e.kind AS entity_kind, e.valid_to AS entity_valid_to, e.country, e.region, c.platform,
  c.handle, c.url, c.opened_on, c.first_seen_on, c.closed_on, c.status, c.confidence,
  s.followers,
  strftime('%Y-%m-%dT%H:%M:%SZ', s.observed_at, 'unixepoch') AS followers_observed_at,
  src.key AS source, src.url AS source_url
FROM channel c
JOIN entity e ON e.id = coalesce((SELECT o.entity_id FROM channel_owner o
  WHERE o.channel_id = c.id AND (o.valid_from IS NULL OR o.valid_from <= date('now'))
  AND (o.valid_to IS NULL OR o.valid_to > date('now')) LIMIT 1), c.entity_id)
JOIN source src ON src.id = c.source_id
LEFT JOIN snapshot s ON s.channel_id = c.id AND (s.observed_at, s.source_id) = (
  SELECT s2.observed_at, s2.source_id FROM snapshot s2
  WHERE s2.channel_id = c.id AND s2.observed_at <= 9223372036854775807 AND s2.followers IS NOT NULL
  ORDER BY s2.observed_at DESC, s2.source_id DESC LIMIT 1)
WHERE e.region IN (:region) AND c.platform IN (:platform)
  AND (e.valid_from IS NULL OR e.valid_from <= date('now'))
  AND (e.valid_to IS NULL OR e.valid_to > date('now'))
ORDER BY e.country, e.region, entity_name, e.id, c.platform, c.handle, c.key"""
json.dump({"databases": {"registry": {"queries": {"accounts": {"sql": sql}}}}}, open(sys.argv[1], "w"))
PY
cp -f "$DB" "$WORK/registry.sqlite" 2>/dev/null || true
DS_PORT=$(free_port)
"$VENV/bin/datasette" serve -i "$WORK/registry.sqlite" --port "$DS_PORT" --metadata "$META" \
  --setting max_returned_rows 100000 --setting sql_time_limit_ms 20000 \
  --setting num_sql_threads 2 >"$WORK/datasette-bench.log" 2>&1 &
DS=$!
trap 'kill $OURS $DS 2>/dev/null || true' EXIT
OURS_URL=http://127.0.0.1:$OURS_PORT
DS_URL=http://127.0.0.1:$DS_PORT
wait_up "$OURS_URL/api/v1/openapi.json"
wait_up "$DS_URL/-/versions.json"

A_OURS="$OURS_URL/api/v1/accounts?region=$REGION&platform=$PLATFORM"
A_DS="$DS_URL/registry/accounts.json?region=$REGION&platform=$PLATFORM&_shape=array"
E_OURS="$OURS_URL/entities/$ENTITY"
E_DS="$DS_URL/registry/entity/$ENTITY"
# The first request of each query: ours is not in the response cache yet. The overview's report
# of today is built when the server starts: the first GET / waits for it (it is timed), so that it
# does not share the two cores with the requests timed next.
first() { curl -s -o "$WORK/first.out" -w "%{time_total}" "$1" | awk '{ printf "%.1f ms", $1 * 1000 }'; }
echo "first GET / after the start: ours $(first "$OURS_URL/")"
echo "first request, accounts JSON: ours $(first "$A_OURS") (not cached), Datasette $(first "$A_DS")"
rows_ours=$(curl -s "$A_OURS" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
rows_ds=$(curl -s "$A_DS" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "accounts of $REGION on $PLATFORM: $rows_ours rows (ours), $rows_ds rows (Datasette)"
[ "$rows_ours" = "$rows_ds" ] || { echo "the two answers differ in length" >&2; exit 1; }
echo "first request, entity page: ours $(first "$E_OURS") (not cached), Datasette $(first "$E_DS")"
hwm() { awk '/VmHWM/ { printf "%.1f MB", $2 / 1024 }' "/proc/$1/status"; }

# run URL -> "requests/s p99_ms"
run() {
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1" | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
      ms = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v }
    / Non-2xx/ { bad = 1 }
    END { if (bad) print "non-2xx answers" > "/dev/stderr"; printf "%.1f %.2f\n", rps, ms }'
}

echo "wrk -t2 -c$CONNECTIONS -d$DURATION, $ROUNDS rounds alternating"
printf "%-22s %-10s %12s %10s\n" query server "requests/s" "p99 ms"
for round in $(seq 1 "$ROUNDS"); do
  for q in accounts entity; do
    if [ $q = accounts ]; then pair=("$A_OURS" "$A_DS"); else pair=("$E_OURS" "$E_DS"); fi
    read -r r1 l1 <<<"$(run "${pair[0]}")"
    read -r r2 l2 <<<"$(run "${pair[1]}")"
    printf "%-22s %-10s %12s %10s\n" "$q (round $round)" ours "$r1" "$l1"
    printf "%-22s %-10s %12s %10s\n" "" Datasette "$r2" "$l2"
    awk -v a="$r1" -v b="$r2" -v x="$l1" -v y="$l2" \
      'BEGIN { printf "%-22s ratio: %.1fx the requests/s, %.2f of the p99\n", "", a / b, x / y }'
  done
done

# Ours again, each request a new address, so none is answered from the response cache: the
# accounts with a limit that changes at every request (above the 1,657 rows: the same answer),
# the entity page as of a day that changes at every request (its statuses computed again).
LUA=$WORK/new-address.lua
cat >"$LUA" <<'EOF_LUA'
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("base", threads * 10000000)
end
function init(args)
  n = base
  prefix = args[1]
  kind = args[2]
end
function request()
  n = n + 1
  if kind == "limit" then
    return wrk.format(nil, prefix .. "&limit=" .. (2000 + n % 40000))
  end
  return wrk.format(nil, prefix .. "?as_of=" .. os.date("!%Y-%m-%d", 946684800 + (n % 9000) * 86400))
end
EOF_LUA
uncached() {
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LUA" "$OURS_URL" "$1" "$2" | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
      ms = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : v }
    / Non-2xx/ { bad = 1 }
    END { if (bad) print "non-2xx answers" > "/dev/stderr"; printf "%.1f %.2f\n", rps, ms }'
}
read -r r1 l1 <<<"$(uncached "/api/v1/accounts?region=$REGION&platform=$PLATFORM" limit)"
read -r r2 l2 <<<"$(uncached "/entities/$ENTITY" day)"
printf "%-22s %-10s %12s %10s\n" "accounts, new address" ours "$r1" "$l1"
printf "%-22s %-10s %12s %10s\n" "entity, new address" ours "$r2" "$l2"

echo "peak memory (VmHWM) after the load: ours $(hwm $OURS), Datasette $(hwm $DS)"
# Requests wrk left queued finish first (a slow one may still run when wrk stops).
sleep 3
echo "overview / on this database (the report of today is built at start-up, then cached):"
for i in 1 2 3 4 5; do curl -s -o /dev/null -w "%{time_total}\n" "$OURS_URL/"; done |
  awk '{ printf "  GET / %.1f ms\n", $1 * 1000 }'
echo "overview as of a date not asked before (the report built for the request):"
for d in 2025-06-30 2025-05-31 2025-04-30; do
  curl -s -o /dev/null -w "%{time_total}\n" "$OURS_URL/?as_of=$d"
done | awk '{ printf "  GET /?as_of=... first time %.1f ms\n", $1 * 1000 }'
echo "peak memory (VmHWM) at the end, after building those reports: ours $(hwm $OURS)"
