#!/usr/bin/env bash
# Whole-process benchmarks of `treaty check` and `treaty audit` (docs/performance.md). Builds
# nothing: give it the binary. Generates workloads with bench/gen_workload.py into out/bench/ (kept between runs),
# times whole processes (start to exit, JSON report written to a file) and prints Markdown:
#   - N facts (JSONL) x M clauses: N in 10k, 100k, 1M at M = 1000; M in 100, 1000, 3000 at
#     N = 100k. Wall s is the median of RUNS runs (hyperfine when installed, else GNU time);
#     peak RSS and findings come from one run under /usr/bin/time.
#   - pre-commit: 10 small YAML manifests against 30 agreements, median of PRECOMMIT_RUNS.
#   - treaty audit -q of N = 100k, M = 1000 into a fresh store: time, peak RSS, store size.
#
#   bench/run_bench.sh build/cli/treaty
#   RUNS=1 SIZES="10000:1000 100000:1000" bench/run_bench.sh build/cli/treaty   # a subset
set -euo pipefail

treaty=${1:?usage: bench/run_bench.sh path/to/treaty}
treaty=$(cd "$(dirname "$treaty")" && pwd)/$(basename "$treaty")
here=$(cd "$(dirname "$0")" && pwd)
out=${BENCH_OUT:-$here/../out/bench}
runs=${RUNS:-3}
precommit_runs=${PRECOMMIT_RUNS:-50}
sizes=${SIZES:-"10000:1000 100000:1000 1000000:1000 100000:100 100000:3000"}
as_of=2026-06-01
mkdir -p "$out"

# Generates a workload once (the generator is deterministic for its arguments).
workload() {  # facts clauses [manifests]
  local dir="$out/n$1_m$2${3:+_y$3}"
  if [ ! -e "$dir/.done" ]; then
    rm -rf "$dir"
    python3 "$here/gen_workload.py" --facts "$1" --clauses "$2" ${3:+--manifests "$3"} \
      --out "$dir" >&2
    touch "$dir/.done"
  fi
  echo "$dir"
}

# Median wall seconds of a command run $2 times (after one warm-up run).
median_wall() {  # "command" runs
  if command -v hyperfine >/dev/null; then
    hyperfine -N --style none --warmup 1 --runs "$2" --export-json "$out/hf.json" "$1" \
      >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' \
      "$out/hf.json"
  else
    local times=()
    bash -c "$1" >/dev/null 2>&1 || true
    for _ in $(seq "$2"); do
      /usr/bin/time -f %e -o "$out/t.txt" bash -c "$1" >/dev/null 2>&1 || true
      times+=("$(cat "$out/t.txt")")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  fi
}

echo "treaty check, whole process: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo |
  cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| facts (N) | clauses (M) | wall s (median of $runs) | CPU s | peak RSS MB | findings |"
echo "|----------:|------------:|------------------:|------:|------------:|---------:|"
for size in $sizes; do
  n=${size%%:*}
  m=${size##*:}
  dir=$(workload "$n" "$m")
  cmd="$treaty check --policies $dir/policies $dir/facts.jsonl --as-of $as_of --format json \
--fail-on never --output $out/report.json"
  wall=$(median_wall "$cmd" "$runs")
  /usr/bin/time -f '%M %U %S' -o "$out/rss.txt" $cmd
  read -r rss_kb user sys <"$out/rss.txt"
  findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' \
    "$out/report.json")
  printf '| %s | %s | %s | %s | %d | %s |\n' "$n" "$m" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" $((rss_kb / 1024)) "$findings"
done

echo
dir=$(workload 30 290 10)
cmd="$treaty check --policies $dir/policies $dir/manifests --as-of $as_of --format json \
--fail-on never --output $out/precommit.json"
wall=$(median_wall "$cmd" "$precommit_runs")
echo "pre-commit: 10 YAML manifests (30 facts) against 30 agreements (290 + 1 clauses):" \
  "median wall $(python3 -c "print('%.1f' % (float('$wall') * 1000))") ms over $precommit_runs runs"

# treaty audit: 100,000 facts x 1,000 clauses into a fresh store (-q: no report held).
dir=$(workload 100000 1000)
echo
echo "| treaty audit -q, N = 100k, M = 1,000 | wall s | CPU s | peak RSS MB | store MB |"
echo "|---|---:|---:|---:|---:|"
for batch in 50000 10000; do
  rm -f "$out/audit.sqlite" "$out/audit.sqlite-wal" "$out/audit.sqlite-shm"
  /usr/bin/time -f '%e %M %U %S' -o "$out/audit.txt" "$treaty" audit --policies "$dir/policies" \
    "$dir/facts.jsonl" --db "$out/audit.sqlite" --as-of "$as_of" --fail-on never -q \
    --batch "$batch" >/dev/null
  read -r wall rss_kb user sys <"$out/audit.txt"
  printf '| fresh store, --batch %s | %s | %s | %d | %s |\n' "$batch" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" $((rss_kb / 1024)) \
    "$(awk -v b="$(stat -c %s "$out/audit.sqlite")" 'BEGIN { printf "%.1f", b / 1048576 }')"
done
