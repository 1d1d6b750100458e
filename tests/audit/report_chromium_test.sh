#!/usr/bin/env bash
# The HTML report of `treaty audit --report` rendered in headless Chromium: two audits of the
# example portfolio (the second after scripts/change_fixtures.sh), then --dump-dom must show
# every section, the findings, the change since the first run and the waiver, and a
# screenshot is kept in ARTIFACT_DIR/report.png. Skipped (77) when Chromium is missing.
#   tests/audit/report_chromium_test.sh TREATY_BINARY ARTIFACT_DIR
set -euo pipefail
treaty=$(realpath "$1")
art=$(mkdir -p "${2:-out}" && realpath "${2:-out}")
src=$(cd "$(dirname "$0")/../.." && pwd)
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "chromium is missing: run scripts/setup.sh, which installs it"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp -r "$src/fixtures" "$work/fixtures"
audit() {
  (cd "$work" && "$treaty" audit --policies "$src/policies" fixtures --db audit.sqlite \
     --as-of 2026-11-29 --fail-on never "$@")
}
audit --label before > /dev/null
"$src/scripts/change_fixtures.sh" "$work/fixtures"
audit --label after --report "$art/report.html" > "$art/audit.txt"

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --disable-dev-shm-usage --user-data-dir="$work/profile")
"$chromium" "${flags[@]}" --dump-dom "file://$art/report.html" > "$art/report.dom.html" 2> "$work/dom.err"
"$chromium" "${flags[@]}" --hide-scrollbars --window-size=1280,2000 \
  --screenshot="$art/report.png" "file://$art/report.html" > /dev/null 2> "$work/shot.err"

fail=0
expect() {
  if ! grep -qF -- "$1" "$art/report.dom.html"; then echo "FAIL: the page lacks: $1"; fail=1; fi
}
for section in 'id="summary"' 'id="changes"' 'id="timeline"' 'id="findings"' 'id="waivers"'; do
  expect "$section"
done
expect '<h1>Treaty audit report</h1>'
expect 'Compared with run 1: <strong>1 new</strong>, <strong>1 resolved</strong>'
expect 'dep-oci-gpt51'          # the new breach
expect 'deal-google-gov'        # the resolved one
expect 'MSFT_2025/2.1'
expect 'Azure API exclusivity'
expect 'dep-vertex-gpt5'
expect 'W-2026-014'
expect 'expires in 32 days'
expect 'exclusive deployment.cloud to Azure'
expect '<circle'
if grep -qi '<script' "$art/report.dom.html"; then echo "FAIL: the page has a script"; fail=1; fi
size=$(stat -c %s "$art/report.png" 2>/dev/null || echo 0)
if [ "$size" -lt 20000 ]; then
  echo "FAIL: screenshot $art/report.png missing or blank ($size bytes)"; cat "$work/shot.err"; fail=1
fi
[ $fail -eq 0 ] || exit 1
echo "PASS: report rendered; screenshot $art/report.png ($size bytes)"
