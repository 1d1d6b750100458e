#!/usr/bin/env bash
# A streamed audit (facts loaded and checked `--batch` at a time) records exactly the findings
# and summary of `treaty check`: on the example portfolio (every rule form, joins, caps,
# obligations, waivers) with batches of 1, 2 and 5 facts, and on a generated workload of
# 20,000 facts with batches of 997 and the default.
#   tests/audit/streamed_test.sh TREATY_BINARY ARTIFACT_DIR
set -euo pipefail
treaty=$(realpath "$1")
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The findings and summary of a JSON report, one canonical line.
findings() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps([d["summary"], d["findings"]], sort_keys=True))' "$1"; }

compare() {  # compare NAME POLICIES FACTS AS_OF BATCH...
  local name=$1 policies=$2 facts=$3 as_of=$4
  shift 4
  "$treaty" check --policies "$policies" "$facts" --as-of "$as_of" --format json \
    --fail-on never > "$work/$name-check.json"
  findings "$work/$name-check.json" > "$work/$name-check.txt"
  for batch in "$@"; do
    local db="$work/$name-$batch.sqlite"
    local args=(--policies "$policies" "$facts" --as-of "$as_of" --db "$db" --fail-on never -q)
    [ "$batch" = default ] || args+=(--batch "$batch")
    "$treaty" audit "${args[@]}" > /dev/null
    "$treaty" audit show 1 --db "$db" --format json --fail-on never > "$work/$name-show.json"
    findings "$work/$name-show.json" > "$work/$name-show.txt"
    if ! cmp -s "$work/$name-check.txt" "$work/$name-show.txt"; then
      echo "FAIL: $name, batch $batch: the audit recorded other findings than treaty check"
      diff <(tr '{' '\n' < "$work/$name-check.txt") <(tr '{' '\n' < "$work/$name-show.txt") | head -20
      exit 1
    fi
    echo "$name, batch $batch: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/$name-show.json") findings, as treaty check"
  done
}

cd "$src"
compare example policies fixtures 2026-11-29 1 2 5 default
python3 "$src/bench/gen_workload.py" --facts 20000 --clauses 300 --out "$work/wl" >/dev/null
compare generated "$work/wl/policies" "$work/wl/facts.jsonl" 2026-06-01 997 default

# The generated facts.jsonl (> 4 MiB) is streamed a window at a time, never whole in memory:
# the fact digest recorded (hashed as the file streamed past) is still that of the whole file.
want=$(python3 -c 'import hashlib,sys
p=sys.argv[1]; h=hashlib.sha256(open(p,"rb").read()).hexdigest()
print(hashlib.sha256(f"{len(p)}:{p} {h}\n".encode()).hexdigest())' "$work/wl/facts.jsonl")
got=$(sqlite3 "$work/generated-default.sqlite" "SELECT fact_digest FROM runs WHERE id = 1;")
[ "$want" = "$got" ] || { echo "FAIL: fact digest $got, expected $want"; exit 1; }
echo "generated: the streamed file's digest is that of the whole file"
echo "PASS"
