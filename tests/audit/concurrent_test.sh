#!/usr/bin/env bash
# Two `treaty audit` processes writing one new store at the same time both land, whole: two
# completed runs, each with all its findings, the later compared with the earlier.
#   tests/audit/concurrent_test.sh TREATY_BINARY ARTIFACT_DIR
set -euo pipefail
treaty=$(realpath "$1")
art=${2:-$(mktemp -d)}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$art"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run scripts/setup.sh, which installs it"; exit 1; }

python3 "$src/bench/gen_workload.py" --facts 10000 --clauses 200 --out "$work/wl" >/dev/null
db="$work/audit.sqlite"
for round in 1 2 3; do
  rm -f "$db" "$db-wal" "$db-shm"
  pids=()
  for who in a b; do
    "$treaty" audit --policies "$work/wl/policies" "$work/wl/facts.jsonl" --db "$db" \
      --as-of 2026-06-01 --fail-on never -q --label "$who" > "$work/$who.out" 2> "$work/$who.err" &
    pids+=($!)
  done
  for i in 0 1; do
    if ! wait "${pids[$i]}"; then
      echo "FAIL (round $round): audit $i failed:"; cat "$work"/*.err; exit 1
    fi
  done
  [ "$(sqlite3 "$db" 'PRAGMA integrity_check;')" = ok ] || { echo "FAIL: integrity"; exit 1; }
  runs=$(sqlite3 "$db" "SELECT count(*) FROM runs WHERE completed = 1;")
  [ "$runs" = 2 ] || { echo "FAIL (round $round): $runs completed runs, expected 2"; exit 1; }
  labels=$(sqlite3 "$db" "SELECT group_concat(label, ',') FROM (SELECT label FROM runs ORDER BY label);")
  [ "$labels" = "a,b" ] || { echo "FAIL (round $round): labels $labels"; exit 1; }
  whole=$(sqlite3 "$db" "SELECT count(*) FROM runs r WHERE r.findings =
                         (SELECT count(*) FROM findings f WHERE f.run_id = r.id);")
  [ "$whole" = 2 ] || { echo "FAIL (round $round): a run is missing findings"; exit 1; }
  pair=$(sqlite3 "$db" "SELECT ifnull(previous_run, '-') || ' ' || new_findings || ' ' ||
                        resolved_findings FROM runs WHERE id = 2;")
  [ "$pair" = "1 0 0" ] || { echo "FAIL (round $round): run 2 vs run 1: $pair"; exit 1; }
  n=$(sqlite3 "$db" "SELECT findings FROM runs WHERE id = 1;")
  echo "round $round: both runs landed whole ($n findings each); run 2 compared with run 1"
done
"$treaty" audit history --db "$db" > "$art/concurrent_test_history.txt"
echo "PASS"
