#!/usr/bin/env bash
# Measures what ten rules (benches/ledger-rules.toml: sums with `where` and
# `by`, counts, distinct counts, a row-wise comparison, tie-outs) add to the
# auto check of the 500,000-row benchmark ledger and its summary by
# department, and writes the figures to the "Rules over the ledger" section
# of BENCHMARKS.md.
#
#   benches/rules.sh
#   ROWS=100000 ROUNDS=5 benches/rules.sh   # smaller, for a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-500000}
DATA=${DATA:-target/bench-data}
TARGET=${CARGO_TARGET_DIR:-target}
ROUNDS=${ROUNDS:-9}

cargo build --release --locked --bin crossfoot --example bench_data
"$TARGET/release/examples/bench_data" "$DATA" "$ROWS" 0
LEDGER="$DATA/ledger-$ROWS.xlsx"
SUMMARY="$DATA/ledger-$ROWS-by-department.xlsx"
RULES=benches/ledger-rules.toml
XF="$TARGET/release/crossfoot"
AUTO=("$XF" check --no-cache --no-config --format json "$LEDGER" "$SUMMARY")
WITH=("${AUTO[@]}" --rules "$RULES")

# The rules must all hold and decide every item, or the figures mean nothing.
"${WITH[@]}" > "$DATA/rules.json" || { echo "the rules do not hold:"; cat "$DATA/rules.json"; exit 1; }
python3 - "$DATA/rules.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
rules = doc["rules"]
assert len(rules) == 10, rules
for r in rules:
    assert r["fails"] == 0 and r["undecided"] == 0 and r["items"] > 0, r
print("10 rules,", sum(r["items"] for r in rules), "items, all pass")
PY

export LC_ALL=C
once() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  awk "BEGIN { printf \"%.4f\", $EPOCHREALTIME - $start }"
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Each round runs both commands back to back; the added share is the median
# of the rounds' ratios, so a slow minute slows both.
auto_t=""; with_t=""; ratios=""
for _ in $(seq "$ROUNDS"); do
  a=$(once "${AUTO[@]}")
  w=$(once "${WITH[@]}")
  auto_t+="$a "; with_t+="$w "
  ratios+="$(awk "BEGIN { print 100 * ($w / $a - 1) }") "
done
auto_m=$(echo "$auto_t" | median)
with_m=$(echo "$with_t" | median)
added=$(echo "$ratios" | median)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
section=$(mktemp)
{
  echo "## Rules over the ledger"
  echo
  echo "Measured by \`benches/rules.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores ($cpu), $(rustc --version)."
  echo "The $ROWS-row ledger and its summary by department (\`examples/bench_data.rs\`), checked"
  echo "without and with the ten rules of \`benches/ledger-rules.toml\` (sums with \`where\` and \`by\`,"
  echo "counts, distinct counts, a maximum, a row-wise comparison, tie-outs between the two workbooks); release build,"
  echo "median of $ROUNDS rounds, each command once a round, timed by the shell."
  echo
  echo "| run | time (s) |"
  echo "|---|---:|"
  echo "| auto check of both workbooks | $auto_m |"
  echo "| auto check + the ten rules | $with_m |"
  echo
  printf 'The rules add %.1f%% (median of the rounds'"'"' ratios; target: at most 30%%); the ratio of\n' "$added"
  printf 'the two medians is %.1f%%.\n' "$(awk "BEGIN { print 100 * ($with_m / $auto_m - 1) }")"
  echo
  echo "Commands: \`${AUTO[*]}\`; the same with \`--rules $RULES\`."
  echo "Each rule's own time: \`CROSSFOOT_TIMINGS=1\` prints a \`rule ID\` line per rule. Most of it is"
  echo "reading a column the first time a rule names it (its figures and their rounding, or its text);"
  echo "sums, counts, distinct counts, filters and groups over it are polars queries."
  echo
} > "$section"
# Replace this section (it runs to the next heading or the end), else append it.
python3 - "$section" <<'PY'
import re, sys
new = open(sys.argv[1]).read()
text = open("BENCHMARKS.md").read()
pattern = re.compile(r"^## Rules over the ledger\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _: new, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + new
open("BENCHMARKS.md", "w").write(text)
PY
rm -f "$section"
cat BENCHMARKS.md | sed -n '/^## Rules over the ledger/,$p'
