#!/usr/bin/env bash
# Four `treaty audit` processes writing one new store at the same time all land, whole: four
# completed runs, each with all its findings, each compared with the one before. Then a fifth
# process holds the store's write lock until each has waited longer than the old fixed 10 s busy
# timeout: the four audits wait (saying so on stderr) and still all land; with `--lock-timeout 1`
# an audit gives up with exit 2 and a message naming the option.
#   tests/audit/concurrent_test.sh TREATY_BINARY ARTIFACT_DIR
set -euo pipefail
treaty=$(realpath "$1")
art=${2:-$(mktemp -d)}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
holder=
trap '[ -n "$holder" ] && kill "$holder" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$art"
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: run scripts/setup.sh, which installs it"; exit 1; }

python3 "$src/bench/gen_workload.py" --facts 10000 --clauses 200 --out "$work/wl" >/dev/null
db="$work/audit.sqlite"
writers=(a b c d)

# Holds the write lock of a new, empty WAL store (in the background) until the file $work/release
# exists, or for at most $1 seconds. The release is event-driven, not timed, so that the test does
# not depend on how long an audit takes to reach the store (seconds under the sanitizers).
hold_lock() {
  rm -f "$work/release"
  python3 - "$db" "$1" "$work/release" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA journal_mode = WAL")
c.execute("BEGIN IMMEDIATE")
print("held", flush=True)
deadline = time.monotonic() + float(sys.argv[2])
while not os.path.exists(sys.argv[3]) and time.monotonic() < deadline:
    time.sleep(0.05)
c.execute("COMMIT")
PY
  holder=$!
  sleep 1  # let it take the lock
}
release_lock() { touch "$work/release"; wait "$holder"; holder=; }

audit() {  # audit LABEL [OPTIONS...]: one audit in the background
  local who=$1
  shift
  "$treaty" audit --policies "$work/wl/policies" "$work/wl/facts.jsonl" --db "$db" \
    --as-of 2026-06-01 --fail-on never -q --label "$who" "$@" > "$work/$who.out" 2> "$work/$who.err" &
  pids+=($!)
}

check_round() {  # check_round NAME
  local n=${#writers[@]}
  [ "$(sqlite3 "$db" 'PRAGMA integrity_check;')" = ok ] || { echo "FAIL ($1): integrity"; exit 1; }
  runs=$(sqlite3 "$db" "SELECT count(*) FROM runs WHERE completed = 1;")
  [ "$runs" = "$n" ] || { echo "FAIL ($1): $runs completed runs, expected $n"; exit 1; }
  labels=$(sqlite3 "$db" "SELECT group_concat(label, ',') FROM (SELECT label FROM runs ORDER BY label);")
  [ "$labels" = "a,b,c,d" ] || { echo "FAIL ($1): labels $labels"; exit 1; }
  whole=$(sqlite3 "$db" "SELECT count(*) FROM runs r WHERE r.findings =
                         (SELECT count(*) FROM findings f WHERE f.run_id = r.id);")
  [ "$whole" = "$n" ] || { echo "FAIL ($1): a run is missing findings"; exit 1; }
  pairs=$(sqlite3 "$db" "SELECT group_concat(ifnull(previous_run, '-') || ' ' || new_findings || ' ' ||
                         resolved_findings, ',') FROM (SELECT * FROM runs ORDER BY id);")
  [ "$pairs" = "- 0 0,1 0 0,2 0 0,3 0 0" ] || { echo "FAIL ($1): comparisons $pairs"; exit 1; }
}

wait_all() {  # wait_all NAME
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      echo "FAIL ($1): audit ${writers[$i]} failed:"; cat "$work"/*.err; exit 1
    fi
  done
}

for round in 1 2; do
  rm -f "$db" "$db-wal" "$db-shm"
  pids=()
  for who in "${writers[@]}"; do audit "$who"; done
  wait_all "round $round"
  check_round "round $round"
  n=$(sqlite3 "$db" "SELECT findings FROM runs WHERE id = 1;")
  echo "round $round: 4 concurrent runs landed whole ($n findings each), each compared with the one before"
done
"$treaty" audit history --db "$db" > "$art/concurrent_test_history.txt"

# The lock held until every audit has waited for it for 12 s, longer than the old fixed busy
# timeout of 10 s (the default --lock-timeout is longer).
rm -f "$db" "$db-wal" "$db-shm"
hold_lock 600
pids=()
for who in "${writers[@]}"; do audit "$who"; done
for _ in $(seq 1 3000); do  # until all four say they wait (at most 5 minutes)
  waiting=0
  for who in "${writers[@]}"; do
    grep -q "waiting for the audit store lock held by another audit" "$work/$who.err" &&
      waiting=$((waiting + 1))
  done
  [ "$waiting" = ${#writers[@]} ] && break
  sleep 0.1
done
sleep 12
release_lock
wait_all "lock held 12 s"
check_round "lock held 12 s"
for who in "${writers[@]}"; do
  grep -q "waiting for the audit store lock held by another audit" "$work/$who.err" ||
    { echo "FAIL: audit $who did not say it was waiting:"; cat "$work/$who.err"; exit 1; }
done
echo "lock held 12 s: the 4 audits said they were waiting, and all landed"

# A short --lock-timeout gives up: exit 2, the store untouched. The lock is held until the
# audit has ended, however long it takes to get to the store.
hold_lock 600
pids=()
set +e
"$treaty" audit --policies "$work/wl/policies" "$work/wl/facts.jsonl" --db "$db" \
  --as-of 2026-06-01 --fail-on never -q --label late --lock-timeout 1 > /dev/null 2> "$work/late.err"
code=$?
set -e
release_lock
[ "$code" = 2 ] || { echo "FAIL: --lock-timeout 1 exited $code, expected 2"; cat "$work/late.err"; exit 1; }
grep -q -- "--lock-timeout" "$work/late.err" || { echo "FAIL: no hint:"; cat "$work/late.err"; exit 1; }
[ "$(sqlite3 "$db" "SELECT count(*) FROM runs;")" = 4 ] || { echo "FAIL: a run was added"; exit 1; }
echo "--lock-timeout 1 with the lock held: exit 2, $(grep -o 'another audit held[^(]*' "$work/late.err" | head -1)"
echo "PASS"
