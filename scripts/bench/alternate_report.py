"""Two or more registry-cli binaries timed on one database, alternating. Not a test.

alternate_report.py CLI1,CLI2[,...] DB ROUNDS [AS_OF]
    runs `report adoption --format json` with each binary in turn, the order swapped every round,
    and prints per binary the median wall time and the median CPU time (user + sys of the child)
    and their ratio (above 1: more than one core worked). Used to compare builds on a shared
    machine, where only times taken in the same minutes compare (docs/performance-history.md).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

bins = sys.argv[1].split(",")
db = sys.argv[2]
rounds = int(sys.argv[3])
as_of = sys.argv[4] if len(sys.argv) > 4 else "2025-06-30"
wall = {b: [] for b in bins}
cpu = {b: [] for b in bins}
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "report.json")
    for i in range(rounds):
        for b in bins if i % 2 == 0 else bins[::-1]:
            r0 = os.times()
            t0 = time.perf_counter()
            subprocess.run(
                [b, "report", "adoption", "--db", db, "--as-of", as_of, "--format", "json",
                 "--out", out], check=True, stderr=subprocess.DEVNULL)
            wall[b].append(time.perf_counter() - t0)
            r1 = os.times()
            cpu[b].append(r1.children_user - r0.children_user
                          + r1.children_system - r0.children_system)
for b in bins:
    w = statistics.median(wall[b])
    c = statistics.median(cpu[b])
    print(f"{b}: wall median {w * 1000:.0f} ms (min {min(wall[b]) * 1000:.0f}), "
          f"cpu median {c * 1000:.0f} ms, cpu/wall {c / w:.2f}")
