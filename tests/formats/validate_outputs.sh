#!/usr/bin/env bash
# Validates the real binary's SARIF against the OASIS SARIF 2.1.0 schema (Debian's
# python3-jsonschema, run with /usr/bin/python3: a pyenv `python3` may lack the module) and its
# JUnit XML against Jenkins' junit-10.xsd (xmllint), on: the golden formats portfolio (open,
# waived and join findings), the repository's own portfolio (with --show-defeated), a case
# with fact errors (diagnostics), and `treaty test --format junit` when `treaty test` has it.
# Usage: validate_outputs.sh TREATY SOURCE_DIR   (the schemas: tests/formats/schemas/, with their
# source and licence in its README.md)
set -euo pipefail
treaty=$(realpath "$1")
src=$(realpath "$2")
schemas=$src/tests/formats/schemas
sarif_schema=$schemas/sarif-schema-2.1.0.json
junit_schema=$schemas/junit-10.xsd
python=/usr/bin/python3

for f in "$sarif_schema" "$junit_schema"; do
  [ -f "$f" ] || { echo "FAIL: schema $f not found (it belongs to the repository: tests/formats/schemas/)"; exit 1; }
done
"$python" -c 'import jsonschema' 2>/dev/null ||
  { echo "FAIL: $python has no jsonschema module: run scripts/setup.sh (python3-jsonschema)"; exit 1; }
command -v xmllint >/dev/null ||
  { echo "FAIL: xmllint not found: run scripts/setup.sh (libxml2-utils)"; exit 1; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failed=0
n=0

validate_sarif() {  # NAME FILE
  if "$python" - "$sarif_schema" "$2" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
for e in errors[:20]:
    print("  at /" + "/".join(str(p) for p in e.path) + ": " + e.message)
sys.exit(1 if errors else 0)
PY
  then echo "ok   $1 (SARIF 2.1.0)"; else echo "FAIL $1 (SARIF 2.1.0)"; failed=1; fi
}

validate_junit() {  # NAME FILE
  if xmllint --noout --schema "$junit_schema" "$2" 2>"$out/xmllint.err"; then
    echo "ok   $1 (junit-10.xsd)"
  else
    sed 's/^/  /' "$out/xmllint.err"; echo "FAIL $1 (junit-10.xsd)"; failed=1
  fi
}

# run NAME DIR ARGS...: `treaty ARGS` in DIR; exit codes 0-2 are fine (findings, input errors).
run() {
  local name=$1 dir=$2; shift 2
  n=$((n + 1))
  local file="$out/$n"
  local code=0
  (cd "$dir" && TREATY_TODAY=2026-11-29 "$treaty" "$@" >"$file") || code=$?
  if [ "$code" -gt 2 ]; then echo "FAIL $name: treaty $* exited $code"; failed=1; return 1; fi
  [ -s "$file" ] || { echo "FAIL $name: treaty $* printed nothing"; failed=1; return 1; }
  echo "$file"
}

check_formats() {  # NAME DIR ARGS...
  local name=$1 dir=$2; shift 2
  local f
  if f=$(run "$name" "$dir" check "$@" --format sarif); then validate_sarif "$name" "$f"; else echo "$f"; fi
  if f=$(run "$name" "$dir" check "$@" --format junit); then validate_junit "$name" "$f"; else echo "$f"; fi
}

golden=$src/tests/golden/formats/open-waived-join
check_formats "formats/open-waived-join" "$golden" --policies policies facts --as-of 2026-06-01
check_formats "repository portfolio" "$src" --show-defeated
check_formats "repository portfolio, before the deadlines" "$src" --as-of 2025-08-02
check_formats "fact errors (diagnostics)" "$src/tests/golden/check/bad-facts" \
  --policies . facts.yaml more.jsonl --as-of 2026-06-01
check_formats "policy errors (diagnostics)" "$src/tests/golden/diagnostics/check-unknown-field" \
  --policies input.treaty --as-of 2026-06-01

if "$treaty" test --help 2>/dev/null | grep -q junit; then
  if f=$(run "treaty test" "$src" test --format junit); then validate_junit "treaty test" "$f"; else echo "$f"; fi
else
  echo "skip treaty test --format junit: this build's \`treaty test\` has no junit format yet"
fi

if [ "$failed" -ne 0 ]; then echo "some outputs do not validate"; exit 1; fi
echo "all outputs validate"
