#!/usr/bin/env bash
# `make demo`: runs Treaty on the bundled portfolio and facts.
set -uo pipefail
treaty=${1:-build/cli/treaty}
cd "$(dirname "$0")/.."
echo "== treaty lint: compile the example portfolio in policies/"
"$treaty" lint --policies policies
echo "(exit code $?)"
