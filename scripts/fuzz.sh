#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-DTREATY_FUZZ=ON) and runs each for a short time
# (seconds, default 60) over its seed corpus. Fails on any crash, leak or sanitizer report.
set -euo pipefail
seconds=${1:-60}
cd "$(dirname "$0")/.."
build=build-fuzz
CC=clang CXX=clang++ cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTREATY_FUZZ=ON -DTREATY_BENCH=OFF -DTREATY_WERROR=ON >/dev/null
cmake --build $build -j "$(nproc)" --target treaty_fuzz_targets
for target in $build/tests/fuzz/fuzz_*; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  corpus=$build/corpus/$name
  mkdir -p "$corpus"
  # Seed directories (read only: libFuzzer writes new inputs to the first directory only).
  seeds=()
  [ -d "tests/fuzz/seeds/$name" ] && seeds+=("tests/fuzz/seeds/$name")
  case $name in
    fuzz_parse|fuzz_fmt) [ -d policies ] && seeds+=(policies) ;;  # the shipped portfolio
  esac
  echo "fuzz: $name for ${seconds}s"
  "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    "$corpus" ${seeds[@]+"${seeds[@]}"} 2>"$build/$name.log" || { tail -50 "$build/$name.log"; exit 1; }
  echo "fuzz: $name: no crash ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$build/$name.log" | awk '{print $2}') runs)"
done
