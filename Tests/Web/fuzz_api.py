#!/usr/bin/env python3
"""Property-based run over every /api/v1 route with schemathesis: values generated from the
OpenAPI document (valid and invalid), sent to a server on the compare fixture; the run fails on
any 5xx, any status the document does not list, any wrong content type or missing documented
header, and any body that violates its schema.

    python3 Tests/Web/fuzz_api.py              # EXAMPLES=50 per route (default), SEED=20
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import serve  # noqa: E402

CHECKS = ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance",
    "response_headers_conformance", "response_schema_conformance",
])


def main():
    examples = os.environ.get("EXAMPLES", "50")
    seed = os.environ.get("SEED", "20")
    tool = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    with serve.workspace() as folder:
        db = serve.make_database(os.path.join(serve.ROOT, "Tests/Fixtures/compare-seed"), folder)
        with serve.server(db, os.path.join(folder, "server.log")) as base:
            run = subprocess.run([
                tool, "run", base + "/api/v1/openapi.json", "--url", base + "/api/v1",
                "--checks", CHECKS, "--max-examples", examples, "--seed", seed,
                "--phases", "examples,coverage,fuzzing", "--generation-database", "none",
                "--request-timeout", "30", "--no-color", "--workers", "2",
                "--suppress-health-check", "all", "--output-truncate", "true",
            ], env=dict(os.environ, SCHEMATHESIS_HOOKS=""), cwd=folder)
            print(open(os.path.join(folder, "server.log")).read().count("\n"),
                  "requests served")
    ok = run.returncode == 0
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
