#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-DTREATY_FUZZ=ON) and runs each, one after the other
# (one process each), for SECONDS (default 60) over its corpus and read-only seed directories.
# Prints per target: executions, exec/s, coverage (cov:, ft: from libFuzzer's final stats) and
# crashes. Fails on any crash, leak, timeout or sanitizer report.
#
#   scripts/fuzz.sh [SECONDS]            every target (make fuzz: 60 s each)
#   FUZZ_TARGETS="fuzz_portfolio" ...    only these targets
#   FUZZ_KEEP_GOING=1 ...                run every target even after a crash (make fuzz-long)
#   FUZZ_JOBS=2 FUZZ_BUILD_LOCK=/tmp/x   build parallelism, and a lock file to build under
#   FUZZ_NO_BUILD=1 ...                  run the targets already built
#
# Crash inputs are written to build-fuzz/artifacts/TARGET/; reproduce with
# `build-fuzz/tests/fuzz/TARGET FILE`, then save the file under tests/fuzz/regressions/TARGET/
# (every later run replays it as a seed).
set -euo pipefail
seconds=${1:-60}
cd "$(dirname "$0")/.."
build=build-fuzz
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  CC=clang CXX=clang++ cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTREATY_FUZZ=ON -DTREATY_BENCH=OFF -DTREATY_WERROR=ON >/dev/null
  ${FUZZ_BUILD_LOCK:+flock "$FUZZ_BUILD_LOCK"} cmake --build $build -j "${FUZZ_JOBS:-$(nproc)}" \
    --target treaty_fuzz_targets
fi

# Seed directories are staged copies of the repository's inputs, filtered by type: policy text
# (policies/, the golden cases) for the text targets, fact files (fixtures/, the golden cases)
# for the fact targets. libFuzzer only ever writes to the first directory it is given (the
# corpus), so seeds stay untouched.
stage() {  # stage DIR PATTERN... : copy matching files of policies/ fixtures/ tests/golden/
  local dir=$1
  shift
  rm -rf "$dir"
  mkdir -p "$dir"
  local args=() p
  for p in "$@"; do args+=(-o -name "$p"); done
  find policies fixtures tests/golden -type f \( "${args[@]:1}" \) -print0 |
    while IFS= read -r -d '' f; do cp "$f" "$dir/$(printf '%s' "$f" | tr '/' '_')"; done
}
# One staging folder per run, so that runs side by side (FUZZ_TARGETS=a & FUZZ_TARGETS=b &) do
# not delete each other's seeds.
seeds_dir=$build/seeds.$$
trap 'rm -rf "$seeds_dir"' EXIT
stage $seeds_dir/policy-text '*.treaty'
stage $seeds_dir/fact-files '*.yaml' '*.yml' '*.jsonl'

summary=()
failed=0
for target in $build/tests/fuzz/fuzz_*; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  if [ -n "${FUZZ_TARGETS:-}" ] && [[ " $FUZZ_TARGETS " != *" $name "* ]]; then continue; fi
  corpus=$build/corpus/$name
  artifacts=$build/artifacts/$name
  mkdir -p "$corpus" "$artifacts"
  seeds=()
  [ -d "tests/fuzz/seeds/$name" ] && seeds+=("tests/fuzz/seeds/$name")
  [ -d "tests/fuzz/regressions/$name" ] && seeds+=("tests/fuzz/regressions/$name")
  flags=()
  case $name in
    fuzz_parse | fuzz_fmt) seeds+=($seeds_dir/policy-text) ;;
    fuzz_facts | fuzz_factfiles) seeds+=($seeds_dir/fact-files) ;;
  esac
  case $name in
    # The bytes are choices for a generator: long inputs from the start.
    fuzz_portfolio | fuzz_factfiles) flags+=(-len_control=0 -max_len=4096) ;;
  esac
  echo "fuzz: $name for ${seconds}s"
  log=$build/$name.log
  # libFuzzer names what it writes: crash-, leak-, timeout-, oom- are failures; slow-unit- (an
  # input over 10 s, not a failure: a 3-way join of 18 facts renders ~5,000 findings in every
  # report format under ASan) is counted apart.
  failures() { find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | wc -l; }
  slows() { find "$artifacts" -type f -name 'slow-unit-*' | wc -l; }
  before=$(failures)
  slow_before=$(slows)
  rc=0
  "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" ${flags[@]+"${flags[@]}"} \
    "$corpus" ${seeds[@]+"${seeds[@]}"} 2>"$log" || rc=$?
  crashes=$(($(failures) - before))
  slow=$(($(slows) - slow_before))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{print $2}' | tail -1)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | awk '{print $2}' | tail -1)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
  line=$(printf '%-15s %5ss  runs %-9s exec/s %-6s %-22s crashes %s  slow units %s' "$name" \
    "$seconds" "${runs:-?}" "${speed:-?}" "${cov:-cov: ? ft: ?}" "$crashes" "$slow")
  summary+=("$line")
  if [ $rc -ne 0 ]; then
    failed=1
    tail -50 "$log"
    echo "fuzz: $name FAILED (exit $rc); inputs in $artifacts/"
    [ "${FUZZ_KEEP_GOING:-0}" = 1 ] || { printf '%s\n' "${summary[@]}"; exit 1; }
  else
    echo "fuzz: $name: no crash (${runs:-?} runs)"
  fi
done
echo "fuzz: summary"
printf '%s\n' "${summary[@]}"
exit $failed
