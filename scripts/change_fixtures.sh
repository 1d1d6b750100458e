#!/usr/bin/env bash
# Applies a week's worth of plan changes to a COPY of fixtures/ (never to fixtures/ itself), for
# `make demo` and the audit tests: one breach fixed, one new breach added.
#   scripts/change_fixtures.sh DIR     # DIR is a copy of fixtures/
set -euo pipefail
dir=${1:?usage: change_fixtures.sh COPY_OF_FIXTURES}
[ "$(realpath "$dir")" != "$(realpath "$(dirname "$0")/../fixtures")" ] ||
  { echo "change_fixtures.sh: refusing to edit fixtures/ itself; pass a copy" >&2; exit 2; }
# Fixed: the Google joint-marketing deal no longer targets civilian government (GOOG_2025/4.1).
sed -i '/^id: deal-google-gov$/,/^---$/ s/^segments: \[civilian_gov, large_enterprise\]$/segments: [large_enterprise]/' \
  "$dir/deals/other.yaml"
grep -q '^segments: \[large_enterprise\]$' "$dir/deals/other.yaml"
# New: gpt-5.1 by stateless API on OCI, which Azure's exclusivity forbids (MSFT_2025/2.1).
cat > "$dir/deployments/oci_plan.yaml" <<'YAML'
# Added this week: gpt-5.1 by stateless API on OCI -> MSFT_2025/2.1.
kind: deployment
id: dep-oci-gpt51
provider: OpenAI
model: gpt-5.1
cloud: Oracle
channel: oci
api: stateless
segment: large_enterprise
regions: [us]
start: 2026-10-01
YAML
