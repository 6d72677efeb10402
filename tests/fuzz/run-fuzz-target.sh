#!/usr/bin/env bash
# run-fuzz-target.sh FUZZER SECONDS WORK_CORPUS SEED_DIR REGRESSION_DIR
# Replays every regression input, then fuzzes for SECONDS from the seeds. Fails on any finding.
set -euo pipefail
fuzzer="$1"; seconds="$2"; work="$3"; seeds="$4"; regressions="$5"
mkdir -p "$work"
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions" 2>/dev/null)" ]; then
  "$fuzzer" -runs=0 "$regressions"
fi
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$work-finding-" "$work" "$seeds"
