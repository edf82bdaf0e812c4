#!/usr/bin/env bash
# Inputs that were once slow, at growing sizes, to show time stays linear:
# a wide CSV line, a long CSV field, a report of long runs of spaces, rule
# files of many rules. One run each, time and peak memory.
# Usage: benches/long_inputs.sh   (BIN=path/to/crossfoot to use a built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/crossfoot}
OUT=target/bench-data/long; mkdir -p "$OUT"
[ -x "$BIN" ] || cargo build --release --locked
python3 - "$OUT" <<'PY'
import sys
out = sys.argv[1]
for n in (100000, 200000, 400000):
    with open(f"{out}/wide-{n}.csv", "w") as f:
        f.write(",".join(str(i % 97) for i in range(n)) + "\n" + ",".join("x" for _ in range(n)) + "\n")
    with open(f"{out}/field-{n}.csv", "w") as f:
        f.write("a," + "b" * (n * 20) + "\n1,2\n")
for k in (1, 2, 4):
    with open(f"{out}/spaces-{k}.txt", "w") as f:
        f.write("共计 " + " " * (k * 2000000) + "1,721.1 万元 加 " + "\u3000" * (k * 1000000)
                + " 2,600 万元，合计 4,321.1 万元。\n" + ("各项 1 万元、" + " " * 50) * (k * 20000))
for n in (500, 1000, 2000, 4000):
    with open(f"{out}/rules-{n}.toml", "w") as f:
        f.write('[ruleset]\nname = "many"\nunit = "万元"\n[tables."项目"]\nsheet = "重点评价项目"\n'
                'headers = ["资金类别", "评价金额"]\n')
        for i in range(n):
            f.write(f'[[rule]]\nid = "r{i}"\nassert = "sum(项目.评价金额) <= {21240 + i} 万元 and count(项目.资金类别) == 4"\n')
PY
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -o "$OUT/time" -f "$label: %e s, peak %M KB" "$@" >/dev/null 2>&1 || true
  cat "$OUT/time"
}
for n in 100000 200000 400000; do measure "wide CSV line, $n fields" "$BIN" check --no-cache "$OUT/wide-$n.csv"; done
for n in 100000 200000 400000; do measure "CSV field of $((n * 20)) characters" "$BIN" check --no-cache "$OUT/field-$n.csv"; done
for k in 1 2 4; do measure "report with $((k * 3)) million spaces" "$BIN" check --no-cache "$OUT/spaces-$k.txt"; done
for n in 500 1000 2000 4000; do measure "$n rules" "$BIN" check --no-cache fixtures/seed/report.xlsx --rules "$OUT/rules-$n.toml"; done
for n in 500 1000 2000 4000; do measure "$n rules, rules check" "$BIN" rules check "$OUT/rules-$n.toml"; done
