# The shared start of an end-to-end shell test, sourced by the script (which has already run
# `set -euo pipefail`) with its own arguments in place, the treaty binary first:
#   source "$(dirname "${BASH_SOURCE[0]}")/../support/e2e_prologue.sh"
# It sets `treaty` (the binary's absolute path) and `tmp` (a fresh directory removed on exit),
# turns colour off, and defines:
#   fail TEXT...           print FAIL: TEXT and exit 1
#   expect CODE COMMAND... run COMMAND here, stdout to $tmp/out and stderr to $tmp/err; the exit
#                          code must be CODE, else both are shown and the test fails
treaty=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1

fail() { echo "FAIL: $*"; exit 1; }

expect() {
  local want=$1; shift
  local code=0
  "$@" >"$tmp/out" 2>"$tmp/err" || code=$?
  if [ "$code" -ne "$want" ]; then
    cat "$tmp/out" "$tmp/err"; fail "$* exited $code, expected $want"
  fi
}
