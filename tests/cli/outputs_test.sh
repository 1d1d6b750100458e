#!/usr/bin/env bash
# Hostile or careless output paths (cli/output_file.h): an output that is the audit store (or
# its -wal/-shm, through a symlink or a hard link), a policy, fact or treaty.yaml file is
# refused with exit 2 and nothing changes; a write error on stdout or --output (/dev/full, a
# file size limit) is exit 2 with the reason, and a failed write leaves the old file whole with
# no temporary file beside it; `treaty init` never writes through a symbolic link.
# Usage: outputs_test.sh TREATY
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/e2e_prologue.sh"

# says TEXT: stderr of the last command holds TEXT.
says() { grep -qF -- "$1" "$tmp/err" || { cat "$tmp/err"; fail "stderr does not say: $1"; }; }
digest() { find . -type f -not -name '*.sqlite-*' -exec sha256sum {} + | sort; }

"$treaty" init -q "$tmp/proj"
cd "$tmp/proj"

# ---- write errors are exit 2, never 0
code=0; "$treaty" check --fail-on never >/dev/full 2>"$tmp/err" || code=$?
[ "$code" -eq 2 ] || fail "check --fail-on never >/dev/full exited $code, expected 2"
says "cannot write to standard output: No space left on device"
echo "ok   check --fail-on never >/dev/full: exit 2, No space left on device"
for cmd in "lint" "test" "version" "fmt --stdout" "check --format sarif" "--help"; do
  code=0; "$treaty" $cmd >/dev/full 2>"$tmp/err" || code=$?
  [ "$code" -eq 2 ] || fail "treaty $cmd >/dev/full exited $code, expected 2"
  says "No space left on device"
done
echo "ok   lint, test, version, fmt --stdout, sarif, --help >/dev/full: exit 2"
expect 2 "$treaty" check --fail-on never --format sarif --output /dev/full
says "cannot write \`/dev/full\`: No space left on device"
echo "ok   check --output /dev/full: exit 2, No space left on device"

# A file size limit fails the write part way: the old file stays whole, no temporary is left.
echo "the old report" >old.sarif
code=0; (trap '' XFSZ; ulimit -f 1; "$treaty" check --format sarif --output old.sarif) 2>"$tmp/err" || code=$?
[ "$code" -eq 2 ] || fail "a write past the file size limit exited $code, expected 2"
says "cannot write \`old.sarif\`: File too large"
[ "$(cat old.sarif)" = "the old report" ] || fail "a failed write changed the old file"
[ -z "$(find . -name '.*treaty-*')" ] || fail "a failed write left a temporary file"
echo "ok   a failed --output write leaves the old file whole and no temporary file"

# A successful write replaces the file, keeps its mode, and writes through a link to it.
chmod 640 old.sarif
expect 0 "$treaty" check --format sarif --output old.sarif
grep -q '"version": "2.1.0"' old.sarif || fail "--output did not write the report"
[ "$(stat -c %a old.sarif)" = 640 ] || fail "--output changed the file's mode"
ln -s old.sarif link.sarif
expect 0 "$treaty" check --format json --output link.sarif
[ -L link.sarif ] || fail "--output replaced the symlink instead of its target"
grep -q '"findings"' old.sarif || fail "--output did not write through the symlink"
echo "ok   --output keeps the mode and writes through a symlink to a file"

# ---- no output replaces an input
expect 0 "$treaty" audit -q --db a.sqlite
before=$(digest)
expect 2 "$treaty" audit --db a.sqlite --report a.sqlite
says "refusing to write --report \`a.sqlite\`: it is the same file as the audit store \`a.sqlite\`"
for report in a.sqlite-wal a.sqlite-shm ./a.sqlite "$tmp/proj/a.sqlite"; do
  expect 2 "$treaty" audit --db a.sqlite --report "$report"
  says "refusing to write --report"
done
ln -s a.sqlite store-link.html
expect 2 "$treaty" audit --db a.sqlite --report store-link.html
says "the same file as the audit store"
ln a.sqlite store-hardlink.html
expect 2 "$treaty" audit --db a.sqlite --report store-hardlink.html
says "the same file as the audit store"
rm store-hardlink.html
expect 2 "$treaty" audit --db new.sqlite --report new.sqlite
[ ! -e new.sqlite ] || fail "a refused audit created the store"
[ "$(digest)" = "$before" ] || fail "a refused --report changed a file"
expect 0 "$treaty" audit history --db a.sqlite
grep -qE '^ +1 ' "$tmp/out" || fail "the store lost its history"
echo "ok   --report onto the store, -wal, -shm, a link or a hard link to it: exit 2, store intact"

expect 2 "$treaty" check --output fixtures/deployments.yaml
says "it is the same file as the fact file \`fixtures/deployments.yaml\`"
expect 2 "$treaty" check --output policies/example.treaty
says "the same file as the policy file"
expect 2 "$treaty" check --output treaty.yaml
says "the same file as the project file \`treaty.yaml\`"
expect 2 "$treaty" audit --db a.sqlite --report policies/example.treaty
says "the same file as the policy file"
expect 2 "$treaty" audit --db fixtures/deployments.yaml
says "refusing to write --db \`fixtures/deployments.yaml\`"
[ "$(digest)" = "$before" ] || fail "a refused output changed an input"
echo "ok   --output/--report/--db onto a policy, fact or treaty.yaml file: exit 2, unchanged"

# ---- treaty fmt: a failed rewrite leaves the policy file as it was
# (over 1 KiB with a long comment, so that the 1 KiB limit stops it and not its messages)
{ printf '\n\n\n// '; head -c 3000 /dev/zero | tr '\0' x; printf '\n'; } >>policies/example.treaty
cp policies/example.treaty "$tmp/example.before"
code=0; (trap '' XFSZ; ulimit -f 1; "$treaty" fmt policies) >/dev/null 2>"$tmp/err" || code=$?
[ "$code" -eq 2 ] || fail "fmt with a failed write exited $code, expected 2"
says "error[T0611]: cannot write \`policies/example.treaty\`: File too large"
cmp -s policies/example.treaty "$tmp/example.before" || fail "a failed fmt changed the file"
[ -z "$(find . -name '.*treaty-*')" ] || fail "a failed fmt left a temporary file"
expect 0 "$treaty" fmt policies
echo "ok   fmt: a failed rewrite is T0611, exit 2, the policy file unchanged"

# ---- treaty init never writes through a symbolic link
mkdir "$tmp/dangling"
ln -s "$tmp/victim.yaml" "$tmp/dangling/treaty.yaml"
expect 2 "$treaty" init "$tmp/dangling"
says "does not write through symbolic links"
[ ! -e "$tmp/victim.yaml" ] || fail "init wrote through a dangling symlink"
[ "$(find "$tmp/dangling" -mindepth 1 | wc -l)" -eq 1 ] || fail "a refused init wrote files"
mkdir "$tmp/linked" "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$tmp/linked/policies"
expect 2 "$treaty" init "$tmp/linked"
says "\`$tmp/linked/policies\` is one"
[ -z "$(ls -A "$tmp/elsewhere")" ] || fail "init wrote through a symlinked directory"
mkdir "$tmp/good"
ln -s "$tmp/good/treaty.yaml" "$tmp/good/.pre-commit-config.yaml"
expect 2 "$treaty" init "$tmp/good"
[ ! -e "$tmp/good/treaty.yaml" ] || fail "init wrote before refusing a link"
echo "ok   init refuses a dangling or directory symlink (exit 2) and writes nothing"
echo "treaty outputs are safe"
