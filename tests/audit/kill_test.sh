#!/usr/bin/env bash
# `treaty audit` killed with SIGKILL at random points leaves the store as it was: after every
# kill, `PRAGMA integrity_check` is ok, no run with completed = 0 exists, every listed run has
# all its findings, and a later audit still records and compares normally.
#   tests/audit/kill_test.sh TREATY_BINARY ARTIFACT_DIR
set -euo pipefail
treaty=$(realpath "$1")
art=${2:-$(mktemp -d)}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$art"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run scripts/setup.sh, which installs it"; exit 1; }

python3 "$src/bench/gen_workload.py" --facts 20000 --clauses 300 --out "$work/wl" >/dev/null
db="$work/audit.sqlite"
audit() {
  "$treaty" audit --policies "$work/wl/policies" "$work/wl/facts.jsonl" --db "$db" \
    --as-of 2026-06-01 --fail-on never -q --label "$1" >/dev/null 2>&1
}

check_store() {
  local what=$1
  local integrity partial bad
  integrity=$(sqlite3 "$db" "PRAGMA integrity_check;")
  [ "$integrity" = "ok" ] || { echo "FAIL ($what): integrity_check: $integrity"; exit 1; }
  partial=$(sqlite3 "$db" "SELECT count(*) FROM runs WHERE completed = 0;")
  [ "$partial" = "0" ] || { echo "FAIL ($what): $partial partial runs"; exit 1; }
  # Every run holds exactly the findings it says it has, and their facts.
  bad=$(sqlite3 "$db" "SELECT count(*) FROM runs r WHERE r.findings <>
                       (SELECT count(*) FROM findings f WHERE f.run_id = r.id);")
  [ "$bad" = "0" ] || { echo "FAIL ($what): $bad runs with missing findings"; exit 1; }
  bad=$(sqlite3 "$db" "SELECT count(*) FROM findings f WHERE NOT EXISTS
                       (SELECT 1 FROM finding_facts x WHERE x.finding_id = f.id);")
  [ "$bad" = "0" ] || { echo "FAIL ($what): $bad findings without facts"; exit 1; }
  "$treaty" audit history --db "$db" > "$work/history.txt"
}

# A first complete run, timed, so the kills land over the whole length of an audit.
start=$(date +%s%N)
audit baseline || [ $? -eq 1 ]
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check_store "baseline"
findings=$(sqlite3 "$db" "SELECT findings FROM runs WHERE id = 1;")
echo "baseline audit: ${ms} ms, $findings findings"

# True while some process holds the store's write lock, i.e. an audit is inside its one write
# transaction (a probe that cannot take the lock at once; it never waits and never writes).
writing() { ! sqlite3 -cmd ".timeout 0" "$db" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; }

kills=${KILLS:-10}
inside=0
i=0
# At least KILLS kills, and more (up to 3 × KILLS) until one has landed inside a write
# transaction: on a fast machine the transaction can commit before the kill arrives.
while (( i < kills || (inside == 0 && i < 3 * kills) )); do
  i=$((i + 1))
  before=$(sqlite3 "$db" "SELECT count(*) FROM runs;")
  "$treaty" audit --policies "$work/wl/policies" "$work/wl/facts.jsonl" --db "$db" \
    --as-of 2026-06-01 --fail-on never -q --label "kill-$i" >/dev/null 2>&1 &
  pid=$!
  if (( i % 2 )); then
    # Anywhere in the run: compiling, loading, evaluating or storing.
    delay=$(( RANDOM % (ms + 1) ))
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    where="after ${delay} ms"
  else
    # Inside the write transaction: wait until the audit holds the write lock, then at most
    # a few milliseconds more.
    while kill -0 "$pid" 2>/dev/null && ! writing; do sleep 0.002; done
    sleep "0.00$(( RANDOM % 5 ))"
    where="inside the write transaction"
  fi
  if kill -9 "$pid" 2>/dev/null; then outcome="killed $where"; else outcome="finished first"; fi
  wait "$pid" 2>/dev/null || true
  check_store "kill $i"
  after=$(sqlite3 "$db" "SELECT count(*) FROM runs;")
  if [ "$where" = "inside the write transaction" ] && [ "$outcome" != "finished first" ] &&
     [ "$after" = "$before" ]; then inside=$((inside + 1)); fi
  echo "kill $i: $outcome; runs $before -> $after; store ok"
done
[ "$inside" -gt 0 ] || { echo "FAIL: no kill landed inside a write transaction"; exit 1; }

audit final || [ $? -eq 1 ]
check_store "final"
last=$(sqlite3 "$db" "SELECT id || ' ' || ifnull(previous_run, '-') || ' ' || new_findings || ' ' ||
                      resolved_findings || ' ' || unchanged_findings FROM runs ORDER BY id DESC LIMIT 1;")
read -r id prev new resolved unchanged <<< "$last"
[ "$prev" != "-" ] && [ "$new" = 0 ] && [ "$resolved" = 0 ] && [ "$unchanged" = "$findings" ] ||
  { echo "FAIL: final run $last is not compared with an earlier whole run"; exit 1; }
cp "$work/history.txt" "$art/kill_test_history.txt"
echo "PASS: $i kills ($inside inside a write transaction, rolled back); final run $id compared with run $prev: $unchanged unchanged"
