#!/usr/bin/env bash
# CLI tests for `tenet init`, `tenet build` and the back-end outputs of `tenet compile`:
# reproducible artifacts from two directories, every artifact field, interfaces without
# artifacts, exact errors (missing tenet.toml, syntax errors, duplicate contract names,
# a non-empty init directory), --out, -O0/-O2, and --emit llvm|llvm-opt|asm|bytecode|gas
# agreeing with the artifact. Usage: build_commands.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
SAMPLE="$SRC/tests/cli/programs/project"
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"
cd "$WORK" || exit 1

# t ARGS…: runs tenet; sets out, err, rc.
t() {
  "$TENET" "$@" > "$WORK/.out" 2> "$WORK/.err"
  rc=$?
  out=$(cat "$WORK/.out")
  err=$(cat "$WORK/.err")
}

# ---- tenet init
t init fresh
check "init" "0|Created a Tenet project in fresh:
  tenet.toml
  src/Counter.tn
  tests/Counter.t.tn
  .gitignore
Next: tenet build --root fresh|" "$rc|$out|$err"
check "init .gitignore" "out/
cache/" "$(cat fresh/.gitignore)"
check "init tenet.toml" '[project]
src = "src"
tests = "tests"
out = "out"
optimizer = 2

[test]
fuzz_runs = 256
fuzz_seed = 0
gas_limit = 1_000_000_000

[rpc]
local = "http://127.0.0.1:8545"' "$(cat fresh/tenet.toml)"
t compile fresh/tests/Counter.t.tn --emit abi
check "init test file passes the front end" "0|" "$rc|$err"
t build --root fresh
check "init project builds" "0|Counter: src/Counter.tn -> fresh/out/Counter.json
Compiled 1 contract into fresh/out/ (-O2)|" "$rc|$out|$err"
t run fresh/src/Counter.tn --args 7 --sig increment 5 --json
check "init counter runs" "0|success" "$rc|$(jq -r .status <<<"$out")"
t init fresh
check "init refuses a non-empty directory" "2|error: 'fresh' is not empty; tenet init needs a new or empty directory" \
  "$rc|$err"
touch afile
t init afile
check "init refuses a file" "2|error: 'afile' exists and is not a directory" "$rc|$err"
mkdir empty
t init empty
check "init accepts an empty directory" "0" "$rc"

# ---- Reproducible builds: one project in two directories, built from different places.
mkdir -p a deep/er/path/b
cp -r "$SAMPLE" a/project
cp -r "$SAMPLE" deep/er/path/b/project
t build --root a/project
check "build a" "0|Vault: src/lib/vault.tn -> a/project/out/Vault.json
Token: src/token.tn -> a/project/out/Token.json
Compiled 2 contracts into a/project/out/ (-O2)|" "$rc|$out|$err"
(cd deep/er/path/b/project && "$TENET" build > "$WORK/.out" 2> "$WORK/.err")
check "build b from inside" "0|Vault: src/lib/vault.tn -> out/Vault.json
Token: src/token.tn -> out/Token.json
Compiled 2 contracts into out/ (-O2)" "$?|$(cat "$WORK/.out")"
check "interfaces and tests get no artifact" "Token.json Vault.json" "$(cd a/project/out && echo *)"
for c in Token Vault; do
  A=a/project/out/$c.json
  B=deep/er/path/b/project/out/$c.json
  check "$c bytecodeHash identical" "$(jq -r .bytecodeHash "$A")" "$(jq -r .bytecodeHash "$B")"
  check "$c bytecode identical" "$(jq -r .bytecode "$A")" "$(jq -r .bytecode "$B")"
  check "$c artifact files identical" "same" "$(cmp -s "$A" "$B" && echo same || echo different)"
done
# A second build in place writes the same bytes.
cp a/project/out/Token.json token.first
t build --root a/project
check "rebuild is identical" "same" "$(cmp -s token.first a/project/out/Token.json && echo same || echo different)"

# ---- Artifact fields.
A=a/project/out/Token.json
check "artifact keys" "abi,bytecode,bytecodeHash,compiler,contractName,devdoc,gasEstimates,sourceMap,sourceName,storageLayout" \
  "$(jq -r 'keys | join(",")' "$A")"
check "contractName/sourceName" "Token|src/token.tn" "$(jq -r '.contractName + "|" + .sourceName' "$A")"
check "compiler" '{"name":"tenet","version":"0.1.0"}' "$(jq -c .compiler "$A")"
check "bytecode is 0x-hex" "yes" "$(jq -r .bytecode "$A" | grep -Eq '^0x7f544e42([0-9a-f]{2})+$' && echo yes || echo no)"
check "bytecodeHash is 32 bytes" "yes" "$(jq -r .bytecodeHash "$A" | grep -Eq '^0x[0-9a-f]{64}$' && echo yes || echo no)"
check "abi equals --emit abi" "$("$TENET" compile a/project/src/token.tn --emit abi | jq -c .)" "$(jq -c .abi "$A")"
check "storageLayout equals --emit layout" "$("$TENET" compile a/project/src/token.tn --emit layout | jq -c .)" \
  "$(jq -c .storageLayout "$A")"
check "sourceMap files are relative to the root" '["src/token.tn"]' "$(jq -c .sourceMap.files "$A")"
check "sourceMap entries are [offset,file,line,column]" "yes" \
  "$(jq -e '.sourceMap.entries | length > 0 and all(length == 4) and (map(.[0]) == (map(.[0]) | sort))' "$A" >/dev/null && echo yes || echo no)"
check "sourceMap covers the transfer line" "yes" \
  "$(jq -e '[.sourceMap.entries[] | .[2]] | index(22) != null' "$A" >/dev/null && echo yes || echo no)"
check "devdoc" '{"details":"The token of language.md §6.","kind":"dev","methods":{"balanceOf(address)":{"details":"The balance of `who`."},"constructor":{"details":"Mints `supply` to the deployer."},"transfer(address,uint256)":{"details":"Moves `amount` from the caller to `to`."}},"version":1}' \
  "$(jq -c .devdoc "$A")"
check "gasEstimates keys" "balanceOf(address),constructor,total_supply(),transfer(address,uint256)" \
  "$(jq -r '.gasEstimates | keys | join(",")' "$A")"
check "gasEstimates of Token are numbers" "true" "$(jq '[.gasEstimates[]] | all(type == "number")' "$A")"
check "unbounded estimates" '"unbounded"|"unbounded"' \
  "$(jq -c '.gasEstimates["mint(uint256)"]' a/project/out/Vault.json)|$(jq -c '.gasEstimates["rounds(address,uint64)"]' a/project/out/Vault.json)"

# ---- compile --emit back-end kinds agree with the artifact.
t compile a/project/src/token.tn --emit bytecode
check "--emit bytecode equals the artifact" "0|$(jq -r .bytecode "$A")|" "$rc|$out|$err"
t compile a/project/src/token.tn --emit gas
check "--emit gas equals the artifact" "$(jq -r '.gasEstimates | to_entries[] | "\(.key) \(.value)"' "$A")" \
  "$(awk '{print $1, $2}' <<<"$out")"
t compile a/project/src/lib/vault.tn --emit gas
check "--emit gas reasons" "mint(uint256)|unbounded|(CREATE|rounds(address,uint64)|unbounded|(loop" \
  "$(awk '$2 == "unbounded" {printf "%s|%s|%s|", $1, $2, $3}' <<<"$out" | sed 's/|$//')"
t compile a/project/src/token.tn --emit asm
check "--emit asm has line annotations" "yes" \
  "$(grep -Eq '^  ; a/project/src/token.tn:[0-9]+$' <<<"$out" && echo yes || echo no)"
printf '%s' "$(jq -r .bytecode "$A")" > token.tbc
check "--emit asm without annotations is the disassembly" "$("$TENET" disasm token.tbc)" \
  "$(grep -Ev '^  ; a/project/src/token.tn:[0-9]+$' <<<"$out")"
t compile a/project/src/token.tn --emit llvm -O0
check "--emit llvm" "0|yes|" "$rc|$(grep -q '^define .*@' <<<"$out" && grep -q 'tenet-export' <<<"$out" && echo yes || echo no)|$err"
t compile a/project/src/token.tn --emit llvm-opt
check "--emit llvm-opt" "0|yes|" "$rc|$(grep -q '^define ' <<<"$out" && echo yes || echo no)|$err"
t compile a/project/src/lib/vault.tn --emit bytecode --contract Token
check "--contract picks an imported contract" "$(jq -r .bytecode "$A")" "$out"
t compile a/project/src/iface.tn --emit bytecode
check "interface file has no contract" "2|error: a/project/src/iface.tn declares no contract" "$rc|$err"
t compile a/project/src/iface.tn --emit bytecode --contract IVault
check "interfaces have no code" "2|error: --contract: 'IVault' is an interface; it has no code" "$rc|$err"

# ---- Optimisation levels and --out.
t build --root a/project -O0 --out o0
check "-O0 into --out" "0|Vault: src/lib/vault.tn -> o0/Vault.json
Token: src/token.tn -> o0/Token.json
Compiled 2 contracts into o0/ (-O0)" "$rc|$out"
t build --root a/project -O2 --out o2
check "-O2 into --out" "0|Compiled 2 contracts into o2/ (-O2)" "$rc|$(tail -n 1 <<<"$out")"
check "-O2 output equals the default build" "same" "$(cmp -s o2/Token.json a/project/out/Token.json && echo same || echo different)"
check "-O0 and -O2 run alike" "$("$TENET" run a/project/src/token.tn -O0 --args 9 --sig total_supply --json | jq -c .decoded)" \
  "$("$TENET" run a/project/src/token.tn -O2 --args 9 --sig total_supply --json | jq -c .decoded)"
sed -i 's/optimizer = 2/optimizer = 0/' a/project/tenet.toml
t build --root a/project --out from-toml
check "optimizer from tenet.toml" "Compiled 2 contracts into from-toml/ (-O0)" "$(tail -n 1 <<<"$out")"
check "same bytes as -O0" "same" "$(cmp -s o0/Vault.json from-toml/Vault.json && echo same || echo different)"
t build --root a/project -O3
check "-O3" "2|-O: Value 3 not in range 0 to 2" "$rc|$(head -n 1 <<<"$err")"

# ---- Standard library files are named std/… in the source map.
mkdir -p withstd/src
printf '[project]\n' > withstd/tenet.toml
printf 'import "std/math.tn";\n\ncontract M {\n    pub view fn spread(a: u256, b: u256) -> u256 { return max(a, b) - min(a, b); }\n}\n' \
  > withstd/src/m.tn
t build --root withstd -O0
check "stdlib in the source map" '0|["src/m.tn","std/math.tn"]' "$rc|$(jq -c '.sourceMap.files | sort' withstd/out/M.json)"

# ---- Errors.
mkdir noproject
t build --root noproject
check "missing tenet.toml" "1|error: no tenet.toml in noproject (run \`tenet init\`)|" "$rc|$err|$out"
cp -r "$SAMPLE" bad
printf 'contract Bad {\n    pub fn f( {\n    }\n}\n' > bad/src/bad.tn
printf 'contract Worse {\n    pub fn g() -> u256 { return nothing; }\n}\n' > bad/src/worse.tn
t build --root bad
check "syntax errors of every file" "1|bad/src/bad.tn:2:15: error: expected identifier or ')', found '{'|bad/src/worse.tn:2:33: error: unknown name 'nothing'|error: build failed; no artifacts written|" \
  "$rc|$(grep -E 'error' <<<"$err" | tr '\n' '|')"
check "no artifacts after errors" "no out" "$([[ -e bad/out ]] && echo out || echo no out)"
cp -r "$SAMPLE" dup
printf 'contract Token {\n    pub fn f() {}\n}\n' > dup/src/zzz.tn
t build --root dup
check "duplicate contract names" "1|error: contract 'Token' is declared in both src/token.tn and src/zzz.tn; artifacts are named after contracts, so names must be unique" \
  "$rc|$(head -n 1 <<<"$err")"
cp -r "$SAMPLE" warn
printf '\n[project2]\nx = 1\n' >> warn/tenet.toml
sed -i 's/^optimizer = 2/optimizer = 2\nflavour = "mild"/' warn/tenet.toml
t build --root warn
check "unknown keys warn" "0|warn/tenet.toml:7:1: warning: unknown key \`flavour\` in [project]
warn/tenet.toml:9:2: warning: unknown section [project2]" "$rc|$err"
cp -r "$SAMPLE" badtoml
printf '[project]\noptimizer = "2"\n' > badtoml/tenet.toml
t build --root badtoml
check "bad tenet.toml value" "1|badtoml/tenet.toml:2:13: error: \`optimizer\` must be an integer" "$rc|$err"
# toolchain.md §2's sections, booleans included, build without a warning (the old
# subset parser stopped at `fail_on_revert = false`).
cp -r "$SAMPLE" spectoml
printf '\n[invariant]\nruns = 256\ndepth = 15\nfail_on_revert = false\n\n[snapshot]\ntolerance = 0\n' >> spectoml/tenet.toml
t build --root spectoml
check "spec sections and booleans" "0|" "$rc|$err"
printf '[project]\noptimizer = 2\n[invariant]\nfail_on_revert = "no"\n' > badtoml/tenet.toml
t build --root badtoml
check "a boolean's type" "1|badtoml/tenet.toml:4:18: error: \`fail_on_revert\` must be true or false" "$rc|$err"
printf '[project]\noptimizer = [2\n' > badtoml/tenet.toml
t build --root badtoml
check "TOML syntax error" "1|badtoml/tenet.toml:2:16: error: invalid TOML (array): encountered end-of-file" "$rc|$err"
mkdir -p nosrc
printf '[project]\n' > nosrc/tenet.toml
t build --root nosrc
check "no sources" "1|error: no Tenet sources (.tn) in nosrc/src" "$rc|$err"

echo "build commands: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
