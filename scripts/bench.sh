#!/usr/bin/env bash
# `make bench`: the whole-process benchmark of `treaty check` (bench/run_bench.sh) on the given
# binary, then the Google Benchmark micro-benchmarks when they were built (-DTREATY_BENCH=ON).
set -euo pipefail
treaty=${1:-build/cli/treaty}
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/bench/run_bench.sh" "$treaty"
micro="$(dirname "$(dirname "$treaty")")/bench/treaty_bench"
if [ -x "$micro" ]; then
  echo
  "$micro" --benchmark_min_time=0.2
else
  echo "(no $micro: configure with -DTREATY_BENCH=ON to run the micro-benchmarks)"
fi
