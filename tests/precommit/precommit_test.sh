#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, end to end: a throw-away git repository with
# a small portfolio uses this repository's hooks (a local `repo:` holding a copy of the hooks
# file, so no network is needed) with the built `treaty` first on PATH. Committing a breaching
# manifest is refused with the finding printed; committing a compliant one passes.
# Never installs anything: git and pre-commit come from scripts/setup.sh; when one is missing the
# test fails and says what to run. Usage: precommit_test.sh TREATY SOURCE_DIR
set -euo pipefail
treaty=$(realpath "$1")
src=$(realpath "$2")

for tool in git pre-commit; do
  command -v "$tool" >/dev/null ||
    { echo "FAIL: \`$tool\` is not installed: run scripts/setup.sh (it installs Debian's $tool)"; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME=$tmp/cache HOME=$tmp/home
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com NO_COLOR=1
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global protocol.file.allow always
# The built binary first on PATH: the hooks run `treaty` (language: system).
bin=$tmp/bin
mkdir -p "$bin"
ln -s "$treaty" "$bin/treaty"
export PATH=$bin:$PATH

fail() { echo "FAIL: $*"; exit 1; }

# This repository's hooks, as a repository pre-commit can clone offline.
hooks=$tmp/hooks
mkdir -p "$hooks"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -q -m hooks
rev=$(git -C "$hooks" rev-parse HEAD)

fmt_hook=""
if treaty fmt --help 2>/dev/null | grep -q -- --check; then fmt_hook="      - id: treaty-fmt"; fi

proj=$tmp/project
mkdir -p "$proj/policies" "$proj/manifests"
cd "$proj"
git init -q
cat > treaty.yaml <<'YAML'
policies: [policies]
facts: [manifests]
fail_on: error
as_of: 2026-06-01
YAML
cat > policies/vocabulary.treaty <<'TREATY'
taxonomy cloud { Azure AWS Google }
kind deployment "A planned deployment" {
  service: text
  cloud:   cloud
  start:   date
  active from start
}
TREATY
cat > policies/hosting.treaty <<'TREATY'
agreement HOSTING "Hosting agreement" {
  parties Customer, Provider
  effective 2026-01-01

  clause "2.1" "Hosting exclusivity" {
    text "Production services run on Azure only."
    exclusive deployment.cloud to Azure
    message "{deployment.service} runs on {deployment.cloud}: Azure holds exclusivity"
  }
}
TREATY
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: treaty-check
$fmt_hook
YAML
if [ -n "$fmt_hook" ]; then treaty fmt policies/vocabulary.treaty policies/hosting.treaty >/dev/null; fi

pre-commit install >/dev/null || fail "pre-commit install"
# The portfolio itself: treaty.yaml and the config are YAML but excluded from treaty-check.
git add treaty.yaml policies .pre-commit-config.yaml
git commit -q -m portfolio >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "committing the portfolio was refused"; }
echo "ok   the portfolio commits (treaty.yaml and .pre-commit-config.yaml are not taken for facts)"

# A breaching manifest: refused, with the finding in the output.
cat > manifests/api.yaml <<'YAML'
kind: deployment
id: api-on-aws
service: api
cloud: AWS
start: 2026-03-01
YAML
git add manifests/api.yaml
if git commit -m "api on AWS" >"$tmp/out" 2>&1; then
  cat "$tmp/out"; fail "the breaching manifest was committed"
fi
grep -q "HOSTING/2.1" "$tmp/out" || { cat "$tmp/out"; fail "the refusal does not name the clause"; }
grep -q "api-on-aws" "$tmp/out" || { cat "$tmp/out"; fail "the refusal does not name the fact"; }
grep -q "api runs on AWS: Azure holds exclusivity" "$tmp/out" ||
  { cat "$tmp/out"; fail "the refusal does not print the finding's message"; }
[ "$(git rev-list --count HEAD)" -eq 1 ] || fail "a commit was made"
echo "ok   the breaching manifest is refused, with the finding printed:"
sed -n '/HOSTING\/2.1/,/Azure holds/p' "$tmp/out" | sed 's/^/       /'

# The compliant manifest: passes.
cat > manifests/api.yaml <<'YAML'
kind: deployment
id: api-on-azure
service: api
cloud: Azure
start: 2026-03-01
YAML
git add manifests/api.yaml
git commit -m "api on Azure" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "the compliant manifest was refused"; }
grep -q "treaty check.*Passed" "$tmp/out" || { cat "$tmp/out"; fail "the treaty-check hook did not run"; }
[ "$(git rev-list --count HEAD)" -eq 2 ] || fail "the compliant manifest was not committed"
echo "ok   the compliant manifest commits (treaty check ... Passed)"

if [ -n "$fmt_hook" ]; then
  # A policy file out of the canonical layout is refused by treaty-fmt.
  printf 'taxonomy   region { eu    us }\n' > policies/region.treaty
  git add policies/region.treaty
  if git commit -m "badly laid out" >"$tmp/out" 2>&1; then
    cat "$tmp/out"; fail "treaty-fmt let a badly laid out policy file through"
  fi
  grep -q "policies/region.treaty" "$tmp/out" || { cat "$tmp/out"; fail "treaty-fmt does not name the file"; }
  echo "ok   treaty-fmt refuses a policy file that is not in the canonical layout"
else
  echo "skip treaty-fmt: this build has no \`treaty fmt\` yet"
fi
# The `repo: local` config that `treaty init` writes works the same way.
cd "$tmp"
treaty init -q initialised
cd initialised
git init -q
pre-commit install >/dev/null || fail "pre-commit install (init's config)"
git add .
git commit -q -m "treaty init" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "init's portfolio does not commit"; }
printf 'kind: deployment\nid: api-aws\nservice: api\ncloud: AWS\nregions: [us]\nstart: 2026-05-01\n' \
  > fixtures/api.yaml
git add fixtures/api.yaml
if git commit -m "api on AWS" >"$tmp/out" 2>&1; then cat "$tmp/out"; fail "init's hooks let a breach through"; fi
grep -q "EXAMPLE/2.1" "$tmp/out" || { cat "$tmp/out"; fail "init's hooks do not print the finding"; }
echo "ok   the .pre-commit-config.yaml of \`treaty init\` (repo: local) commits its portfolio and refuses a breach"
echo "pre-commit hooks work"
