#!/usr/bin/env bash
# 100,000 levels or items through the real binary (docs/reliability.md): a 100,000-item list
# literal, a chain of 100,000 definitions, 100,000 facts that each give a finding (every report
# format and the audit with its HTML report), `treaty fmt` on 100,000 definitions and on the
# list, 100,000 clauses in one agreement and 100,000 waivers. Each case checks the exit code and
# counts what it must find, so that a lost item fails. No recursion deep with the input and
# nothing quadratic: the whole script runs in well under 60 s on a release build.
# Usage: scale_test.sh TREATY [ITEMS]   (ITEMS defaults to 100,000; the sanitizer build passes
# 25,000: under ASan the 100,000 run takes over 15 minutes, and depth is what it guards, which
# the release run covers at full size)
set -euo pipefail
treaty=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 TREATY_TODAY=2026-06-01
N=${2:-100000}
fail() { echo "FAIL: $*"; exit 1; }

# expect CODE COMMAND...: run it in $tmp (stdout to $tmp/out, stderr to $tmp/err); the exit code
# must be CODE. Prints the time it took.
expect() {
  local want=$1; shift
  local code=0 start=$EPOCHREALTIME
  (cd "$tmp" && "$@") >"$tmp/out" 2>"$tmp/err" || code=$?
  if [ "$code" -ne "$want" ]; then
    head -c 2000 "$tmp/out"; head -c 2000 "$tmp/err"; fail "${*#"$treaty"} exited $code, expected $want"
  fi
  printf 'ok   %6.2f s  %s\n' "$(echo "$EPOCHREALTIME - $start" | bc)" "${*/#"$treaty"/treaty}"
}
# contains TEXT: the last output (stdout and stderr) holds TEXT.
contains() {
  grep -qF -- "$1" "$tmp/out" "$tmp/err" || { head -c 2000 "$tmp/out" "$tmp/err"; fail "no \`$1\`"; }
}
# count WHAT ACTUAL: ACTUAL must be $N.
count() { [ "$2" -eq "$N" ] || fail "$1: $2, expected $N"; }

# Every input once, in a few seconds. Definitions and the list are written in fmt's layout, so
# that `fmt --check` on them says they are formatted: fmt's output is the input, and it parses.
W=$N
python3 - "$tmp" "$N" "$W" <<'EOF'
import sys
d, n, W = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
vocab = 'kind deployment "A deployment" {\n  model: text\n}\n\n'
def agreement(body):
    return ('agreement A "Scale" {\n  parties X, Y\n  effective 2020-01-01\n\n' + body + "}\n")
def clause(num, title, rule):
    return '  clause "%s" "%s" {\n    text "t"\n    forbid deployment\n      when %s\n  }\n' % (
        num, title, rule)
def write(name, text):
    with open(d + "/" + name, "w") as f:
        f.write(text)
items = ", ".join('"m%d"' % i for i in range(n))
write("list.treaty", vocab + agreement(clause("1", "List", "deployment.model in [%s]" % items)))
# Names of one width: fmt aligns the `=` of a run of definitions.
defs = ['define d000000(x: deployment) = x.model == "m%d"\n' % (n - 1)]
defs += ["define d%06d(x: deployment) = d%06d(x)\n" % (i, i - 1) for i in range(1, n)]
write("defs.treaty", vocab + "".join(defs) + "\n" +
      agreement(clause("1", "Chain", "d%06d(deployment)" % (n - 1))))
write("clauses.treaty", vocab + agreement("\n".join(
    clause(str(i), "C%d" % i, 'deployment.model == "m%d"' % i) for i in range(n))))
write("any.treaty", vocab + agreement(clause("1", "Any", 'starts_with(deployment.model, "m")')))
# Waivers: 100,000, one per finding (duplicate ids are found by hash: 100,000 lint in ~2.7 s).
write("waivers.treaty", "".join(
    'waiver "W%d" {\n  clause "A/1"\n  facts "f%d"\n  reason "r"\n}\n' % (i, i)
    for i in range(W)))
with open(d + "/facts.jsonl", "w") as f:
    f.writelines('{"kind": "deployment", "id": "f%d", "model": "m%d"}\n' % (i, i) for i in range(n))
EOF
mkdir "$tmp/waived" && cp "$tmp/any.treaty" "$tmp/waivers.treaty" "$tmp/waived/"
head -n "$W" "$tmp/facts.jsonl" >"$tmp/waived.jsonl"
last=$((N - 1))

# 1. A list literal of 100,000 items: each of the 100,000 findings explains it, cut short.
expect 0 "$treaty" lint --policies list.treaty
contains "1 clause, no problems"
expect 1 "$treaty" check --policies list.treaty facts.jsonl --format csv
count "list: CSV rows" "$(grep -c '^A/1,' "$tmp/out")"
[ "$(wc -c <"$tmp/out")" -lt $((N * 1000)) ] || fail "list: an explanation repeats the whole list"
expect 0 "$treaty" explain "f$last" --policies list.treaty facts.jsonl
contains "deployment.model = m$last, expected [m0, m1, m2"
contains "1 rule can apply to \`f$last\`: 1 failed"

# 2. 100,000 definitions in a forwarding chain: the rule flags the last fact only.
expect 1 "$treaty" check --policies defs.treaty facts.jsonl
contains "$N facts, 1 clause: 1 error,"
contains "error: f$last at facts.jsonl:$N"
expect 0 "$treaty" explain "f$last" --policies defs.treaty facts.jsonl
contains "when d$(printf %06d "$last")(deployment): deployment.model = m$last (true)"

# 3. 100,000 facts, each a finding, in every report format and through the audit.
expect 1 "$treaty" check --policies any.treaty facts.jsonl --format text
count "text: findings" "$(grep -c '^    error: f[0-9]* at facts.jsonl:' "$tmp/out")"
contains "$N facts, 1 clause: $N errors,"
expect 1 "$treaty" check --policies any.treaty facts.jsonl --format json
count "json: findings" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$tmp/out")"
expect 1 "$treaty" check --policies any.treaty facts.jsonl --format sarif
count "sarif: results" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$tmp/out")"
expect 1 "$treaty" check --policies any.treaty facts.jsonl --format junit
count "junit: failures" "$(grep -c '<failure type="error"' "$tmp/out")"
contains "tests=\"$N\" failures=\"$N\""
expect 1 "$treaty" check --policies any.treaty facts.jsonl --format markdown
count "markdown: rows" "$(grep -c '^| \*\*error\*\* | A/1 |' "$tmp/out")"
expect 1 "$treaty" check --policies any.treaty facts.jsonl --format csv
count "csv: rows" "$(grep -c '^A/1,' "$tmp/out")"
expect 1 "$treaty" audit --policies any.treaty facts.jsonl --db audit.sqlite --report report.html -q
count "audit: report findings" \
  "$(grep -o '<span class="tag error">error</span> <code>f[0-9]*</code>' "$tmp/report.html" |
     sort -u | wc -l)"
expect 0 "$treaty" audit history --db audit.sqlite --format json
contains "\"errors\": $N"

# 4. fmt: 100,000 definitions and the 100,000-item list come out as they went in.
expect 0 "$treaty" fmt --check defs.treaty
expect 0 "$treaty" fmt --check list.treaty

# 5. 100,000 clauses in one agreement: each fact breaches its own clause.
expect 1 "$treaty" check --policies clauses.treaty facts.jsonl --format csv
count "clauses: CSV rows" "$(grep -c '^A/[0-9]*,A,C[0-9]*,' "$tmp/out")"

# 6. 100,000 waivers, one per finding: every finding is waived, none fails the run.
expect 0 "$treaty" check --policies waived waived.jsonl --format csv
[ "$(grep -c '^A/1,.*,waived,' "$tmp/out")" -eq "$W" ] || fail "waivers: not every finding waived"
grep -q ',open,' "$tmp/out" && fail "waivers: an open finding"
echo "all scale cases passed"
