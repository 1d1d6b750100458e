#!/usr/bin/env bash
# `--help` on every command (as `treaty --help` lists them, and their subcommands) exits 0 and
# shows at least one example invocation of that command. Usage: help_test.sh TREATY
set -euo pipefail
treaty=$(realpath "$1")
export NO_COLOR=1
failed=0
subcommands() {  # the "Subcommands:" section of a help text
  awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}'
}
check_help() {  # WORDS...
  local out
  if ! out=$("$treaty" "$@" --help 2>&1); then echo "FAIL treaty $* --help exits non-zero"; failed=1; return; fi
  if ! grep -qi '^Examples\?:' <<<"$out" || ! grep -q "^  treaty $1" <<<"$out"; then
    echo "FAIL treaty $* --help has no example"; failed=1; return
  fi
  echo "ok   treaty $* --help"
  local sub
  for sub in $(subcommands <<<"$out"); do check_help "$@" "$sub"; done
}
commands=$("$treaty" --help | subcommands)
[ -n "$commands" ] || { echo "FAIL: treaty --help lists no commands"; exit 1; }
for c in $commands; do check_help "$c"; done
[ "$failed" -eq 0 ] || exit 1
echo "every command has --help with an example"
