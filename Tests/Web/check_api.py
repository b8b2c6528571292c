#!/usr/bin/env python3
"""Every /api/v1 route against the OpenAPI document (Sources/Web/API/openapi.json): each request
below is sent to a running server, its status must be one the document lists for the route, and
its body must validate against that response's schema (JSON Schema 2020-12, OpenAPI 3.1
dialect, with openapi-schema-validator). Every path of the document is requested at least once,
and every query parameter sent is one the document declares for the route. Three databases:
the compare fixture, the report fixture (surveys) and the shipped seed (what users serve).

    python3 Tests/Web/check_api.py       # needs .build/debug/registry-cli and the venv's packages
"""
import json
import os
import sys
import urllib.parse

from openapi_schema_validator import OAS31Validator

sys.path.insert(0, os.path.dirname(__file__))
import serve  # noqa: E402

SPEC = json.load(open(os.path.join(serve.ROOT, "Sources/Web/API/openapi.json")))

# (path, query) pairs; statuses are checked against the document, not listed here.
REQUESTS = [
    ("/openapi.json", ""),
    ("/accounts", ""),
    ("/accounts", "region=BE-WAL&platform=x"),
    ("/accounts", "sort=-followers&limit=5&offset=1"),
    ("/accounts", "search=police&as_of=2020-01-01&status=unknown&kind=local_police"),
    ("/accounts", "region=XX-YY"),
    ("/accounts", "limit=-1"),
    ("/accounts", "sort=nope"),
    ("/accounts", "regoin=BE-WAL"),
    ("/accounts", "as_of=2020-13-45"),
    ("/entities", ""),
    ("/entities", "with_channels=1&region=BE-VLG&limit=3"),
    ("/entities", "without_channels&country=BE&language=fr"),
    ("/entities", "with_channels=1&without_channels=1"),
    ("/summary", ""),
    ("/summary", "platform=x&as_of=2015-01-01"),
    ("/references", ""),
    ("/references", "platform=x&kind=local_police"),
    ("/log", ""),
    ("/log", "entity=zp-a&since=2000-01-01"),
    ("/entities/{id}", ""),
    ("/entities/{missing}", ""),
    ("/channels/{channel}/history", ""),
    ("/channels/{channel}/history", "every=week&from=2000-01-01&to=2030-12-31&limit=2"),
    ("/channels/{channel}/history", "from=2030-01-01&to=2000-01-01"),
    ("/channels/999999999/history", ""),
    ("/report", ""),
    ("/report", "as_of=2024-01-01&platform=x&region=BE-VLG&staleness_days=30"),
    ("/report", "country=FR"),
    ("/report", "staleness_days=99999"),
    ("/compare/{id}", "as_of=2024-01-01"),
    ("/compare/{id}", "peers=size&platform=x&as_of=2024-01-01"),
    ("/compare/{missing}", ""),
    ("/compare/{id}", "peers=planet"),
    ("/rank", ""),
    ("/rank", "metric=followers_per_1000&as_of=2024-01-01&top=3"),
    ("/rank", "metric=growth_90d&platform=x&region=BE-VLG"),
    ("/rank", "metric=charm"),
    ("/accounts", "presence=1&platform=x&min_confidence=low"),
    ("/accounts", "presence=1&include_ceased=1"),
    ("/accounts", "min_confidence=plaid"),
    ("/entities/{id}", "as_of=2020-01-01&min_confidence=high"),
    ("/entities/{id}", "min_confidence=plaid"),
    ("/entities/{id}", "regoin=BE-WAL"),
    ("/summary", "min_confidence=low&platform=x"),
    ("/report", "min_confidence=high&as_of=2024-01-01"),
    ("/compare/{id}", "min_confidence=low&as_of=2024-01-01"),
    ("/rank", "min_confidence=low&as_of=2024-01-01"),
]

# On the shipped seed, what users serve: channels without a handle (handle-unknown), ceased
# entities, uncertain dates, surveys.
SEED = [
    ("/accounts", "include_ceased=1&limit=50000"),
    ("/accounts", "presence=1"),
    ("/entities", ""),
    ("/entities/be-pz-bruxelles-capitale-ixelles", ""),
    ("/entities/be-fed-press-service", ""),
    ("/report", ""),
    ("/report", "as_of=2013-06-30"),
    ("/summary", ""),
    ("/rank", "metric=followers_per_1000"),
    ("/references", ""),
    ("/log", ""),
]

# On the report's fixture: surveys (present and absent), so that statuses, surveys and the
# report's bounds and estimates are in the answers.
SURVEYED = [
    ("/entities/zone-c", "as_of=2021-06-30"),
    ("/entities/zone-h", "as_of=2021-06-30&min_confidence=high"),
    ("/accounts", "presence=1&as_of=2021-06-30"),
    ("/accounts", "presence=1&as_of=2021-06-30&platform=instagram&min_confidence=low"),
    ("/report", "as_of=2021-06-30&platform=x&platform=instagram"),
    ("/summary", "as_of=2021-06-30"),
    ("/rank", "as_of=2021-06-30"),
]

# Sent on purpose without being declared: the API must refuse them (400, documented).
MISSPELT = {"regoin"}


def template(path):
    """The document's path for a concrete one (`/entities/{id}` for `/entities/zp-a`)."""
    if path in SPEC["paths"]:
        return path
    parts = path.strip("/").split("/")
    for candidate in SPEC["paths"]:
        c = candidate.strip("/").split("/")
        if len(c) == len(parts) and all(a == b or a.startswith("{") for a, b in zip(c, parts)):
            return candidate
    return None


def resolve(node):
    while isinstance(node, dict) and "$ref" in node:
        kind, name = node["$ref"].split("/")[-2:]
        node = SPEC["components"][kind][name]
    return node


def main():
    passed, failed = 0, 0
    failures = []
    covered = set()

    def record(label, path, concrete, query, base):
        nonlocal passed, failed
        url = base + "/api/v1" + concrete + ("?" + query if query else "")
        problem = check(path, concrete, query, url)
        if problem:
            failed += 1
            failures.append(f"{label}{concrete}?{query}: {problem}")
        else:
            passed += 1

    with serve.workspace() as folder:
        db = serve.make_database(os.path.join(serve.ROOT, "Tests/Fixtures/compare-seed"), folder)
        with serve.server(db, os.path.join(folder, "server.log")) as base:
            status, _, body = serve.get(base + "/api/v1/accounts?limit=50000")
            channels = [row["channel_key"] for row in json.loads(body)]
            # Numeric channel ids: from an entity's detail (the history route takes the id).
            status, _, body = serve.get(base + "/api/v1/entities/zp-a")
            channel_ids = [c["channel"]["id"] for c in json.loads(body)["entity"]["channels"]]
            names = {"id": "zp-a", "missing": "no-such-entity", "channel": str(channel_ids[0])}
            assert channels, "the fixture has channels"
            for path, query in REQUESTS:
                concrete = path.format(**names)
                covered.add(template(concrete))
                record("", path, concrete, query, base)
        for label, seed, log, requests in [
                ("report fixture ", "Tests/Fixtures/report-seed", "server-surveyed.log", SURVEYED),
                ("shipped seed ", "data/seed", "server-seed.log", SEED)]:
            db = serve.make_database(os.path.join(serve.ROOT, seed), folder)
            with serve.server(db, os.path.join(folder, log)) as base:
                for path, query in requests:
                    record(label, path, path, query, base)
    for p in SPEC["paths"]:
        if p not in covered:
            failed += 1
            failures.append(f"{p}: documented but never requested")
    for f in failures:
        print("FAIL", f)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def check(path, concrete, query, url):
    t = template(concrete)
    if t is None:
        return "no documented path matches"
    op = SPEC["paths"][t]["get"]
    declared = {resolve(p)["name"] for p in op.get("parameters", []) if resolve(p)["in"] == "query"}
    for name, _ in urllib.parse.parse_qsl(query, keep_blank_values=True):
        if name not in declared and name not in MISSPELT:
            return f"query parameter '{name}' is not declared"
    status, headers, body = serve.get(url)
    responses = op["responses"]
    if str(status) not in responses:
        return f"status {status} is not documented (documented: {', '.join(responses)}): {body[:300]!r}"
    response = resolve(responses[str(status)])
    content = response.get("content", {}).get("application/json")
    if content is None:
        return f"status {status} documents no JSON body"
    if not headers.get("Content-Type", "").startswith("application/json"):
        return f"content type {headers.get('Content-Type')}"
    try:
        doc = json.loads(body)
    except ValueError as e:
        return f"not JSON: {e}"
    schema = dict(content["schema"])
    schema["components"] = SPEC["components"]
    errors = sorted(OAS31Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        return f"{len(errors)} schema violations, first at {list(e.path)}: {e.message[:300]}"
    for name in response.get("headers", {}):
        if name not in headers:
            return f"header {name} missing"
    return None


if __name__ == "__main__":
    sys.exit(main())
