#!/usr/bin/env bash
# `make install PREFIX=…` (cmake --install): PREFIX/bin/tenet and PREFIX/share/tenet/stdlib,
# and an installed binary finds std/ relative to itself, run from another directory with
# no source tree in sight. Usage: install.sh TENET SOURCE_DIR (TENET in the build tree).
set -uo pipefail
TENET=$1
BUILD=$(cd "$(dirname "$TENET")/.." && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"

PREFIX="$WORK/prefix with space"
cmake --install "$BUILD" --prefix "$PREFIX" > "$WORK/install.log" 2>&1
check "cmake --install" "0" "$?"
# The binary and every module of stdlib/std/ (not the library's tests, README or tenet.toml).
expected_files=$( { echo bin/tenet; cd "$2/stdlib" && ls std/*.tn | sed 's|^|share/tenet/stdlib/|'; } | sort)
check "installed files" "$expected_files" "$(cd "$PREFIX" && find . -type f | sed 's|^\./||' | sort)"

# The installed binary reads the installed std/: a function only the installed copy has.
printf '\n/// Only in the installed copy.\nfn installed_marker() -> u256 {\n    return 7;\n}\n' \
  >> "$PREFIX/share/tenet/stdlib/std/math.tn"
mkdir -p "$WORK/elsewhere"
printf 'import "std/math.tn";\n\ncontract M {\n    pub view fn f(a: u256, b: u256) -> u256 { return max(a, b) + installed_marker(); }\n}\n' \
  > "$WORK/elsewhere/m.tn"
cd "$WORK/elsewhere"
out=$(env -u TENET_STDLIB "$PREFIX/bin/tenet" run m.tn --sig "f(uint256,uint256)" 3 5 2>&1)
check "installed binary, installed std" "0|returns:     12" "$?|$(grep '^returns:' <<<"$out")"
# Through a symbolic link on the PATH too.
mkdir -p "$WORK/path" && ln -s "$PREFIX/bin/tenet" "$WORK/path/tenet"
out=$(env -u TENET_STDLIB PATH="$WORK/path:$PATH" tenet run m.tn --sig "f(uint256,uint256)" 1 2 2>&1)
check "through a symlink on the PATH" "0|returns:     9" "$?|$(grep '^returns:' <<<"$out")"
# TENET_STDLIB still wins; the build-tree binary keeps the source tree's std/.
err=$(TENET_STDLIB="$WORK/nowhere" "$PREFIX/bin/tenet" compile m.tn 2>&1 >/dev/null)
check "TENET_STDLIB overrides" "1" "$?"
err=$(env -u TENET_STDLIB "$TENET" compile m.tn 2>&1 >/dev/null)
check "build-tree binary uses the source tree's std/" "1|unknown function 'installed_marker'" \
  "$?|$(grep -o "unknown function 'installed_marker'" <<<"$err" | head -n 1)"

echo "install: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
