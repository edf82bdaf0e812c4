#!/usr/bin/env bash
# A flat list of N amounts closed by a 合计, clean and with the 合计 off by
# 123,456.78 (every row is then a candidate for the wrong cell): time and
# peak memory of each, median of ROUNDS runs. Usage: benches/flat_lists.sh [N] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-500000}; ROUNDS=${2:-5}
BIN=${BIN:-target/release/crossfoot}
OUT=target/bench-data; mkdir -p "$OUT"
[ -x "$BIN" ] || cargo build --release --locked
python3 - "$N" "$OUT" <<'PY'
import random, sys
n, out = int(sys.argv[1]), sys.argv[2]
random.seed(1)
rows = [round(random.uniform(1, 1000), 2) for _ in range(n)]
total = round(sum(rows), 2)
for name, t in (("clean", total), ("wrong-total", total + 123456.78)):
    with open(f"{out}/flat-{n}-{name}.csv", "w") as f:
        f.write("项目,金额（元）\n")
        for i, v in enumerate(rows):
            f.write(f"项目{i},{v:.2f}\n")
        f.write(f"合计,{t:.2f}\n")
PY
for name in clean wrong-total; do
  f="$OUT/flat-$N-$name.csv"
  times=()
  for _ in $(seq "$ROUNDS"); do
    s=$(date +%s.%N); "$BIN" check --no-cache --format json "$f" >/dev/null || true; e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc)")
  done
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")
  mem=$( { /usr/bin/time -f "%M" "$BIN" check --no-cache --format json "$f" >/dev/null; } 2>&1 | tail -1 || true)
  echo "$name: median ${med} s, peak ${mem} KB"
done
