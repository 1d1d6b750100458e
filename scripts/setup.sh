#!/usr/bin/env bash
# Installs the Debian packages Treaty's build, tests and demo need. Idempotent: when every
# package is present it only checks and returns.
set -euo pipefail
packages=(
  cmake ninja-build g++ make git clang libclang-rt-14-dev
  antlr4 libantlr4-runtime-dev default-jre-headless
  libyaml-cpp-dev libsqlite3-dev sqlite3 libspdlog-dev libfmt-dev
  catch2 libcli11-dev nlohmann-json3-dev libz3-dev libbenchmark-dev
  hyperfine time
  python3 python3-jsonschema python3-yaml libxml2-utils pre-commit
  chromium
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
