#!/usr/bin/env python3
"""Build the zone map data (data/map/be-zones.json) from the municipality TopoJSON.

Usage (from the repository root):

    python3 scripts/build_zone_map.py [reference-folder]

The optional argument is the reference folder (default: ../shared/reference, resolved
relative to the repository root). Python 3 standard library only; deterministic output
(re-running gives byte-identical files).

Inputs:
  * <reference>/data/be_municipalities_2019_topojson__bmesuere-belgium-topojson.json
    TopoJSON, object `municipalities` (581 municipalities, property `nis`), quantized
    WGS84 lon/lat. Geometry: MIT licence, copyright 2020 Arne Hoefkens
    (github.com/arneh61/Belgium-Map), via github.com/bmesuere/belgium-topojson.
  * data/seed/entity_municipalities.csv (entity_id, nis_code, name, population): the
    municipalities that make up each entity (police zone). Any number of entities; one
    municipality may belong to several entities (zones of different periods).

Outputs:
  * data/map/be-zones.json     one SVG path per entity and per municipality (NIS code)
  * data/map/LICENSE-geometry.txt  the MIT notice and the provenance of the geometry

Method:
  1. The arcs are decoded (delta-encoded, quantized integers). All topology work is done
     on the integer grid, so point equality and areas are exact.
  2. An entity's outline is the union of its municipalities, done the topological way:
     the arcs used by exactly one ring of the entity's municipalities are kept (an arc
     shared by two of them is interior and cancels), then stitched end to start into
     closed rings. Where several kept arcs leave the same point (two parts touching at a
     corner) the walk takes the sharpest turn towards the inside, so each part gets its
     own ring. Holes (another zone enclosed) come out with the opposite orientation, so
     the paths draw correctly with fill-rule nonzero as well as evenodd.
  3. Every arc is simplified once (Visvalingam-Whyatt, endpoints fixed, in viewBox
     units), so an arc shared by two zones is drawn identically by both: no gaps, no
     overlaps. Closed arcs keep at least 2 interior points and arcs with the same two
     endpoints as another arc keep at least 1, so no ring collapses.
  4. Projection: equirectangular, x scaled by cos(50.5 deg), y flipped, fitted into a
     viewBox 1000 wide; coordinates rounded to 0.1 on an absolute grid, then written as
     relative moves (absolute M per ring, then l dx dy ..., z).
  5. Self-checks (exit status 1 on failure): every entity has a path, every NIS code has
     a path, every ring closes, each entity's exact area equals the sum of its
     municipalities' areas, and a point inside every municipality is inside exactly the
     entities that list that municipality, both on the exact and on the simplified,
     rounded geometry.
"""

import csv
import heapq
import json
import math
import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED_FILE = os.path.join(REPO_ROOT, "data", "seed", "entity_municipalities.csv")
ENTITIES_FILE = os.path.join(REPO_ROOT, "data", "seed", "entities.csv")  # for the summary only
OUT_DIR = os.path.join(REPO_ROOT, "data", "map")
OUT_JSON = os.path.join(OUT_DIR, "be-zones.json")
OUT_LICENSE = os.path.join(OUT_DIR, "LICENSE-geometry.txt")
TOPO_FILE = "be_municipalities_2019_topojson__bmesuere-belgium-topojson.json"
TOPO_OBJECT = "municipalities"

SOURCE_REPO = "github.com/bmesuere/belgium-topojson"
SOURCE_COMMIT = "a903fdab5a765822dafabf42c258809d4ad74e78"
GEOMETRY_REPO = "github.com/arneh61/Belgium-Map"

WIDTH = 1000          # viewBox width
PAD = 4               # viewBox units left free on every side (room for strokes)
MEAN_LAT = 50.5       # degrees; x is scaled by cos(MEAN_LAT)
TOLERANCE = 0.3       # Visvalingam-Whyatt effective area, in square viewBox units
ZONES_BUDGET = 120_000  # bytes of path data for the current zones (valid_to empty; warning only)

MIT_NOTICE = """MIT License

Copyright (c) 2020 Arne Hoefkens

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


class BuildError(Exception):
    pass


# --------------------------------------------------------------------------------------
# input
# --------------------------------------------------------------------------------------

def load_topology(path):
    """Return (arcs, transform, municipalities).

    arcs: list of lists of (qx, qy) integer points (decoded from the delta encoding).
    municipalities: NIS code -> list of rings, each ring a list of arc references
    (i = arc i forwards, ~i = arc i backwards), over all polygons of the municipality.
    """
    with open(path, encoding="utf-8") as f:
        topo = json.load(f)
    if topo.get("type") != "Topology" or "transform" not in topo:
        raise BuildError(f"{path}: not a quantized TopoJSON topology")
    arcs = []
    for raw in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in raw:
            x += dx
            y += dy
            pts.append((x, y))
        arcs.append(pts)
    munis = {}
    for g in topo["objects"][TOPO_OBJECT]["geometries"]:
        nis = str(g["properties"]["nis"])
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            raise BuildError(f"municipality {nis}: unexpected geometry type {g['type']}")
        if nis in munis:
            raise BuildError(f"NIS code {nis} appears twice in the TopoJSON")
        munis[nis] = [list(ring) for poly in polys for ring in poly]
    return arcs, topo["transform"], munis


def load_entities(path):
    """entity id -> sorted list of NIS codes."""
    ent = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            ent.setdefault(row["entity_id"], set()).add(row["nis_code"])
    return {k: sorted(v) for k, v in sorted(ent.items())}


# --------------------------------------------------------------------------------------
# topology on the integer grid
# --------------------------------------------------------------------------------------

def arc_points(arcs, ref):
    return arcs[ref] if ref >= 0 else arcs[~ref][::-1]


def ring_points(arcs, refs):
    """Points of a ring made of arc references; first point repeated at the end."""
    pts = []
    for ref in refs:
        a = arc_points(arcs, ref)
        if pts and pts[-1] != a[0]:
            raise BuildError(f"arc {ref} does not start where the previous arc ends")
        pts.extend(a if not pts else a[1:])
    return pts


def area2(pts):
    """Twice the signed area of a closed ring (exact for integer points)."""
    s = 0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        s += x0 * y1 - x1 * y0
    return s


def union_rings(arcs, munis, nis_list, inside_sign, label):
    """The outline of the union of the municipalities in nis_list, as closed rings of
    arc references. inside_sign is +1 when exterior rings are counter-clockwise in the
    (x right, y up) grid, -1 when clockwise."""
    uses = {}
    for nis in nis_list:
        for ring in munis[nis]:
            for ref in ring:
                uses.setdefault(ref if ref >= 0 else ~ref, []).append(ref)
    kept = []
    for idx in sorted(uses):
        refs = uses[idx]
        if len(refs) == 1:
            kept.append(refs[0])
        elif len(refs) == 2 and refs[0] == ~refs[1]:
            continue  # interior arc, walked once each way: cancels
        else:
            raise BuildError(f"{label}: arc {idx} used {len(refs)} times ({refs}); the rings overlap")
    outgoing = {}
    for ref in kept:
        outgoing.setdefault(arc_points(arcs, ref)[0], []).append(ref)
    used = set()
    rings = []
    for first in kept:
        if first in used:
            continue
        used.add(first)
        ring = [first]
        start = arc_points(arcs, first)[0]
        pts = arc_points(arcs, first)
        while pts[-1] != start:
            here = pts[-1]
            cands = [r for r in outgoing.get(here, []) if r not in used]
            if not cands:
                raise BuildError(f"{label}: ring starting at arc {first} does not close (open end at {here})")
            if len(cands) > 1:
                # several boundary arcs leave this point: take the sharpest turn towards the
                # inside, which keeps walking around the same part.
                px, py = pts[-2]
                din = (here[0] - px, here[1] - py)

                def turn(r):
                    q = arc_points(arcs, r)[1]
                    dout = (q[0] - here[0], q[1] - here[1])
                    cross = din[0] * dout[1] - din[1] * dout[0]
                    dot = din[0] * dout[0] + din[1] * dout[1]
                    return (inside_sign * math.atan2(cross, dot), r)
                cands.sort(key=turn)
                cands.reverse()
            nxt = cands[0]
            used.add(nxt)
            ring.append(nxt)
            pts = arc_points(arcs, nxt)
        rings.append(ring)
    return rings


def interior_point(rings_pts):
    """A point strictly inside a polygon given as closed rings of points (even-odd rule):
    the middle of the widest inside stretch of a horizontal line through the middle of
    the polygon, at a height that avoids every vertex."""
    ys = sorted({p[1] for r in rings_pts for p in r})
    lo, hi = ys[0], ys[-1]
    mid = (lo + hi) / 2
    # candidate heights: halfway between consecutive vertex heights, nearest the middle first
    cands = sorted(((a + b) / 2 for a, b in zip(ys, ys[1:]) if b > a), key=lambda y: (abs(y - mid), y))
    best = None
    for y in cands[:9]:
        xs = []
        for r in rings_pts:
            for (x0, y0), (x1, y1) in zip(r, r[1:]):
                if (y0 < y) != (y1 < y):
                    xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        xs.sort()
        for a, b in zip(xs[0::2], xs[1::2]):
            if best is None or b - a > best[0]:
                best = (b - a, ((a + b) / 2, y))
    if best is None:
        raise BuildError("no interior point found")
    return best[1]


def winding(pt, rings_pts, bboxes):
    """Winding number of the closed rings around pt."""
    x, y = pt
    w = 0
    for r, (x0b, y0b, x1b, y1b) in zip(rings_pts, bboxes):
        if not (x0b <= x <= x1b and y0b <= y <= y1b):
            continue
        for (ax, ay), (bx, by) in zip(r, r[1:]):
            if ay <= y:
                if by > y and (bx - ax) * (y - ay) - (x - ax) * (by - ay) > 0:
                    w += 1
            elif by <= y and (bx - ax) * (y - ay) - (x - ax) * (by - ay) < 0:
                w -= 1
    return w


def bbox(pts):
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def segment_defects(arc_pts):
    """Pairs of arcs whose segments cross, overlap or touch other than at shared
    endpoints: arc index -> integer points. Returns sorted (kind, arc, arc) tuples."""
    segs = []
    for i in sorted(arc_pts):
        a = arc_pts[i]
        for j in range(len(a) - 1):
            segs.append((a[j], a[j + 1], i))
    xs = [c[0] for p, q, _ in segs for c in (p, q)]
    ys = [c[1] for p, q, _ in segs for c in (p, q)]
    cell = max(1, (max(xs) - min(xs) + max(ys) - min(ys)) // 400)
    grid = {}
    for k, (p, q, _) in enumerate(segs):
        for cx in range(min(p[0], q[0]) // cell, max(p[0], q[0]) // cell + 1):
            for cy in range(min(p[1], q[1]) // cell, max(p[1], q[1]) // cell + 1):
                grid.setdefault((cx, cy), []).append(k)

    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)

    def inside(a, b, c):  # c on segment ab, not at an end
        return (c != a and c != b and orient(a, b, c) == 0
                and min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1]))

    seen = set()
    bad = set()
    for ks in grid.values():
        for x in range(len(ks)):
            for y in range(x + 1, len(ks)):
                pair = (ks[x], ks[y])
                if pair in seen:
                    continue
                seen.add(pair)
                (p1, q1, i1), (p2, q2, i2) = segs[pair[0]], segs[pair[1]]
                if (orient(p1, q1, p2) * orient(p1, q1, q2) < 0 and orient(p2, q2, p1) * orient(p2, q2, q1) < 0):
                    bad.add(("cross", i1, i2))
                elif inside(p1, q1, p2) or inside(p1, q1, q2) or inside(p2, q2, p1) or inside(p2, q2, q1):
                    bad.add(("touch", i1, i2))
    return sorted(bad)


# --------------------------------------------------------------------------------------
# simplification and projection
# --------------------------------------------------------------------------------------

def visvalingam(pts):
    """Effective area of each point (Visvalingam-Whyatt, each point's area at least that
    of any point removed before it); endpoints get infinity."""
    n = len(pts)
    eff = [math.inf] * n
    if n <= 2:
        return eff
    prev = list(range(-1, n - 1))
    nxt = list(range(1, n + 1))
    version = [0] * n

    def tri(a, b, c):
        (ax, ay), (bx, by), (cx, cy) = pts[a], pts[b], pts[c]
        return abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2

    heap = [(tri(i - 1, i, i + 1), i, 0) for i in range(1, n - 1)]
    heapq.heapify(heap)
    done = [False] * n
    floor = 0.0
    while heap:
        a, i, v = heapq.heappop(heap)
        if done[i] or v != version[i]:
            continue
        floor = max(floor, a)
        eff[i] = floor
        done[i] = True
        p, q = prev[i], nxt[i]
        nxt[p] = q
        prev[q] = p
        for j in (p, q):
            if 0 < j < n - 1:
                version[j] += 1
                heapq.heappush(heap, (tri(prev[j], j, nxt[j]), j, version[j]))
    return eff


class Projection:
    def __init__(self, arcs, transform):
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        self.sx, self.sy, self.tx, self.ty = sx, sy, tx, ty
        qxs = [p[0] for a in arcs for p in a]
        qys = [p[1] for a in arcs for p in a]
        self.lon0 = min(qxs) * sx + tx
        self.lon1 = max(qxs) * sx + tx
        self.lat0 = min(qys) * sy + ty
        self.lat1 = max(qys) * sy + ty
        self.c = math.cos(math.radians(MEAN_LAT))
        self.k = (WIDTH - 2 * PAD) / ((self.lon1 - self.lon0) * self.c)
        self.height = math.ceil((self.lat1 - self.lat0) * self.k + 2 * PAD)

    def __call__(self, q):
        lon = q[0] * self.sx + self.tx
        lat = q[1] * self.sy + self.ty
        return ((lon - self.lon0) * self.c * self.k + PAD, (self.lat1 - lat) * self.k + PAD)


def simplify_arcs(arcs, used_arcs, proj, tolerance):
    """Each used arc, simplified once and rounded to tenths of a viewBox unit:
    arc index -> list of (X, Y) integers in tenths, consecutive duplicates removed."""
    ends = {}
    for i in used_arcs:
        a = arcs[i]
        key = tuple(sorted((a[0], a[-1])))
        ends[key] = ends.get(key, 0) + 1
    out = {}
    for i in sorted(used_arcs):
        a = arcs[i]
        p = [proj(q) for q in a]
        eff = visvalingam(p)
        if a[0] == a[-1]:
            min_keep = 2
        elif ends[tuple(sorted((a[0], a[-1])))] > 1:
            min_keep = 1
        else:
            min_keep = 0
        keep = {0, len(a) - 1}
        keep.update(j for j in range(1, len(a) - 1) if eff[j] >= tolerance)
        if len(keep) - 2 < min_keep:
            ranked = sorted(range(1, len(a) - 1), key=lambda j: (-eff[j], j))
            keep.update(ranked[:min_keep])
        pts = []
        for j in sorted(keep):
            t = (round(p[j][0] * 10), round(p[j][1] * 10))
            if not pts or pts[-1] != t:
                pts.append(t)
        out[i] = pts
    return out


def simplified_ring(sarcs, refs):
    """Closed ring of tenths points (first point repeated at the end), duplicates removed."""
    pts = []
    for ref in refs:
        a = sarcs[ref] if ref >= 0 else sarcs[~ref][::-1]
        for t in a:
            if not pts or pts[-1] != t:
                pts.append(t)
    return pts


def num(t):
    """Tenths integer as the shortest decimal: 12 -> 1.2, -5 -> -.5, 30 -> 3."""
    s = "-" if t < 0 else ""
    whole, frac = divmod(abs(t), 10)
    if frac == 0:
        return s + str(whole)
    return s + (str(whole) if whole else "") + "." + str(frac)


def numbers(values):
    out = []
    for v in values:
        s = num(v)
        if out and not s.startswith("-"):
            out.append(" ")
        out.append(s)
    return "".join(out)


def path_d(rings_tenths):
    """SVG path data: per ring an absolute M, relative l moves, z."""
    parts = []
    for r in rings_tenths:
        body = r[:-1]  # the closing point is implied by z
        x0, y0 = body[0]
        deltas = []
        for (ax, ay), (bx, by) in zip(body, body[1:]):
            deltas.extend((bx - ax, by - ay))
        parts.append("M" + numbers((x0, y0)) + "l" + numbers(deltas) + "z")
    return "".join(parts)


# --------------------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------------------

def main():
    ref = sys.argv[1] if len(sys.argv) > 1 else "../shared/reference"
    if not os.path.isabs(ref):
        ref = os.path.normpath(os.path.join(REPO_ROOT, ref))
    topo_path = os.path.join(ref, "data", TOPO_FILE)

    arcs, transform, munis = load_topology(topo_path)
    entities = load_entities(SEED_FILE)
    errors = []

    # NIS codes: the seed's and the TopoJSON's must match
    seed_nis = {n for v in entities.values() for n in v}
    missing = sorted(seed_nis - set(munis))
    if missing:
        raise BuildError(f"NIS codes in {os.path.relpath(SEED_FILE, REPO_ROOT)} not in the TopoJSON: {missing}")
    unused = sorted(set(munis) - seed_nis)

    # orientation of the municipality rings (all exterior: the source has no holes)
    muni_area = {}
    signs = set()
    for nis, rings in munis.items():
        total = 0
        for r in rings:
            a = area2(ring_points(arcs, r))
            if a == 0:
                errors.append(f"municipality {nis}: ring of zero area")
            signs.add(a > 0)
            total += a
        muni_area[nis] = total
    if len(signs) != 1:
        raise BuildError("municipality rings do not all have the same orientation")
    inside_sign = 1 if signs.pop() else -1

    # unions
    zone_rings = {}
    for eid, nis_list in entities.items():
        zone_rings[eid] = union_rings(arcs, munis, nis_list, inside_sign, eid)
    muni_rings = {nis: union_rings(arcs, munis, [nis], inside_sign, nis) for nis in sorted(munis)}
    national = union_rings(arcs, munis, sorted(munis), inside_sign, "Belgium")

    # exact checks on the integer grid
    zone_pts = {eid: [ring_points(arcs, r) for r in rings] for eid, rings in zone_rings.items()}
    muni_pts = {nis: [ring_points(arcs, r) for r in rings] for nis, rings in muni_rings.items()}
    holes = 0
    for eid, rings in zone_pts.items():
        if not rings:
            errors.append(f"{eid}: no ring")
        for r in rings:
            if r[0] != r[-1]:
                errors.append(f"{eid}: ring not closed")
            if inside_sign * area2(r) < 0:
                holes += 1
        got = sum(area2(r) for r in rings)
        want = sum(muni_area[n] for n in entities[eid])
        if got != want:
            errors.append(f"{eid}: union area {got} != sum of municipality areas {want}")
    mult = {}
    for v in entities.values():
        for n in v:
            mult[n] = mult.get(n, 0) + 1
    sum_zones = sum(area2(r) for rings in zone_pts.values() for r in rings)
    sum_munis = sum(mult.get(n, 0) * a for n, a in muni_area.items())
    if sum_zones != sum_munis:
        errors.append(f"sum of zone areas {sum_zones} != sum of municipality areas {sum_munis}")
    nat_area = sum(area2(ring_points(arcs, r)) for r in national)
    if nat_area != sum(muni_area.values()):
        errors.append("national outline area != sum of municipality areas")

    # a point inside each municipality is inside exactly the entities that list it
    def membership_errors(mpts, zpts, what):
        errs = []
        zb = {e: [bbox(r) for r in rs] for e, rs in zpts.items()}
        zbox = {e: (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
                for e, bs in zb.items()}
        members = {}
        for e, v in entities.items():
            for n in v:
                members.setdefault(n, set()).add(e)
        for nis, rings in mpts.items():
            pt = interior_point(rings)
            if winding(pt, rings, [bbox(r) for r in rings]) == 0:
                errs.append(f"{what}: interior point of {nis} not inside {nis}")
            found = set()
            for e, rs in zpts.items():
                b = zbox[e]
                if b[0] <= pt[0] <= b[2] and b[1] <= pt[1] <= b[3] and winding(pt, rs, zb[e]) != 0:
                    found.add(e)
            if found != members.get(nis, set()):
                errs.append(f"{what}: {nis} is inside {sorted(found)}, expected {sorted(members.get(nis, set()))}")
        return errs

    errors += membership_errors(muni_pts, zone_pts, "exact")

    # simplify, project, round
    proj = Projection(arcs, transform)
    used_arcs = {r if r >= 0 else ~r for rings in munis.values() for ring in rings for r in ring}
    sarcs = simplify_arcs(arcs, used_arcs, proj, TOLERANCE)
    pts_in = sum(len(arcs[i]) for i in used_arcs)
    pts_out = sum(len(a) for a in sarcs.values())

    def simplified(rings, label):
        out = []
        for r in rings:
            exact = ring_points(arcs, r)
            s = simplified_ring(sarcs, r)
            if s[0] != s[-1]:
                errors.append(f"{label}: simplified ring not closed")
            a = area2(s)
            # y is flipped by the projection: the orientation sign flips too
            if len(set(s)) < 3 or a == 0 or (a > 0) == (area2(exact) > 0):
                errors.append(f"{label}: ring collapsed or flipped by simplification ({len(s)} points)")
            out.append(s)
        return out

    zone_s = {eid: simplified(rings, eid) for eid, rings in zone_rings.items()}
    muni_s = {nis: simplified(rings, nis) for nis, rings in muni_rings.items()}
    errors += membership_errors(muni_s, zone_s, "simplified")
    # shared arcs are drawn identically, so the simplified areas add up exactly too
    muni_s_area = {nis: sum(area2(r) for r in rings) for nis, rings in muni_s.items()}
    for eid, rings in zone_s.items():
        if sum(area2(r) for r in rings) != sum(muni_s_area[n] for n in entities[eid]):
            errors.append(f"{eid}: simplified union area != sum of its simplified municipality areas")
    # no two simplified arcs cross or touch (no slivers, no overlaps, no self-intersections)
    for kind, i1, i2 in segment_defects(sarcs):
        errors.append(f"simplified arcs {i1} and {i2}: {kind}")
    source_defects = segment_defects({i: arcs[i] for i in used_arcs})

    zone_d = {eid: path_d(r) for eid, r in zone_s.items()}
    muni_d = {nis: path_d(r) for nis, r in muni_s.items()}
    for eid in entities:
        if not zone_d.get(eid):
            errors.append(f"{eid}: empty path")
    for nis in munis:
        if not muni_d.get(nis):
            errors.append(f"{nis}: empty path")

    if errors:
        for e in errors[:50]:
            print("ERROR:", e, file=sys.stderr)
        print(f"{len(errors)} error(s); nothing written", file=sys.stderr)
        return 1

    # write
    view_box = f"0 0 {WIDTH} {proj.height}"
    about = (
        "Outlines of the entities (police zones) of data/seed/entity_municipalities.csv and of the "
        f"{len(munis)} municipalities (pre-2025, by NIS code) as SVG path data for one shared viewBox. "
        "Each entity outline is the union of its municipalities, taken on the TopoJSON topology "
        "(arcs used by exactly one of its municipalities, stitched into closed rings; holes are "
        "oppositely oriented, so fill-rule nonzero and evenodd both work). Every arc is simplified "
        f"once (Visvalingam-Whyatt, effective area {TOLERANCE} square viewBox units, endpoints fixed), "
        "so neighbouring outlines share the same edges. Coordinates: 0.1 units, absolute M per ring, "
        "relative l moves, z. Rebuild: python3 scripts/build_zone_map.py (from the repository root)."
    )
    doc = [
        ("about", about),
        ("licence", MIT_NOTICE.strip() + "\n\nApplies to the geometry, from which this file is derived."),
        ("source", {
            "geometry": f"{GEOMETRY_REPO} (MIT, copyright 2020 Arne Hoefkens) via {SOURCE_REPO} belgium.json, "
                        f"object {TOPO_OBJECT} (581 municipalities, WGS84 lon/lat, quantized)",
            "properties": "NIS codes from the TopoJSON (Statbel REFNIS 2019); entity to municipality lists "
                          "from data/seed/entity_municipalities.csv",
            "commit": SOURCE_COMMIT,
        }),
        ("projection", f"equirectangular, x scaled by cos({MEAN_LAT}\u00b0), y flipped (north up); "
                       f"lon {proj.lon0:.6f}..{proj.lon1:.6f}, lat {proj.lat0:.6f}..{proj.lat1:.6f} "
                       f"fitted into the viewBox with {PAD} units of margin; "
                       f"1 unit = {111.32 / proj.k:.3f} km north-south"),
        ("viewBox", view_box),
        ("zones", zone_d),
        ("municipalities", muni_d),
    ]
    lines = ["{"]
    for i, (k, v) in enumerate(doc):
        comma = "," if i < len(doc) - 1 else ""
        if isinstance(v, dict):
            lines.append(f"{json.dumps(k)}: {{")
            items = list(v.items())
            for j, (kk, vv) in enumerate(items):
                lines.append(f"{json.dumps(kk)}: {json.dumps(vv, ensure_ascii=False)}" + ("," if j < len(items) - 1 else ""))
            lines.append("}" + comma)
        else:
            lines.append(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}{comma}")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # well-formed

    license_text = (
        "The map geometry in this folder (be-zones.json) is derived from\n"
        f"{SOURCE_REPO}, file belgium.json, commit {SOURCE_COMMIT},\n"
        f"whose geometry comes from {GEOMETRY_REPO} and is published under this licence:\n\n"
        + MIT_NOTICE
        + "\nDerivation: scripts/build_zone_map.py (unions of municipalities into police zones,\n"
          "simplification, projection). Keep this notice with any copy or derivative of the geometry.\n"
    )
    os.makedirs(OUT_DIR, exist_ok=True)
    for path, content in ((OUT_JSON, text), (OUT_LICENSE, license_text)):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)

    # summary
    ended = set()
    if os.path.exists(ENTITIES_FILE):
        with open(ENTITIES_FILE, encoding="utf-8", newline="") as f:
            ended = {row["id"] for row in csv.DictReader(f) if row.get("valid_to")}
    current = [e for e in zone_d if e not in ended]
    zone_bytes = sum(len(zone_d[e]) for e in current)
    all_bytes = sum(len(d) for d in zone_d.values())
    muni_bytes = sum(len(d) for d in muni_d.values())
    nrings = sum(len(r) for r in zone_rings.values())
    multi = sum(1 for r in zone_rings.values() if len(r) > 1)
    big = max(zone_d, key=lambda e: (len(zone_d[e]), e))
    print(f"entities: {len(entities)}, municipalities: {len(munis)}, arcs: {len(used_arcs)}")
    print(f"zone rings: {nrings} ({multi} entities with more than one ring, {holes} holes); "
          f"Belgium outline: {len(national)} rings")
    print(f"points: {pts_in} -> {pts_out} after simplification (tolerance {TOLERANCE} sq units)")
    km2 = transform["scale"][0] * transform["scale"][1] * 111.32 ** 2 * math.cos(math.radians(MEAN_LAT)) / 2
    print(f"checks: each union's area equals the sum of its municipalities' areas, exactly "
          f"(all entities {abs(sum_zones) * km2:,.0f} km2, Belgium {abs(nat_area) * km2:,.0f} km2; also on the "
          f"simplified geometry, {abs(sum(muni_s_area[n] * c for n, c in mult.items()))} tenths^2 x2); "
          f"{len(munis)} interior points inside exactly their entities (exact and simplified); "
          f"no crossing or touching simplified segments")
    print(f"viewBox {view_box}; path data: {len(current)} current zones {zone_bytes} bytes "
          f"(all {len(zone_d)} entities {all_bytes}), {len(muni_d)} municipalities {muni_bytes} bytes")
    print(f"largest zone path: {big} ({len(zone_d[big])} bytes)")
    print(f"{os.path.relpath(OUT_JSON, REPO_ROOT)}: {len(text.encode('utf-8'))} bytes; "
          f"{os.path.relpath(OUT_LICENSE, REPO_ROOT)}: {len(license_text.encode('utf-8'))} bytes")
    if source_defects:
        print(f"note: the source arcs have {len(source_defects)} crossing/touching segment pairs "
              f"({', '.join(f'{k} {a}/{b}' for k, a, b in source_defects)}); none is left after simplification")
    if unused:
        print(f"note: {len(unused)} municipalities of the TopoJSON in no entity: {unused}")
    if zone_bytes > ZONES_BUDGET:
        print(f"warning: zone path data {zone_bytes} bytes is over the {ZONES_BUDGET} byte budget")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BuildError as e:
        print("ERROR:", e, file=sys.stderr)
        sys.exit(1)
