#!/usr/bin/env bash
# Fetches what the output-format tests validate against, from the package
# registries: the SARIF 2.1.0 JSON schema (shipped in the npm package
# @microsoft/jest-sarif), and the Python validators (jsonschema, lxml).
# Without them those tests are skipped with a note; CI always fetches them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/schemas/sarif-2.1.0.json
if [ ! -s "$out" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack @microsoft/jest-sarif@1.0.0-beta.0 --silent >/dev/null && tar xzf microsoft-jest-sarif-*.tgz)
  cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$out"
  rm -rf "$tmp"
fi
python3 -c "import jsonschema, lxml" 2>/dev/null || python3 -m pip install -q jsonschema lxml
echo "test tools ready: $out, jsonschema, lxml"
