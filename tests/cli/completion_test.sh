#!/usr/bin/env bash
# `treaty completion bash`: the generated script loads in bash and completes commands, options,
# option values (from CLI11's IsMember lists) and files, simulating what bash does on TAB.
# Usage: completion_test.sh TREATY
set -euo pipefail
treaty=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$treaty" completion bash >"$tmp/treaty.bash"
bash -n "$tmp/treaty.bash" || { echo "FAIL: the script does not parse"; exit 1; }

# complete WORDS...: the completions bash would offer for the last word.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _treaty
           printf "%s\n" "${COMPREPLY[@]}"' _ "$tmp/treaty.bash" "$@" | sort | tr '\n' ' '
}
failed=0
expect() {  # EXPECTED WORDS...
  local want=$1; shift
  local got
  got=$(complete_words "$@")
  if [ "$got" = "$want" ]; then echo "ok   $* -> $got"; else echo "FAIL $* -> '$got', expected '$want'"; failed=1; fi
}
cd "$tmp"
touch facts.yaml
expect "check " treaty che
expect "completion " treaty compl
expect "--format " treaty check --form
expect "csv json junit markdown sarif text " treaty check --format ""
expect "junit " treaty check --policies p --format ju
expect "always auto " treaty lint --color a
expect "bash " treaty completion ""
expect "facts.yaml " treaty check fa
expect "facts.yaml " treaty check --show-defeated fa
expect "facts.yaml treaty.bash " treaty check --output ""
[ "$failed" -eq 0 ] || exit 1
echo "bash completion works"
