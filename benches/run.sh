#!/usr/bin/env bash
# Regenerates the benchmark data and measures crossfoot side by side with the
# floor (calamine alone) and the Python a user would write, then writes the
# figures to BENCHMARKS.md.
#
#   benches/run.sh            # everything (pandas takes minutes)
#   SKIP_PANDAS=1 benches/run.sh
#   ROWS=100000 FILES=500 benches/run.sh   # smaller, for a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-500000}
FILES=${FILES:-2000}
DATA=${DATA:-target/bench-data}
TARGET=${CARGO_TARGET_DIR:-target}

cargo build --release --bin crossfoot --example floor --example cells_walk --example stat_walk --example bench_data
"$TARGET/release/examples/bench_data" "$DATA" "$ROWS" "$FILES"
LEDGER="$DATA/ledger-$ROWS.xlsx"
FOLDER="$DATA/folder-$FILES"
XF="$TARGET/release/crossfoot"
FLOOR="$TARGET/release/examples/floor"
WALK="$TARGET/release/examples/cells_walk"
STAT="$TARGET/release/examples/stat_walk"

python3 -c "import polars, fastexcel" 2>/dev/null || python3 -m pip install -q polars fastexcel
if [ -z "${SKIP_PANDAS:-}" ]; then
  python3 -c "import pandas, openpyxl" 2>/dev/null || python3 -m pip install -q pandas openpyxl
fi

export LC_ALL=C
TIMING=$(mktemp)
# One run's wall seconds, taken by the shell itself around the command (no
# helper process is timed with it: a cached re-run takes milliseconds).
once() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  local end=$EPOCHREALTIME
  awk "BEGIN { printf \"%.4f\", $end - $start }"
}
# One run's peak resident KiB (memory is measured in a run of its own).
peak() {
  /usr/bin/time -f "%M" -o "$TIMING" "$@" >/dev/null 2>&1 || true
  tail -1 "$TIMING"
}
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

# Programs compared with each other run in rounds (each once a round), so a
# machine whose speed drifts treats them alike; the median of the rounds.
ROUNDS=${ROUNDS:-9}
# A round over the folder takes half a second: more of them steady its medians.
FOLDER_ROUNDS=${FOLDER_ROUNDS:-21}
declare -A T M
FIRSTS=()
# The command of each program compared.
command_of() {
  case $1 in
    floor) CMD=("$FLOOR" "$LEDGER") ;;
    walk) CMD=("$WALK" "$LEDGER") ;;
    xf) CMD=("$XF" check --no-cache --format json "$LEDGER") ;;
    pl) CMD=(python3 benches/polars_sums.py "$LEDGER") ;;
    j1) CMD=("$XF" check --no-cache -j 1 --format jsonl "$FOLDER") ;;
    j2) CMD=("$XF" check --no-cache -j 2 --format jsonl "$FOLDER") ;;
    warm) CMD=("$XF" check --cache-dir "$CACHE" -j 2 --format jsonl "$FOLDER") ;;
    first)
      # A first run with the cache: an empty cache folder each time
      # (removed at the end, not between runs).
      FIRSTS+=("$(mktemp -d)")
      CMD=("$XF" check --cache-dir "${FIRSTS[-1]}" -j 2 --format jsonl "$FOLDER")
      ;;
    stat) CMD=("$STAT" "$FOLDER") ;;
  esac
}
rounds() {
  local n=$1
  shift
  for _ in $(seq "$n"); do
    for prog in "$@"; do
      command_of "$prog"
      T[$prog]+="$(once "${CMD[@]}") "
    done
  done
  for prog in "$@"; do
    command_of "$prog"
    M[$prog]=$(peak "${CMD[@]}")
  done
}
echo "measuring…"
rounds "$ROUNDS" floor walk xf pl
# The cached re-run: the cache filled once, then re-runs beside the cold
# runs and the bare listing of the folder.
CACHE=$(mktemp -d)
"$XF" check --cache-dir "$CACHE" -j 2 --format jsonl "$FOLDER" >/dev/null || true
rounds "$FOLDER_ROUNDS" j1 j2 first warm stat
rm -rf "$CACHE" "${FIRSTS[@]}"
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for prog in floor walk xf pl j1 j2 first warm stat; do
  read -r "${prog}_t" <<< "$(echo "${T[$prog]}" | median)"
  read -r "${prog}_m" <<< "${M[$prog]}"
done
# The median over rounds of a ratio of two programs' times in the same
# round (a slow minute slows both).
paired() {
  paste <(echo "${T[$1]}" | tr ' ' '\n' | grep .) <(echo "${T[$2]}" | tr ' ' '\n' | grep .) |
    awk -v scale="$3" '{ print scale * $1 / $2 }' | median
}
speedup=$(paired j1 j2 1)
warm_pct=$(paired warm j2 100)
warm_first_pct=$(paired warm first 100)
stat_pct=$(paired stat j2 100)
# Rounds in which crossfoot beat the polars script (the two ran back to back).
ahead=$(paste <(echo "${T[xf]}" | tr ' ' '\n' | grep .) <(echo "${T[pl]}" | tr ' ' '\n' | grep .) |
  awk '$1 < $2 { n++ } END { print n + 0 }')
if [ -z "${SKIP_PANDAS:-}" ]; then
  pd_start=$EPOCHREALTIME
  pd_m=$(peak python3 benches/pandas_sums.py "$LEDGER")
  pd_t=$(awk "BEGIN { printf \"%.3f\", $EPOCHREALTIME - $pd_start }")
else
  pd_t=""; pd_m=""
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
mem=$(free -g | awk '/Mem:/ {print $2}')
{
  echo "# Benchmarks"
  echo
  echo "Measured by \`benches/run.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores ($cpu), ${mem} GiB,"
  echo "$(rustc --version), Python $(python3 -c 'import sys; print(sys.version.split()[0])'),"
  echo "polars $(python3 -c 'import polars; print(polars.__version__)' 2>/dev/null)."
  echo "Times are medians of wall-clock time: of $ROUNDS rounds on the ledger and $FOLDER_ROUNDS on the folder, each program once a round, timed by the shell; memory is the peak resident set of one more run (\`/usr/bin/time\`)."
  echo
  echo "## One ledger: $ROWS rows × 8 columns, with 小计 groups and a 合计 ($(du -h "$LEDGER" | cut -f1))"
  echo
  echo "| program | time (s) | peak memory (MiB) | time ÷ floor | memory ÷ floor |"
  echo "|---|---:|---:|---:|---:|"
  echo "| floor: calamine \`worksheet_range_ref\`, walk the cells (\`examples/floor.rs\`) | $floor_t | $((floor_m / 1024)) | 1.00 | 1.00 |"
  echo "| for reference: calamine's cell-by-cell reader, nothing kept (\`examples/cells_walk.rs\`) | $walk_t | $((walk_m / 1024)) | $(ratio "$walk_t" "$floor_t") | $(ratio "$walk_m" "$floor_m") |"
  echo "| crossfoot check | $xf_t | $((xf_m / 1024)) | $(ratio "$xf_t" "$floor_t") | $(ratio "$xf_m" "$floor_m") |"
  echo "| Python: polars.read_excel (calamine engine) + the sums (\`benches/polars_sums.py\`) | $pl_t | $((pl_m / 1024)) | $(ratio "$pl_t" "$floor_t") | $(ratio "$pl_m" "$floor_m") |"
  if [ -n "$pd_t" ]; then
    echo "| Python: pandas + openpyxl + the sums (\`benches/pandas_sums.py\`, one run) | $pd_t | $((pd_m / 1024)) | $(ratio "$pd_t" "$floor_t") | $(ratio "$pd_m" "$floor_m") |"
  fi
  echo
  echo "crossfoot was faster than the polars script in $ahead of $ROUNDS rounds."
  echo
  echo "## A folder of $FILES small workbooks of the fixture families"
  echo
  echo "| run | time (s) | peak memory (MiB) | ratio |"
  echo "|---|---:|---:|---:|"
  echo "| \`--jobs 1\`, no cache | $j1_t | $((j1_m / 1024)) | 1.00 |"
  echo "| \`--jobs 2\`, no cache | $j2_t | $((j2_m / 1024)) | speed-up $(printf %.2f "$speedup")× |"
  echo "| first run with the cache (an empty cache folder) | $first_t | $((first_m / 1024)) | |"
  echo "| unchanged re-run from the cache | $warm_t | $((warm_m / 1024)) | $(printf %.1f "$warm_first_pct")% of the first run; $(printf %.1f "$warm_pct")% of the run without the cache |"
  echo "| for reference: list the folder and stat each file, nothing else (\`examples/stat_walk.rs\`) | $stat_t | $((stat_m / 1024)) | $(printf %.1f "$stat_pct")% of the run without the cache |"
  echo
  echo "Ratios in this table are medians of the ratios within each round (\`-j 1\` ÷ \`-j 2\`, re-run ÷ first run, re-run ÷ run without the cache)."
  echo
  echo "Commands: \`$XF check --no-cache --format json $LEDGER\`; \`$FLOOR $LEDGER\`; \`$WALK $LEDGER\`;"
  echo "\`python3 benches/polars_sums.py $LEDGER\`; \`$XF check --no-cache -j N --format jsonl $FOLDER\`;"
  echo "\`$XF check --cache-dir DIR -j 2 --format jsonl $FOLDER\` (with DIR empty, then again); \`$STAT $FOLDER\`."
  echo "Phases of one run: \`CROSSFOOT_TIMINGS=1 $XF check --no-cache $LEDGER\`."
  echo
} > BENCHMARKS.md.new
if [ -f BENCHMARKS.md ] && grep -q "^## Notes" BENCHMARKS.md; then
  sed -n '/^## Notes/,$p' BENCHMARKS.md >> BENCHMARKS.md.new
fi
mv BENCHMARKS.md.new BENCHMARKS.md
cat BENCHMARKS.md
