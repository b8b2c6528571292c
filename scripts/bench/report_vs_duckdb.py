"""Timing driver of scripts/bench-report.sh (see there). Not a test.

report_vs_duckdb.py CLI DB CSVDIR AS_OF [--rss]   report vs DuckDB, 3 rounds back to back
report_vs_duckdb.py CLI DB1 DB10 AS_OF --days-check  report on DB1 vs DB10, 3 rounds back to back
report_vs_duckdb.py CLI DB1 CSV1 DB10 CSV10 AS_OF --accounts-check [--rss]
    report vs DuckDB on both sets in the same rounds (set order alternating), then the time
    ratios DB10 / DB1 of the report and of DuckDB side by side
The first and the third also time, in the same rounds, sqlite3 reading only the report's inputs
(FLOOR below), and print it against DuckDB and against the report.
--rss also prints the peak RSS of the report (ROUNDS more runs under /usr/bin/time, not timed).
ROUNDS (environment) changes the number of rounds (default 3).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROUNDS = int(os.environ.get("ROUNDS") or 3)


def report_args(cli, db, as_of, out):
    return [cli, "report", "adoption", "--db", db, "--as-of", as_of, "--format", "json",
            "--out", out]


def time_report(cli, db, as_of, out):
    t0 = time.perf_counter()
    subprocess.run(report_args(cli, db, as_of, out), check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def print_rss(name, cli, db, as_of, out):
    """Peak RSS of the report: ROUNDS more runs under /usr/bin/time -f %M (not timed). Not
    wait4 here: a child forked from this process (DuckDB's tables in memory) counts the parent's
    pages in its ru_maxrss until it execs; /usr/bin/time forks from a small process."""
    xs = []
    for _ in range(ROUNDS):
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as f:
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f.name] +
                           report_args(cli, db, as_of, out), check=True,
                           stderr=subprocess.DEVNULL)
            xs.append(int(f.read().split()[-1]))
    print(f"{name}: peak RSS {max(xs) / 1024:.0f} MiB ({max(xs)} KiB, largest of {len(xs)} "
          f"runs under /usr/bin/time; smallest {min(xs) / 1024:.0f} MiB)")


def summary(name, xs):
    med = statistics.median(xs)
    spread = (max(xs) - min(xs)) / med * 100 if med else 0
    print(f"{name}: median {med:.3f} s of {', '.join(f'{x:.3f}' for x in xs)} (spread {spread:.0f}%)")
    return med


def days_check(cli, db1, db10, as_of):
    out = tempfile.mktemp(suffix=".json")
    a, b = [], []
    time_report(cli, db1, as_of, out)  # warm the page cache of both files
    time_report(cli, db10, as_of, out)
    for _ in range(ROUNDS):
        a.append(time_report(cli, db1, as_of, out))
        b.append(time_report(cli, db10, as_of, out))
    m1 = summary("report, 1x days", a)
    m10 = summary("report, 10x days", b)
    print(f"ratio 10x days / 1x days: {m10 / m1:.2f} (target < 1.5)")


QUERY = """
WITH p AS (SELECT DATE '{as_of}' AS d,
                  epoch(DATE '{as_of}')::BIGINT + 86399 AS end0,
                  -- the 90-day growth's baseline: the latest count on or before D - 75 that is
                  -- not older than D - 105 (within 90/6 = 15 days of D - 90); its end: the count
                  -- at D, not older than 15 days (docs/report.md, "Growth")
                  epoch(DATE '{as_of}')::BIGINT + 86399 - 75 * 86400 AS end90,
                  -- the 365-day growth: the latest count on or before D - 305, not older than
                  -- D - 425 (within 365/6 = 60 days of D - 365), the end not older than 60 days
                  epoch(DATE '{as_of}')::BIGINT + 86399 - 305 * 86400 AS end365),
ent AS (
  SELECT e.id, coalesce(e.region, '(none)') AS region, e.population FROM entity e, p
  WHERE e.country = 'BE' AND e.kind = 'local_police' AND e.placeholder = 0
    AND (e.valid_from IS NULL OR CAST(e.valid_from AS DATE) <= p.d)
    AND (e.valid_to IS NULL OR CAST(e.valid_to AS DATE) > p.d)),
ch AS (
  SELECT c.id, c.entity_id, c.platform FROM channel c JOIN ent ON ent.id = c.entity_id, p
  WHERE c.platform NOT IN ('website', 'mailing_list', 'sms_alert')
    AND coalesce(CAST(c.opened_on AS DATE), CAST(c.first_seen_on AS DATE)) <= p.d
    AND (c.closed_on IS NULL OR CAST(c.closed_on AS DATE) > p.d)),
s0 AS (  -- followers at D: latest snapshot with a count on or before D, at most 365 days old
  SELECT s.channel_id, arg_max(s.followers, s.observed_at) AS f, max(s.observed_at) AS at
  FROM snapshot s JOIN ch ON ch.id = s.channel_id, p
  WHERE s.observed_at <= p.end0 AND s.followers IS NOT NULL GROUP BY s.channel_id),
s90 AS (
  SELECT s.channel_id, arg_max(s.followers, s.observed_at) AS f, max(s.observed_at) AS at
  FROM snapshot s JOIN ch ON ch.id = s.channel_id, p
  WHERE s.observed_at <= p.end90 AND s.followers IS NOT NULL GROUP BY s.channel_id),
s365 AS (
  SELECT s.channel_id, arg_max(s.followers, s.observed_at) AS f, max(s.observed_at) AS at
  FROM snapshot s JOIN ch ON ch.id = s.channel_id, p
  WHERE s.observed_at <= p.end365 AND s.followers IS NOT NULL GROUP BY s.channel_id),
fig AS (
  SELECT ch.id, ch.entity_id, ch.platform,
         CASE WHEN p.end0 // 86400 - s0.at // 86400 <= 365 THEN s0.f END AS f0,
         CASE WHEN p.end0 // 86400 - s0.at // 86400 <= 15
                   AND s90.at // 86400 >= p.end0 // 86400 - 105 THEN s90.f END AS f90,
         (s0.at - s90.at) / 86400.0 AS elapsed,
         CASE WHEN p.end0 // 86400 - s0.at // 86400 <= 60
                   AND s365.at // 86400 >= p.end0 // 86400 - 425 THEN s365.f END AS f365,
         (s0.at - s365.at) / 86400.0 AS elapsed365
  FROM ch LEFT JOIN s0 ON s0.channel_id = ch.id LEFT JOIN s90 ON s90.channel_id = ch.id
  LEFT JOIN s365 ON s365.channel_id = ch.id, p),
figp AS (
  SELECT *, CASE WHEN f0 IS NOT NULL AND f90 > 0 AND elapsed > 0
                 THEN (pow(f0::DOUBLE / f90, 90 / elapsed) - 1) * 100 END AS g90,
            CASE WHEN f0 IS NOT NULL AND f365 > 0 AND elapsed365 > 0
                 THEN (pow(f0::DOUBLE / f365, 365 / elapsed365) - 1) * 100 END AS g365
  FROM (SELECT id, entity_id, platform, f0, f90, elapsed, f365, elapsed365 FROM fig
        UNION ALL SELECT id, entity_id, 'any', f0, f90, elapsed, f365, elapsed365 FROM fig)),
plat AS (SELECT DISTINCT platform FROM figp),
aud AS (  -- per entity and platform: adopter, audience (null when no channel has a count)
  SELECT entity_id, platform, sum(f0) AS followers FROM figp GROUP BY entity_id, platform),
grid AS (
  SELECT ent.region, plat.platform, ent.id, ent.population, aud.entity_id IS NOT NULL AS adopter,
         CASE WHEN aud.entity_id IS NULL THEN 0 ELSE aud.followers END AS audience
  FROM ent CROSS JOIN plat LEFT JOIN aud ON aud.entity_id = ent.id AND aud.platform = plat.platform),
growth AS (
  SELECT ent.region, figp.platform, median(figp.g90) AS g90_median,
         median(figp.g365) AS g365_median
  FROM figp JOIN ent ON ent.id = figp.entity_id GROUP BY ent.region, figp.platform)
SELECT g.region, g.platform, count(*) AS entities, count(*) FILTER (adopter) AS adopters,
       sum(audience) FILTER (adopter) AS followers_sum,
       quantile_cont(audience, 0.5) FILTER (adopter) AS followers_median,
       1000.0 * sum(audience) FILTER (population IS NOT NULL AND audience IS NOT NULL)
         / sum(population) FILTER (population IS NOT NULL AND audience IS NOT NULL)
         AS followers_per_1000,
       any_value(growth.g90_median) AS growth_90d_pct_median,
       any_value(growth.g365_median) AS growth_365d_pct_median
FROM grid g LEFT JOIN growth USING (region, platform)
GROUP BY g.region, g.platform ORDER BY g.region, g.platform
"""


# The floor of reading the report's inputs from SQLite: sqlite3 (C, one thread, a process of its
# own) reading only the columns the report reads: the entities, the channels, the channels'
# snapshot spans, and the two growth baselines of every channel whose span does not answer them
# (a seek on the snapshot key, as RegistryDatabase.Seeker does). Sums, so that every value is
# read and nothing is printed but one line per table. Not a report: what any program reading this
# file this way spends before computing anything.
FLOOR = """
PRAGMA cache_size = -500;
SELECT count(*), sum(length(id)), sum(length(kind)), sum(length(region)), sum(population),
       sum(length(valid_from)), sum(length(valid_to)), sum(placeholder), sum(length(parent_id))
FROM entity;
SELECT count(*), sum(length(entity_id)), sum(length(platform)), sum(length(status)),
       sum(length(opened_on)), sum(length(closed_on)), sum(length(first_seen_on)),
       sum(length(confidence)), sum(source_id)
FROM channel;
SELECT count(*), sum(first_at), sum(last_at), sum(followers), sum(source_id) FROM snapshot_span;
SELECT sum(CASE WHEN sp.first_at <= {end90} AND sp.last_at > {end90} THEN
             (SELECT followers FROM snapshot s WHERE s.channel_id = sp.channel_id
              AND s.observed_at <= {end90} AND s.followers IS NOT NULL
              ORDER BY s.observed_at DESC, s.source_id DESC LIMIT 1) END),
       sum(CASE WHEN sp.first_at <= {end365} AND sp.last_at > {end365} THEN
             (SELECT followers FROM snapshot s WHERE s.channel_id = sp.channel_id
              AND s.observed_at <= {end365} AND s.followers IS NOT NULL
              ORDER BY s.observed_at DESC, s.source_id DESC LIMIT 1) END)
FROM snapshot_span sp;
"""


def floor_file(as_of):
    """The FLOOR script for `as_of`, in a temporary file (bounds: the end of D - 75 and of
    D - 305, in epoch seconds, as the report's)."""
    import datetime
    d = datetime.date.fromisoformat(as_of)
    end = int(datetime.datetime(d.year, d.month, d.day, tzinfo=datetime.timezone.utc)
              .timestamp()) + 86399
    f = tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False)
    f.write(FLOOR.format(end90=end - 75 * 86400, end365=end - 305 * 86400))
    f.close()
    return f.name


def time_floor(db, path):
    t0 = time.perf_counter()
    subprocess.run(["sqlite3", db, f".read {path}"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def print_floor(floor, m_ours, m_duck):
    m = summary("sqlite3 reading only the report's inputs (whole process, the floor)", floor)
    print(f"floor / duckdb: {m / m_duck:.2f}; report / floor: {m_ours / m:.2f}")


def load_duckdb(db, csvdir):
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 2")
    tables = ("entity", "channel", "snapshot")
    try:
        con.execute("INSTALL sqlite; LOAD sqlite;")
        con.execute(f"ATTACH '{db}' AS reg (TYPE sqlite, READ_ONLY)")
        for t in tables:
            con.execute(f"CREATE TABLE {t} AS SELECT * FROM reg.{t}")
        how = "copied from the SQLite file through DuckDB's sqlite extension"
    except Exception as err:  # offline: no extension
        os.makedirs(csvdir, exist_ok=True)
        for t in tables:
            if not os.path.exists(f"{csvdir}/{t}.csv"):
                with open(f"{csvdir}/{t}.csv.tmp", "w") as f:
                    subprocess.run(["sqlite3", "-header", "-csv", db, f"SELECT * FROM {t}"],
                                   stdout=f, check=True)
                os.rename(f"{csvdir}/{t}.csv.tmp", f"{csvdir}/{t}.csv")
            con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_csv_auto('{csvdir}/{t}.csv', "
                        "header=true)")
        how = f"sqlite extension unavailable ({type(err).__name__}); loaded CSV exports of sqlite3"
    print(f"duckdb {duckdb.__version__}: tables {how} (load not timed)")
    return con


def time_duckdb(con, q):
    t0 = time.perf_counter()
    rows = con.execute(q).fetchall()
    return time.perf_counter() - t0, rows


def check_figures(rows, out):
    report = json.load(open(out))
    ours_rows = {(r["region"], r["platform"]): r for r in report["regions"]}
    agree = 0
    for region, platform, ents, adopters, fsum, fmed, per1000, g90, g365 in rows:
        r = ours_rows.get((region, platform))
        same = r is not None and (r["entities"], r["adopters"]) == (ents, adopters) and \
            (r["followers_sum"] or 0) == (fsum or 0) and \
            abs((r["followers_median"] or 0) - (fmed or 0)) < 1e-6 and \
            abs((r["followers_per_1000"] or 0) - (per1000 or 0)) < 1e-6 and \
            abs((r["growth_90d_pct_median"] or 0) - (g90 or 0)) < 1e-6 and \
            abs((r["growth_365d_pct_median"] or 0) - (g365 or 0)) < 1e-6
        agree += same
        if not same:
            print("differs:", (region, platform, ents, adopters, fsum, fmed, per1000, g90, g365),
                  "report:", r and [r[k] for k in ("entities", "adopters", "followers_sum",
                  "followers_median", "followers_per_1000", "growth_90d_pct_median",
                  "growth_365d_pct_median")])
    print(f"figures: {agree} of {len(rows)} region x platform rows agree between DuckDB and the report")


def print_versus(ours, duck):
    m_ours = summary("report adoption --format json (whole process)", ours)
    m_duck = summary("duckdb per-region query (query only)", duck)
    print(f"ratio report / duckdb: {m_ours / m_duck:.2f} (targets, issue \"Speed where users "
          "meet it\": <= 0.4 at 330 days, <= 0.5 at 33 days)")
    return m_ours, m_duck


def versus_duckdb(cli, db, csvdir, as_of, rss=False):
    con = load_duckdb(db, csvdir)
    q = QUERY.format(as_of=as_of)
    out = tempfile.mktemp(suffix=".json")
    con.execute(q).fetchall()  # warm-up, not timed
    time_report(cli, db, as_of, out)
    floor_sql = floor_file(as_of)
    ours, duck, floor = [], [], []
    for _ in range(ROUNDS):
        ours.append(time_report(cli, db, as_of, out))
        t, rows = time_duckdb(con, q)
        duck.append(t)
        floor.append(time_floor(db, floor_sql))
    os.unlink(floor_sql)
    check_figures(rows, out)
    m_ours, m_duck = print_versus(ours, duck)
    print_floor(floor, m_ours, m_duck)
    if rss:
        print_rss("report adoption --format json", cli, db, as_of, out)


def accounts_check(cli, db1, csv1, db10, csv10, as_of, rss=False):
    """Both sets loaded, then in each round: the report and DuckDB on one set, then on the other
    (which set goes first alternates), so the two ratios are taken in the same minutes."""
    q = QUERY.format(as_of=as_of)
    sets = [{"name": "1x accounts", "db": db1, "con": load_duckdb(db1, csv1)},
            {"name": "10x accounts", "db": db10, "con": load_duckdb(db10, csv10)}]
    for s in sets:
        s["out"] = tempfile.mktemp(suffix=".json")
        s["con"].execute(q).fetchall()  # warm-up, not timed
        time_report(cli, s["db"], as_of, s["out"])
        s["ours"], s["duck"], s["floor"] = [], [], []
    floor_sql = floor_file(as_of)
    for r in range(ROUNDS):
        for s in (sets if r % 2 == 0 else sets[::-1]):
            s["ours"].append(time_report(cli, s["db"], as_of, s["out"]))
            t, s["rows"] = time_duckdb(s["con"], q)
            s["duck"].append(t)
            s["floor"].append(time_floor(s["db"], floor_sql))
    os.unlink(floor_sql)
    for s in sets:
        print(f"-- {s['name']}: {s['db']}")
        check_figures(s["rows"], s["out"])
        s["m_ours"], s["m_duck"] = print_versus(s["ours"], s["duck"])
        print_floor(s["floor"], s["m_ours"], s["m_duck"])
        if rss:
            print_rss("report adoption --format json", cli, s["db"], as_of, s["out"])
    a, b = sets
    print(f"10x accounts: report {b['m_ours'] / a['m_ours']:.2f}x "
          f"({a['m_ours']:.3f} -> {b['m_ours']:.3f} s), "
          f"duckdb {b['m_duck'] / a['m_duck']:.2f}x "
          f"({a['m_duck']:.3f} -> {b['m_duck']:.3f} s) (target: report at most 10x)")


if __name__ == "__main__":
    flags = {x for x in sys.argv[1:] if x.startswith("--")}
    args = [x for x in sys.argv[1:] if not x.startswith("--")]
    if "--days-check" in flags:
        cli, a, b, as_of = args
        days_check(cli, a, b, as_of)
    elif "--accounts-check" in flags:
        cli, db1, csv1, db10, csv10, as_of = args
        accounts_check(cli, db1, csv1, db10, csv10, as_of, "--rss" in flags)
    else:
        cli, a, b, as_of = args
        versus_duckdb(cli, a, b, as_of, "--rss" in flags)
