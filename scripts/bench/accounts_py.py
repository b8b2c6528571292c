"""Reference of scripts/bench-accounts.sh: the `accounts` listing with Python's sqlite3 module.

accounts_py.py DB REGION PLATFORM [json|ndjson]

Runs the SQL of `registry-cli accounts --region REGION --platform PLATFORM` (the query of
Sources/Registry/Queries/AccountQuery.swift with those two filters and no --as-of) and prints
the rows as `registry-cli accounts --format json` (or ndjson) does: every column, keys sorted,
missing values as null, the same indentation. Imported by accounts_vs_sqlite.py for the SQL.
"""
import json
import sqlite3
import sys

# AccountQuery.accounts, with the display name of EntityDisplayName.sql (until 2026-11-30 08:30
# this copy had a cheaper name rule of its own: first official language, else the first name by
# language, 119M instructions in sqlite3 against 153M for the query registry-cli ran then):
# entity conditions first (region, existing today), then the channel ones
# (platform); without --as-of each channel is listed under its owner today (channel_owner, else
# channel.entity_id) and the snapshot cutoff is Int64.max. date('now') is the UTC day, as the
# command's default. registry-cli sorts the rows itself (AccountRow.appendListingKey, since
# 2026-11-30 10:00): the same order as this ORDER BY, the channel key last (no two rows tie).
SQL = """
SELECT c.key AS channel_key, e.id AS entity_id, e.code AS entity_code,
       (CASE WHEN (SELECT count(*) FROM entity_name n1 WHERE n1.entity_id = e.id) < 2
         THEN (SELECT n1.name FROM entity_name n1 WHERE n1.entity_id = e.id)
         ELSE (SELECT dn.name FROM v_entity_name dn WHERE dn.entity_id = e.id) END)
         AS entity_name,
       e.kind AS entity_kind, e.valid_to AS entity_valid_to, e.country, e.region,
       c.platform, c.handle, c.url, c.opened_on, c.first_seen_on, c.closed_on, c.status,
       c.confidence, s.followers,
       strftime('%Y-%m-%dT%H:%M:%SZ', s.observed_at, 'unixepoch') AS followers_observed_at,
       src.key AS source, src.url AS source_url
FROM channel c
JOIN entity e ON e.id = coalesce(
  (SELECT o.entity_id FROM channel_owner o WHERE o.channel_id = c.id
   AND (o.valid_from IS NULL OR o.valid_from <= date('now'))
   AND (o.valid_to IS NULL OR o.valid_to > date('now')) LIMIT 1), c.entity_id)
JOIN source src ON src.id = c.source_id
LEFT JOIN snapshot s ON s.channel_id = c.id AND (s.observed_at, s.source_id) = (
  SELECT s2.observed_at, s2.source_id FROM snapshot s2
  WHERE s2.channel_id = c.id AND s2.observed_at <= 9223372036854775807 AND s2.followers IS NOT NULL
  ORDER BY s2.observed_at DESC, s2.source_id DESC LIMIT 1)
WHERE e.region IN ('{region}')
  AND (e.valid_from IS NULL OR e.valid_from <= date('now'))
  AND (e.valid_to IS NULL OR e.valid_to > date('now'))
  AND c.platform IN ('{platform}')
ORDER BY e.country, e.region, entity_name, e.id, c.platform, handle, channel_key
"""


def query(region, platform):
    for v in (region, platform):
        if "'" in v:
            raise SystemExit(f"quote in {v!r}")
    return SQL.format(region=region, platform=platform)


def main():
    db, region, platform = sys.argv[1:4]
    fmt = sys.argv[4] if len(sys.argv) > 4 else "json"
    con = sqlite3.connect(db)
    cur = con.execute(query(region, platform))
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur]
    out = sys.stdout
    if fmt == "ndjson":
        for r in rows:
            out.write(json.dumps(r, sort_keys=True, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
    elif rows:
        out.write(json.dumps(rows, sort_keys=True, ensure_ascii=False, indent=2,
                             separators=(",", " : ")))
        out.write("\n")
    else:
        out.write("[\n]\n")


if __name__ == "__main__":
    main()
