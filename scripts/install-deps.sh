#!/usr/bin/env bash
# Installs every package Tenet needs to build, test and benchmark (Debian 12).
# Idempotent: silent and fast when everything is already present.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build ccache g++ make pkg-config
  # compiler middle-end and parser
  llvm-19-dev antlr4 libantlr4-runtime-dev
  # 256/512-bit integers, HTTP (Boost.Beast/Asio)
  libboost1.81-dev
  # crypto
  libcrypto++-dev libsecp256k1-dev
  # storage, json, command line, formatting
  librocksdb-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  # tenet.toml
  libtomlplusplus-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # JSON checks in the CLI test scripts
  jq
  # test-only: `tenet test --junit` output is validated with xmllint (libxml2-utils) against
  # tests/cli/support/junit.xsd, and `tenet coverage --report lcov` output must be accepted
  # by genhtml (lcov); tenet itself needs neither at run time
  libxml2-utils lcov
  # test-only: the language server is driven from Neovim's built-in LSP client
  # (tests/editors/nvim/)
  neovim
  # libFuzzer target and sanitizer runtime
  clang libclang-rt-14-dev
  # npm cross-checks (ethers.js)
  nodejs npm
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

# node/npm may come from outside Debian on some machines: accept any working node.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do
    [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p")
  done
  missing=("${filtered[@]}")
fi

[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
