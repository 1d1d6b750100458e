#!/usr/bin/env bash
# `treaty init`: the portfolio it writes passes `treaty check`, `treaty test` and `treaty lint`
# at once (with no diagnostic at all), is already in `treaty fmt`'s layout (so its own
# pre-commit hook passes), and a second `init` over it refuses, exits 2 and changes nothing.
# Usage: init_test.sh TREATY
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/e2e_prologue.sh"

expect 0 "$treaty" init "$tmp/proj"
for f in treaty.yaml policies/vocabulary.treaty policies/example.treaty \
         policies/tests/example_test.treaty fixtures/deployments.yaml .pre-commit-config.yaml; do
  [ -f "$tmp/proj/$f" ] || fail "init did not write $f"
done
echo "ok   init wrote the portfolio"

cd "$tmp/proj"
expect 0 "$treaty" check
[ -s "$tmp/err" ] && { cat "$tmp/err"; fail "treaty check printed diagnostics"; }
grep -q "0 errors, 0 warnings, 0 infos" "$tmp/out" || { cat "$tmp/out"; fail "treaty check found something"; }
echo "ok   treaty check passes: $(tail -1 "$tmp/out")"

expect 0 "$treaty" lint --fail-on info
grep -q "no problems" "$tmp/out" || { cat "$tmp/out"; fail "treaty lint reported problems"; }
echo "ok   treaty lint passes with no diagnostic: $(tail -1 "$tmp/out")"

if "$treaty" test --help >/dev/null 2>&1 && "$treaty" --help | grep -qE '^ +test '; then
  expect 0 "$treaty" test
  grep -q " 0 failed" "$tmp/out" || { cat "$tmp/out"; fail "treaty test failed"; }
  echo "ok   treaty test passes: $(tail -1 "$tmp/out")"
else
  echo "skip treaty test: not in this build"
fi

if "$treaty" fmt --help 2>/dev/null | grep -q -- --check; then
  expect 0 "$treaty" fmt --check policies
  echo "ok   the policy files are in treaty fmt's layout"
else
  echo "skip treaty fmt --check: not in this build"
fi

# The .pre-commit-config.yaml is valid YAML with the two hooks.
/usr/bin/python3 - <<'PY' || fail ".pre-commit-config.yaml is not what pre-commit expects"
import yaml
config = yaml.safe_load(open(".pre-commit-config.yaml"))
hooks = [h["id"] for r in config["repos"] for h in r["hooks"]]
assert hooks == ["treaty-check", "treaty-fmt"], hooks
PY
echo "ok   .pre-commit-config.yaml has the treaty-check and treaty-fmt hooks"

# A second init refuses, exits 2 and changes nothing; so does one over a single existing file.
before=$(find . -type f -exec sha256sum {} + | sort)
expect 2 "$treaty" init .
grep -q "does not overwrite" "$tmp/err" || { cat "$tmp/err"; fail "no clear message"; }
[ "$(find . -type f -exec sha256sum {} + | sort)" = "$before" ] || fail "a refused init changed files"
mkdir "$tmp/other" && echo "policies: [x]" >"$tmp/other/treaty.yaml"
expect 2 "$treaty" init "$tmp/other"
[ "$(find "$tmp/other" -type f | wc -l)" -eq 1 ] || fail "a refused init wrote some files"
[ "$(cat "$tmp/other/treaty.yaml")" = "policies: [x]" ] || fail "a refused init overwrote treaty.yaml"
echo "ok   init refuses to overwrite (exit 2) and writes nothing"
echo "treaty init works"
