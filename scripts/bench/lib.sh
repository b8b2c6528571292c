# Shared by scripts/bench-report.sh and scripts/bench-accounts.sh (sourced, not run).
# Expects the working directory to be the checkout's root and WORK, CHANNELS to be set.

# bench_cli NO_BUILD: sets CLI to the release binary; builds it first unless NO_BUILD is 1.
bench_cli() {
  CLI=$PWD/.build/release/registry-cli
  if [ "${1:-0}" = 1 ]; then
    if [ ! -x "$CLI" ]; then
      echo "--no-build: $CLI is missing; build it first (make release)" \
        "or run without --no-build" >&2
      exit 1
    fi
    echo "--no-build: using $CLI as built $(date -r "$CLI" '+%F %T')" >&2
  else
    # As `make report` builds it (without the web stack, so the two share one build).
    swift build -c release --disable-default-traits --static-swift-stdlib --product registry-cli >&2
  fi
}

# build_db ENTITIES DAYS -> path of an initialised database with the snapshots imported
# (generate --channels-per-entity $CHANNELS --seed 42). Cached in WORK: built once when missing,
# under a lock so that two scripts started together do not build the same file twice.
build_db() {
  local e=$1 days=$2 dir="$WORK/data-e$1-d$2" db="$WORK/e$1-d$2.sqlite"
  (
    flock 9
    if [ ! -f "$db" ]; then
      echo "building $db ($e entities x $CHANNELS channels x $days days)..." >&2
      rm -rf "$dir" "$db.tmp"*
      "$CLI" generate --entities "$e" --channels-per-entity "$CHANNELS" --days "$days" --seed 42 \
        --out "$dir" >&2
      "$CLI" init --seed "$dir" --db "$db.tmp" >&2
      "$CLI" snapshot import "$dir/snapshots-import.csv" --db "$db.tmp" >&2
      sqlite3 "$db.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
      mv "$db.tmp" "$db"
      rm -f "$db.tmp"*
      rm -rf "$dir"
    fi
  ) 9>"$db.lock"
  echo "$db"
}

# need_time: /usr/bin/time (peak RSS), installed with apt-get when missing.
need_time() {
  if [ ! -x /usr/bin/time ]; then
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
  fi
}
