"""Timing driver of scripts/bench-accounts.sh (see there). Not a test.

accounts_vs_sqlite.py CLI DB OUTDIR [REGION PLATFORM]      (default BE-WAL x)

Runs every command once and checks the outputs (OUTDIR/*.out): the row counts agree with
`SELECT count(*)` of the query, and the JSON, NDJSON and CSV rows of `registry-cli accounts` are
the rows of `sqlite3 -json` / `-csv` running the same query (so a wrong or empty query cannot look
fast); then ROUNDS rounds (environment, default 11) of every command, the order reversed every
other round, and prints the medians (whole processes, output to /dev/null) and the ratios.
"""
import csv
import io
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from accounts_py import query  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS") or 11)
FORMATS = ("table", "csv", "json", "ndjson")


def commands(cli, db, region, platform):
    sql = query(region, platform)
    ref = [sys.executable, os.path.join(HERE, "accounts_py.py"), db, region, platform]
    cmds = {f"ours {f}": [cli, "accounts", "--db", db, "--region", region, "--platform", platform,
                          "--format", f] for f in FORMATS}
    cmds["sqlite3 -table"] = ["sqlite3", "-table", db, sql]
    cmds["sqlite3 -csv"] = ["sqlite3", "-header", "-csv", db, sql]
    cmds["sqlite3 -json"] = ["sqlite3", "-json", db, sql]
    cmds["python json"] = ref + ["json"]
    cmds["python ndjson"] = ref + ["ndjson"]
    return cmds, sql


def fail(msg):
    print(f"CHECK FAILED: {msg}", file=sys.stderr)
    sys.exit(1)


def parse(name, text):
    """The rows of one output: a list of dicts (JSON, NDJSON, CSV) or a count (tables)."""
    if name == "ours table":
        lines = text.splitlines()
        m = re.fullmatch(r"\((\d+) rows?\)", lines[-1].strip()) if lines else None
        if not m:
            fail(f"{name}: no '(N rows)' footer")
        body = [ln for ln in lines[2:-1] if ln.strip()]
        if len(body) != int(m.group(1)):
            fail(f"{name}: {len(body)} lines of rows but the footer says {m.group(1)}")
        return len(body)
    if name == "sqlite3 -table":  # +---+ borders, one header line, then the rows
        return max(0, sum(1 for ln in text.splitlines() if ln.startswith("|")) - 1)
    if name.endswith("csv"):
        return list(csv.DictReader(io.StringIO(text)))
    if name.endswith("ndjson"):
        return [json.loads(ln) for ln in text.splitlines() if ln.strip()]
    return json.loads(text) if text.strip() else []  # sqlite3 -json prints nothing for no rows


def check(cmds, db, sql, outdir):
    expected = sqlite3.connect(db).execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    if expected == 0:
        fail("the query returns no rows (wrong region or platform?): timings would mean nothing")
    texts, rows = {}, {}
    for name, cmd in cmds.items():
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode:
            fail(f"{name} exited with {p.returncode}: {p.stderr.strip()[:500]}")
        texts[name] = p.stdout
        with open(os.path.join(outdir, name.replace(" ", "_") + ".out"), "w") as f:
            f.write(p.stdout)
        rows[name] = parse(name, p.stdout)
    for name, r in rows.items():
        n = r if isinstance(r, int) else len(r)
        if n != expected:
            fail(f"{name}: {n} rows, SELECT count(*) gives {expected}")
    keys = {name: {x["channel_key"] for x in r} for name, r in rows.items() if isinstance(r, list)}
    reference = keys["sqlite3 -json"]
    if len(reference) != expected:
        fail(f"sqlite3 -json: {len(reference)} distinct channel keys for {expected} rows")
    for name, k in keys.items():
        if k != reference:
            fail(f"{name}: channel keys differ from sqlite3 -json "
                 f"({len(k - reference)} extra, {len(reference - k)} missing)")
    # Whole rows, in order: JSON against sqlite3 -json, CSV against sqlite3 -csv (strings).
    pairs = [("ours json", "sqlite3 -json"), ("ours ndjson", "sqlite3 -json"),
             ("python json", "sqlite3 -json"), ("python ndjson", "sqlite3 -json"),
             ("ours csv", "sqlite3 -csv")]
    for a, b in pairs:
        ra, rb = rows[a], rows[b]
        for i, (x, y) in enumerate(zip(ra, rb)):
            if x != y:
                diff = {k: (x.get(k), y.get(k)) for k in set(x) | set(y) if x.get(k) != y.get(k)}
                fail(f"{a} row {i} differs from {b}: {diff}")
    same_bytes = texts["python json"] == texts["ours json"]
    print(f"rows: {expected} (SELECT count(*)); every output has them, the same {len(reference)} "
          "channel keys, and the JSON, NDJSON and CSV rows equal those of sqlite3 -json / -csv, "
          "in the same order")
    print(f"python json output byte-identical to ours: {'yes' if same_bytes else 'no'}")


def run(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def main():
    cli, db, outdir = sys.argv[1:4]
    region, platform = (sys.argv[4:6] if len(sys.argv) > 5 else ("BE-WAL", "x"))
    os.makedirs(outdir, exist_ok=True)
    cmds, sql = commands(cli, db, region, platform)
    check(cmds, db, sql, outdir)
    times = {name: [] for name in cmds}
    names = list(cmds)
    for r in range(ROUNDS):
        for name in (names if r % 2 == 0 else names[::-1]):
            times[name].append(run(cmds[name]))
    med = {name: statistics.median(xs) * 1000 for name, xs in times.items()}
    print(f"{ROUNDS} rounds, order reversed every other round; medians of whole processes, "
          "ms (min-max)")
    for name, xs in times.items():
        print(f"  {name:15} {med[name]:8.1f}  ({min(xs) * 1000:.1f}-{max(xs) * 1000:.1f})")
    print(f"registry-cli accounts --region {region} --platform {platform} --format F:")
    print(f"  {'F':7} {'ours ms':>8}  {'reference':15} {'ref ms':>7}  ours/ref")
    refs = {"table": ["sqlite3 -table"], "csv": ["sqlite3 -csv"],
            "json": ["sqlite3 -json", "python json"], "ndjson": ["sqlite3 -json", "python ndjson"]}
    for f in FORMATS:
        ours = med[f"ours {f}"]
        for ref in refs[f]:
            print(f"  {f:7} {ours:8.1f}  {ref:15} {med[ref]:7.1f}  {ours / med[ref]:6.2f}")
    print(f"target (issue 21): json at most 2x sqlite3 -json and under 50 ms: "
          f"{med['ours json'] / med['sqlite3 -json']:.2f}x, {med['ours json']:.0f} ms")


if __name__ == "__main__":
    main()
