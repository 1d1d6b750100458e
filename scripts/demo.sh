#!/usr/bin/env bash
# `make demo`: runs Treaty on the bundled portfolio (policies/) and facts (fixtures/).
set -uo pipefail
treaty=$(realpath "${1:-build/cli/treaty}")
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "treaty lint: compile the example portfolio in policies/"
"$treaty" lint --policies policies
echo "(exit code $?)"

step "treaty check: the plans in fixtures/ against the portfolio (paths and as-of date from treaty.yaml)"
"$treaty" check
echo "(exit code $?: 1 means open findings at or above --fail-on)"

step "treaty test: the worked examples in policies/tests/, each on its own facts"
"$treaty" test --policies policies
echo "(exit code $?: 1 means a test failed)"

step "treaty explain dep-bedrock-gpt5: every clause that can apply to one fact, and why"
"$treaty" explain dep-bedrock-gpt5
echo "(exit code $?)"

step "treaty audit: record the check in out/audit.sqlite, change the plans, record again, compare"
mkdir -p out
rm -rf out/fixtures out/audit.sqlite out/audit.sqlite-wal out/audit.sqlite-shm
cp -r fixtures out/fixtures   # the audit edits this copy, never fixtures/
"$treaty" audit out/fixtures --db out/audit.sqlite --label baseline -q > /dev/null
echo "(run 1 recorded: exit code $?)"
scripts/change_fixtures.sh out/fixtures   # fix deal-google-gov, add dep-oci-gpt51
"$treaty" audit out/fixtures --db out/audit.sqlite --label "week 2" -q --report out/report.html
echo "(exit code $?)"
"$treaty" audit history --db out/audit.sqlite
"$treaty" audit diff 1 2 --db out/audit.sqlite
echo "open out/report.html in a browser for the HTML report"
