#!/usr/bin/env python3
"""A real browser on the site: headless Chromium loads the overview, an accounts query, an
entity page and the report from a server on the shipped seed; the rendered DOM must hold the
headline numbers the API gives, one path per zone on the map, and the table rows; a screenshot
of each page is saved in .build/web-screenshots/ (look at them).

    python3 Tests/Web/browser_test.py     # needs chromium (apt) and .build/debug/registry-cli
"""
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(__file__))
import serve  # noqa: E402

SHOTS = os.path.join(serve.ROOT, ".build", "web-screenshots")
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


class Dom(HTMLParser):
    """The elements of a page as (tag, attributes, text inside, ancestors' tags and classes)."""

    def __init__(self, text):
        super().__init__()
        self.elements = []
        self.stack = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        element = {"tag": tag, "attrs": attrs, "text": "", "ancestors": list(self.stack)}
        self.elements.append(element)
        if tag not in ("br", "img", "input", "meta", "link", "hr", "rect", "line", "circle"):
            self.stack.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for e in self.stack:
            e["text"] += data

    def find(self, tag, cls=None, id=None, inside=None):
        out = []
        for e in self.elements:
            if e["tag"] != tag:
                continue
            if cls and cls not in e["attrs"].get("class", "").split():
                continue
            if id and e["attrs"].get("id") != id:
                continue
            if inside and not any(inside(a) for a in e["ancestors"]):
                continue
            out.append(e)
        return out


def render(url, name):
    """The DOM after load, and a screenshot saved as `name`.png."""
    common = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
              "--disable-dev-shm-usage", "--window-size=1280,2200"]
    shot = os.path.join(SHOTS, name + ".png")
    subprocess.run(common + ["--screenshot=" + shot, url], check=True, capture_output=True,
                   timeout=120)
    dom = subprocess.run(common + ["--dump-dom", url], check=True, capture_output=True,
                         timeout=120).stdout.decode("utf-8")
    return Dom(dom)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL", what)


def main():
    if BROWSER is None:
        print("chromium is not installed: apt-get install chromium (make test installs it)")
        print("0 passed, 1 failed")
        return 1
    os.makedirs(SHOTS, exist_ok=True)
    zones = json.load(open(os.path.join(serve.ROOT, "data/map/be-zones.json")))["zones"]
    c = Checks()
    with serve.workspace() as folder:
        db = serve.make_database(os.path.join(serve.ROOT, "data/seed"), folder)
        with serve.server(db, os.path.join(folder, "server.log")) as base:
            # The overview on a day of the 185 zones before the 2025 mergers: the map draws the
            # zones of that day (the map file also holds the 2026 zones and those of 2013).
            overview = json.loads(serve.get(base + "/api/v1/report?as_of=2024-06-30")[2])
            summary = overview["summary"]

            dom = render(base + "/?as_of=2024-06-30", "overview")
            headline = " ".join(e["text"] for e in dom.find("div", id="headline"))
            c.expect(str(summary["entities"]) in headline,
                     f"overview: headline holds the {summary['entities']} entities: {headline!r}")
            any_ = summary["platforms"][0]
            if any_["estimate"] is not None:
                estimate = f"{any_['estimate'] * 100:.1f}%"
                c.expect(estimate in headline, f"overview: headline holds the estimate {estimate}")
                ci = f"95% CI {any_['estimate_ci_low'] * 100:.1f}–{any_['estimate_ci_high'] * 100:.1f}%"
                c.expect(ci in headline, f"overview: headline holds the estimate's {ci}")
            else:
                why = f"missing ({any_['estimate_missing_reason']})"
                c.expect(why in headline, f"overview: headline says the estimate is {why}")
            bounds = f"{any_['rate_lower'] * 100:.1f}–{any_['rate_upper'] * 100:.1f}%"
            c.expect(bounds in headline, f"overview: headline holds the bounds {bounds}")
            coverage = (f"present {any_['present']} ({any_['present_confirmed']} confirmed), "
                        f"absent {any_['absent']}, unknown {any_['unknown']}")
            c.expect(coverage in headline, f"overview: headline holds the statuses {coverage!r}")
            in_map = lambda a: a["tag"] == "svg" and "zonemap" in a["attrs"].get("class", "")
            paths = dom.find("path", cls="zone", inside=in_map)
            c.expect(len(paths) == summary["entities"],
                     f"overview: one path per zone of the day ({len(paths)} paths, "
                     f"{summary['entities']} entities)")
            ids = [p["attrs"].get("data-entity") for p in paths]
            c.expect(len(set(ids)) == len(ids) and set(ids) <= set(zones),
                     "overview: each path a zone of the map file, once")
            # Every zone in the report is drawn with its status; the counts are the report's
            # (every entity of the seed's report is a zone of the map), unknown never absent.
            drawn = [p["attrs"].get("data-status") for p in paths if p["attrs"].get("data-status")]
            counted = {
                "present": sum(s.startswith("present") for s in drawn),
                "absent": drawn.count("absent"), "unknown": drawn.count("unknown")}
            c.expect(len(drawn) == any_["entities"] and counted == {
                k: any_[k] for k in ("present", "absent", "unknown")},
                f"overview: the map's statuses {counted} are the report's")
            unknown_fills = {p["attrs"].get("fill") for p in paths
                             if p["attrs"].get("data-status") == "unknown"}
            c.expect(unknown_fills <= {"url(#zonemap-unknown)"},
                     f"overview: unknown zones are hatched ({unknown_fills})")
            c.expect(any("MIT" in e["text"] for e in dom.find("summary")),
                     "overview: the map's MIT notice")
            matrix = dom.find("tr", inside=lambda a: a["attrs"].get("id") == "matrix")
            c.expect(len(matrix) == 1 + len({g["region"] for g in overview["regions"]}) + 1,
                     f"overview: matrix has a row per region and one for all ({len(matrix)})")
            # The last row is all regions, its first cell any social: with no estimate the
            # bounds lead the cell and the reason follows; else the estimate leads.
            cells = dom.find("td", cls="cell")
            national = " ".join(cells[-len(summary["platforms"])]["text"].split())
            lead = (bounds if any_["estimate"] is None
                    else f"{any_['estimate'] * 100:.1f}%")
            c.expect(national.startswith(lead),
                     f"overview: the national any-social cell leads with {lead!r}: {national!r}")
            if any_["estimate"] is None:
                c.expect(f"missing ({any_['estimate_missing_reason']})" in national,
                         f"overview: the cell gives the estimate's reason: {national!r}")

            status, headers, body = serve.get(base + "/api/v1/accounts?region=BE-WAL&platform=x")
            total = int(headers["X-Total-Count"])
            dom = render(base + "/accounts?region=BE-WAL&platform=x", "accounts")
            rows = dom.find("tr", inside=lambda a: a["tag"] == "tbody")
            c.expect(len(rows) == total and total > 0,
                     f"accounts: {len(rows)} rows, the API counts {total}")
            # A channel the source shows without naming it has no handle (an empty cell).
            handles = {r["handle"] for r in json.loads(body) if r["handle"] is not None}
            shown = " ".join(r["text"] for r in rows)
            c.expect(all(h in shown for h in handles), "accounts: every handle is shown")

            accounts = json.loads(serve.get(base + "/api/v1/accounts?kind=local_police&sort=-followers")[2])
            entity_id = next(a["entity_id"] for a in accounts if a["entity_id"] in zones)
            detail = json.loads(serve.get(base + "/api/v1/entities/" + entity_id)[2])["entity"]
            dom = render(base + "/entities/" + entity_id + "?as_of=2024-06-30", "entity")
            h1 = " ".join(e["text"] for e in dom.find("h1"))
            c.expect(entity_id in h1 and any(n in h1 for n in detail["names"].values()),
                     f"entity: the heading names {entity_id}: {h1!r}")
            municipalities = dom.find("path", cls="municipality")
            c.expect(len(municipalities) == len(detail["municipalities"]),
                     f"entity: one path per municipality ({len(municipalities)})")
            sections = dom.find("section", cls="channel")
            c.expect(len(sections) == len(detail["channels"]),
                     f"entity: one section per channel ({len(sections)})")
            presence = json.loads(serve.get(
                base + "/api/v1/entities/" + entity_id + "?as_of=2024-06-30")[2])["presence"]
            rows = [(r["attrs"].get("data-platform"), r["attrs"].get("data-status"))
                    for r in dom.find("tr", inside=lambda a: a["attrs"].get("id") == "statuses")
                    if r["attrs"].get("data-platform")]
            c.expect(rows == [(r["platform"], r["status"]) for r in presence["statuses"]],
                     f"entity: its statuses as the API has them ({rows})")

            report = json.loads(serve.get(base + "/api/v1/report?as_of=2024-06-30")[2])
            dom = render(base + "/report?as_of=2024-06-30", "report")
            h1 = " ".join(e["text"] for e in dom.find("h1"))
            c.expect("adoption report, as of 2024-06-30" in h1, f"report: heading {h1!r}")
            paths = dom.find("path", cls="zone")
            c.expect(len(paths) == report["summary"]["entities"],
                     f"report: one path per zone of the day ({len(paths)})")
            # The region × platform table follows the heading of section 2.
            start = next(i for i, e in enumerate(dom.elements)
                         if e["tag"] == "h2" and e["text"].startswith("2. Adoption"))
            table = next(e for e in dom.elements[start:] if e["tag"] == "table")
            rows = [e for e in dom.elements
                    if e["tag"] == "tr" and any(a is table for a in e["ancestors"])]
            c.expect(len(rows) == 1 + len(report["regions"]),
                     f"report: a row per region and platform ({len(rows) - 1}, "
                     f"the API has {len(report['regions'])})")
    print(f"screenshots: {SHOTS}")
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
