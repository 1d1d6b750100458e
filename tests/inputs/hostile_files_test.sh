#!/usr/bin/env bash
# Hostile input files (docs/reliability.md): a device, a FIFO, a sparse file past the size
# limit, symbolic links (to a directory, dangling, a loop) and a directory that may not be
# opened, as fact files and as policy files. Each must end fast with a located message and the
# documented exit code (2: unreadable input), never hang or crash; the readable rest is checked.
# Usage: hostile_files_test.sh TREATY SOURCE_DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/e2e_prologue.sh"
src=$(realpath "$2")
chmod 755 "$tmp"

# expect CODE TEXT COMMAND... (in place of the prologue's): run it (at most 20 s) in $tmp/proj;
# the exit code must be CODE and the output must contain TEXT.
expect() {
  local want=$1 text=$2; shift 2
  local code=0
  (cd "$tmp/proj" && timeout 20 "$@") >"$tmp/out" 2>&1 || code=$?
  if [ "$code" -ne "$want" ]; then
    cat "$tmp/out"; fail "$* exited $code, expected $want"
  fi
  grep -qF -- "$text" "$tmp/out" || { cat "$tmp/out"; fail "$*: no \`$text\` in the output"; }
  echo "ok   $*: $text"
}

mkdir -p "$tmp/proj/policies" "$tmp/proj/facts"
cp "$src/tests/golden/check/join-mfn/"*.treaty "$tmp/proj/policies/"
cp "$src/tests/golden/check/join-mfn/facts.yaml" "$tmp/proj/facts/team-a.yaml"
cd "$tmp/proj"

# 1. Not a regular file, or too large: refused before anything is read.
expect 2 'cannot read `/dev/zero`: not a regular file' "$treaty" check /dev/zero
mkfifo fifo.yaml fifo.jsonl
expect 2 'cannot read `fifo.yaml`: not a regular file' "$treaty" check fifo.yaml
expect 2 'cannot read `fifo.jsonl`: not a regular file' "$treaty" check fifo.jsonl
truncate -s 5G sparse.yaml
expect 2 'cannot read `sparse.yaml`: the file is larger than 4 GiB' "$treaty" check sparse.yaml
truncate -s 5G sparse.jsonl
expect 2 'cannot read `sparse.jsonl`: the file is larger than 4 GiB' "$treaty" check sparse.jsonl
rm sparse.yaml sparse.jsonl
mkfifo policies/fifo.treaty
expect 2 'cannot read `policies/fifo.treaty`: not a regular file' "$treaty" check facts
rm policies/fifo.treaty
expect 2 'cannot read `/dev/zero`: not a regular file' "$treaty" check --policies /dev/zero facts
# A FIFO inside a fact directory: refused, the other files still checked (1: findings).
mkfifo facts/zz-fifo.yaml
expect 2 'cannot read `facts/zz-fifo.yaml`: not a regular file' "$treaty" check facts
grep -qF 'dep-azure-gpt5' "$tmp/out" || fail "the readable facts beside the FIFO were not checked"
rm facts/zz-fifo.yaml

# 2. Symbolic links: a linked team directory is checked; a dangling link and a loop are named.
mkdir -p "$tmp/elsewhere/team-b"
sed 's/dep-/b-dep-/' facts/team-a.yaml >"$tmp/elsewhere/team-b/b.yaml"
mv facts/team-a.yaml "$tmp/elsewhere/team-a.yaml"
ln -s "$tmp/elsewhere/team-b" facts/team-b
ln -s "$tmp/elsewhere/team-a.yaml" facts/team-a.yaml
expect 1 'b-dep-azure-gpt5 at facts/team-b/b.yaml' "$treaty" check facts
grep -qF 'dep-azure-gpt5 at facts/team-a.yaml' "$tmp/out" || fail "a linked file was not checked"
ln -s "$tmp/missing-team" facts/team-c
ln -s missing.yaml facts/gone.yaml
expect 2 'cannot read `facts/team-c`: dangling symbolic link' "$treaty" check facts
grep -qF 'cannot read `facts/gone.yaml`: dangling symbolic link to `missing.yaml`' "$tmp/out" ||
  fail "a dangling fact link was not named"
grep -qF 'b-dep-azure-gpt5 at facts/team-b/b.yaml' "$tmp/out" || fail "the rest was not checked"
rm facts/team-c facts/gone.yaml
ln -s "$tmp/elsewhere/team-b" facts/team-b/up
expect 2 'cannot read `facts/team-b/up`: symbolic link loop' "$treaty" check facts
grep -qF 'b-dep-azure-gpt5 at facts/team-b/b.yaml' "$tmp/out" || fail "the rest was not checked"
rm "$tmp/elsewhere/team-b/up"
# Policy roots walk the same way.
mkdir "$tmp/elsewhere/shared-policies"
mv policies/rules.treaty "$tmp/elsewhere/shared-policies/"
ln -s "$tmp/elsewhere/shared-policies" policies/shared
expect 1 'MSFT_2025/6.2' "$treaty" check facts
ln -s nowhere.treaty policies/lost.treaty
expect 2 'cannot read `policies/lost.treaty`: dangling symbolic link' "$treaty" lint
rm policies/lost.treaty
ln -s "$tmp/elsewhere/shared-policies" policies/shared/loop
expect 2 'cannot read `policies/shared/loop`: symbolic link loop' "$treaty" lint
rm policies/shared/loop

# 3. A directory that may not be opened: named with its errno text, the rest checked. Root reads
# everything, so this part runs as `nobody` when the test runs as root.
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  mkdir "$tmp/bin" && cp "$treaty" "$tmp/bin/treaty" && chmod 755 "$tmp/bin/treaty"
  treaty=$tmp/bin/treaty  # the build tree may not be open to `nobody`
fi
mkdir facts/locked
cp "$tmp/elsewhere/team-a.yaml" facts/locked/x.yaml
chmod 000 facts/locked
chmod -R a+rX "$tmp/elsewhere"
expect 2 'cannot read `facts/locked`: permission denied' "${as_user[@]}" "$treaty" check facts
grep -qF 'b-dep-azure-gpt5 at facts/team-b/b.yaml' "$tmp/out" || fail "the rest was not checked"
chmod 755 facts/locked
chmod 000 facts/locked/x.yaml
expect 2 'cannot read `facts/locked/x.yaml`: permission denied' "${as_user[@]}" "$treaty" check facts
chmod 644 facts/locked/x.yaml
echo "all hostile-file cases passed"
