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
