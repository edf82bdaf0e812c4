#!/usr/bin/env bash
# crossfoot checking the real disclosure PDFs against pdftotext -layout
# extracting the same files (poppler-utils), measured in the same run:
# each the best of RUNS passes over all the files, one process per file.
#
#   benches/pdf.sh                       # ../shared/corpus/pdf, 7 runs
#   PDFS=some/folder RUNS=3 benches/pdf.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PDFS=${PDFS:-../shared/corpus/pdf}
RUNS=${RUNS:-7}
TARGET=${CARGO_TARGET_DIR:-target}
cargo build --release --bin crossfoot
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is required"; exit 1; }
XF="$TARGET/release/crossfoot"
files=("$PDFS"/*.pdf)
best() { # best wall time in seconds of RUNS passes of "$@" over every file
  local best=""
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s.%N)
    for f in "${files[@]}"; do "$@" "$f" >/dev/null 2>&1 || true; done
    t1=$(date +%s.%N)
    best=$(python3 -c "a='$best'; d=$t1-$t0; print(d if a=='' else min(float(a), d))")
  done
  printf '%.3f' "$best"
}
pages=0
for f in "${files[@]}"; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
cf=$(best "$XF" check --no-cache --format json)
pt=$(best sh -c 'pdftotext -layout -q "$0" -')
echo "${#files[@]} PDFs, $pages pages: crossfoot check ${cf} s, pdftotext -layout ${pt} s, ratio $(python3 -c "print(round($cf/$pt, 2))")"
