#!/usr/bin/env bash
# Checks the observability assets: Prometheus rules (syntax + unit tests) and Grafana dashboards
# (JSON, panels, PromQL syntax of every panel query). Runs from any directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool not found (Debian: apt-get install -y prometheus)" >&2
  exit 2
fi

echo "== promtool check rules"
promtool check rules prometheus/rules/*.yml

echo "== promtool test rules"
promtool test rules prometheus/tests/*.yml

echo "== dashboards"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Every dashboard: valid JSON, schemaVersion 39, the datasource variable, at least one panel,
# every panel at least one target with an expr, no template variable but ${datasource}, no
# $__rate_interval. The exprs are written into a rules file so promtool parses each one.
python3 - "$tmp/dashboard-exprs.yml" grafana/dashboards/*.json <<'EOF'
import json, re, sys

out, files = sys.argv[1], sys.argv[2:]
errors, rules = [], []
if not files:
    errors.append("no dashboard in grafana/dashboards/")
for f in files:
    try:
        d = json.load(open(f))
    except ValueError as e:
        errors.append(f"{f}: not JSON: {e}")
        continue
    if d.get("schemaVersion") != 39:
        errors.append(f"{f}: schemaVersion is {d.get('schemaVersion')}, want 39")
    names = [v.get("name") for v in d.get("templating", {}).get("list", [])]
    if "datasource" not in names:
        errors.append(f"{f}: no 'datasource' template variable")
    panels = d.get("panels") or []
    if not panels:
        errors.append(f"{f}: no panels")
    for p in panels:
        title = p.get("title", p.get("id"))
        exprs = [t.get("expr", "").strip() for t in p.get("targets") or []]
        if not exprs or not all(exprs):
            errors.append(f"{f}: panel {title!r} has a target without expr (or no target)")
        if p.get("datasource", {}).get("uid") != "${datasource}":
            errors.append(f"{f}: panel {title!r} does not use ${{datasource}}")
        for e in exprs:
            if "$" in e:
                errors.append(f"{f}: panel {title!r}: expr uses a variable: {e}")
            rules.append((f"{f} / {title}", e))
with open(out, "w") as o:
    o.write("groups:\n  - name: dashboard-exprs\n    rules:\n")
    for i, (where, e) in enumerate(rules):
        o.write(f"      # {where}\n      - record: dashboard:expr:{i}\n        expr: {json.dumps(e)}\n")
for e in errors:
    print("FAIL", e, file=sys.stderr)
print(f"{len(files)} dashboards, {len(rules)} panel queries")
sys.exit(1 if errors else 0)
EOF
if ! promtool check rules "$tmp/dashboard-exprs.yml" >"$tmp/promql.log" 2>&1; then
  cat "$tmp/promql.log" >&2
  echo "FAIL a dashboard query is not valid PromQL" >&2
  exit 1
fi
echo "  SUCCESS: every panel query parses"
echo "== all observability checks passed"
