#!/usr/bin/env bash
# CLI tests for `tenet run FILE.tn`: compile and run in one command (toolchain.md §1):
# constructor arguments typed by the init's ABI, results decoded by the function's ABI,
# custom errors named, arrays/tuples/strings/negative numbers as arguments, --contract,
# -O, and exact errors. Usage: run_tn.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$1
SRC=$2
P="$SRC/tests/cli/programs"
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"

# run ARGS…: sets out, err, rc.
run() {
  "$TENET" run "$@" > "$WORK/out" 2> "$WORK/err"
  rc=$?
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
}

SENDER=0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38
ALICE=0x00000000000000000000000000000000000000aa

# ---- language.md §6's Token: deploy with 1000, the deployer holds 1000.
for level in 0 2; do
  run "$P/token.tn" -O$level --args 1000 --sig "balanceOf(address)" $SENDER
  check "token -O$level balanceOf" "0|returns:     1000|" "$rc|$(grep '^returns:' <<<"$out")|$err"
  run "$P/token.tn" -O$level --args 1000 --sig "transfer(address,uint256)" $ALICE 1001
  check "token -O$level transfer too much" "1|revert:      InsufficientBalance(1000, 1001)" \
    "$rc|$(grep '^revert:' <<<"$out")"
done
run "$P/token.tn" --args 1000 --sig "transfer(address,uint256)" $ALICE 1001 --json
check "transfer too much --json" '1|{
  "decoded": [],
  "logs": [],
  "returnData": "0xcf47918100000000000000000000000000000000000000000000000000000000000003e800000000000000000000000000000000000000000000000000000000000003e9",
  "revert": {
    "args": [
      "1000",
      "1001"
    ],
    "kind": "custom",
    "name": "InsufficientBalance"
  },
  "status": "revert"
}' "$rc|$(jq 'del(.gasUsed)' <<<"$out")"
# The gas used stays within the compiler's estimate (gasEstimates are upper bounds).
bound=$("$TENET" compile "$P/token.tn" --emit gas | awk '$1 == "transfer(address,uint256)" {print $2}')
used=$(jq .gasUsed <<<"$out")
check "revert gas within the estimate" "yes" "$([[ $used -gt 0 && $used -le $bound ]] && echo yes || echo "no: $used > $bound")"
# A function named without its types; results decoded; the Transfer event logged.
run "$P/token.tn" --args 1000 --sig transfer $ALICE 10 --json
check "transfer by name" '0|["true"]|1|0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef' \
  "$rc|$(jq -c .decoded <<<"$out")|$(jq '.logs | length' <<<"$out")|$(jq -r '.logs[0].topics[0]' <<<"$out")"
used=$(jq .gasUsed <<<"$out")
check "transfer gas within the estimate" "yes" "$([[ $used -gt 0 && $used -le $bound ]] && echo yes || echo "no: $used > $bound")"
run "$P/token.tn" --args 1000 --sig total_supply
check "getter" "0|returns:     1000" "$rc|$(grep '^returns:' <<<"$out")"
deploy_gas=$(sed -n 's/^deployed at 0x5b73c5498c1e3b4dba84de0f1833c4a029d90519 (gas \([0-9]*\))$/\1/p' <<<"$out")
ctor_bound=$("$TENET" compile "$P/token.tn" --emit gas | awk '$1 == "constructor" {print $2}')
check "deployment gas within the estimate" "yes" \
  "$([[ -n $deploy_gas && $deploy_gas -le $ctor_bound ]] && echo yes || echo "no: '$deploy_gas' > $ctor_bound")"
# --ctor still names the types explicitly.
run "$P/token.tn" --ctor uint256 --args 5 --sig total_supply
check "--ctor with a .tn file" "0|returns:     5" "$rc|$(grep '^returns:' <<<"$out")"

# ---- Every ABI shape (shapes.tn; the default contract is the last one, Shapes).
shapes() { run "$P/shapes.tn" --args '"hello"' '[4,5,6]' "$@"; }
shapes --sig label --json
check "string constructor argument" '0|["hello"]' "$rc|$(jq -c .decoded <<<"$out")"
shapes --sig count --json
check "array constructor argument" '0|["3"]' "$rc|$(jq -c .decoded <<<"$out")"
shapes --sig "sum(uint256[])" '[1,2,3]' --json
check "array argument" '0|["6"]' "$rc|$(jq -c .decoded <<<"$out")"
shapes --sig "sum(uint[])" '[1,2,3]' --json
check "non-canonical signature still finds the function's outputs" '0|["6"]' "$rc|$(jq -c .decoded <<<"$out")"
shapes --sig "sum(uint256[])" '[]' --json
check "empty array argument" '0|["0"]' "$rc|$(jq -c .decoded <<<"$out")"
shapes --sig "flip((uint256,int64))" '(5,3)' --json
check "tuple argument and result" '0|["(3,5)"]' "$rc|$(jq -c .decoded <<<"$out")"
shapes --sig pair 11 --json
check "several results" '0|["11","true"]' "$rc|$(jq -c .decoded <<<"$out")"
shapes --sig negate -5 --json
check "negative argument" '0|["5"]' "$rc|$(jq -c .decoded <<<"$out")"
shapes --sig negate 2147483647
check "negative result" "0|returns:     -2147483647" "$rc|$(grep '^returns:' <<<"$out")"
shapes --sig echo '"a, \"b\""' 0x0102ff --json
check "string and bytes" '0|["a, \"b\"","0x0102ff"]' "$rc|$(jq -c .decoded <<<"$out")"
shapes --sig doubled '[1,2,200]' --json
check "fixed arrays" '0|["[2,4,400]"]' "$rc|$(jq -c .decoded <<<"$out")"
shapes --sig limited 5
check "limited 5" "0|returns:     20" "$rc|$(grep '^returns:' <<<"$out")"
shapes --sig limited 101
check "custom error" "1|revert:      TooBig(100, 101)" "$rc|$(grep '^revert:' <<<"$out")"
shapes --sig limited 7 --json
check "Error(string)" '1|{"args":[],"kind":"error","message":"seven is not allowed","name":"Error"}' \
  "$rc|$(jq -c .revert <<<"$out")"
shapes --sig limited 0
check "panic" "1|revert:      Panic(0x12): division or modulo by zero" "$rc|$(grep '^revert:' <<<"$out")"
shapes --sig "flip((uint256,int64))" '(5,-3)'
check "checked conversion" "1|revert:      Panic(0x11): arithmetic overflow or underflow" \
  "$rc|$(grep '^revert:' <<<"$out")"
run "$P/shapes.tn" --contract First --sig id
check "--contract" "0|returns:     1" "$rc|$(grep '^returns:' <<<"$out")"
# Raw call data gives no decoded results (no signature to match).
shapes --calldata 0x06661abd --json
check "--calldata" '0|[]|0x0000000000000000000000000000000000000000000000000000000000000003' \
  "$rc|$(jq -c .decoded <<<"$out")|$(jq -r .returnData <<<"$out")"

# ---- Readable logs print every topic as 32 bytes, as --json does (leading zeros kept).
run "$P/token.tn" --args 1000 --sig transfer $ALICE 10
check "readable log topics" "log from 0x5b73c5498c1e3b4dba84de0f1833c4a029d90519: \
0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef \
0x0000000000000000000000001804c8ab1f12e6bbf3894d4083f33e07309d1f38 \
0x00000000000000000000000000000000000000000000000000000000000000aa \
data 0x000000000000000000000000000000000000000000000000000000000000000a" "$(grep '^log from' <<<"$out")"
readable_topics=$(grep '^log from' <<<"$out" | sed 's/^log from [^ ]* //; s/ data .*//')
run "$P/token.tn" --args 1000 --sig transfer $ALICE 10 --json
check "readable topics = --json topics" "$(jq -r '.logs[0].topics | join(" ")' <<<"$out")" "$readable_topics"

# ---- --trace names the source lines the outermost frame runs.
run "$P/token.tn" --args 1000 --sig balanceOf $SENDER --trace
check "--trace source lines" "0|11 12 13 14 18" \
  "$rc|$(sed -n "s|^; $P/token.tn:||p" <<<"$err" | sort -nu | tr '\n' ' ' | sed 's/ $//')"
check "--trace instruction lines" "yes" "$(grep -Eq '^\[0\] f[0-9]+ [0-9a-f]{6} SLOAD ' <<<"$err" && echo yes || echo no)"

# ---- Errors.
run "$P/shapes.tn" --contract Nope --sig id
check "unknown contract" "2|error: --contract: no contract 'Nope' in $P/shapes.tn (it declares First, Shapes)" "$rc|$err"
run "$P/shapes.tn" --contract First --args 1 --sig id
check "--args without init" "2|error: --args: the contract has no init, so it takes no constructor arguments" "$rc|$err"
shapes --sig nosuch
check "unknown function name" "2|error: --sig: the contract has no function 'nosuch'" "$rc|$err"
# 1.1 external names: a bare name that several ABI functions share is ambiguous.
NAMES="$SRC/tests/conformance/programs/external_names.tn"
run "$NAMES" --contract Tokens --sig safeTransferFrom $SENDER $ALICE 1
check "shared external name" "2|error: --sig: 'safeTransferFrom' names 2 functions; give the signature: safeTransferFrom(address,address,uint256) or safeTransferFrom(address,address,uint256,bytes)" "$rc|$err"
run "$NAMES" --contract Tokens --sig "safeTransferFrom(address,address,uint256)" $SENDER $ALICE 1
check "shared external name by signature" "0|status:      success" "$rc|$(grep '^status:' <<<"$out")"
run "$NAMES" --contract Tokens --sig ownerOf 1
check "external name as --sig" "0|returns:     $SENDER" "$rc|$(grep '^returns:' <<<"$out")"
shapes --sig "sum(uint256[])" '[1,x]'
check "bad array element" "2|error: --sig: argument 1: 'x' is not an integer" "$rc|$err"
shapes --sig "flip((uint256,int64))" '(1)'
check "tuple arity" "2|error: --sig: argument 1: '(1)' has 1 values, (uint256,int64) has 2" "$rc|$err"
shapes --sig doubled '[1,2]'
check "fixed array length" "2|error: --sig: argument 1: '[1,2]' has 2 elements, uint8[3] has 3" "$rc|$err"
run "$P/shapes.tn" --args x --sig label
check "constructor arity" "2|error: --args: '(string,uint256[])' takes 2 argument(s), 1 given" "$rc|$err"
run "$P/token.tn" --args 1000 --sig total_supply --bogus
check "unknown option" "2|error: unknown option '--bogus'" "$rc|$err"
run "$P/broken.tn" --sig "f()"
check "compile error" "1|$P/broken.tn:3:16: error: unknown name 'undefined_name'" "$rc|$(head -n 1 <<<"$err")"
# A constructor with parameters needs --args (it used to deploy with none and revert empty).
run "$P/token.tn" --sig total_supply
check "missing constructor argument" \
  "2|error: the constructor of Token takes 1 argument (uint256 supply); pass it with --args|" "$rc|$err|$out"
run "$P/shapes.tn" --sig label
check "missing constructor arguments" \
  "2|error: the constructor of Shapes takes 2 arguments (string name, uint256[] values); pass them with --args" \
  "$rc|$err"
run "$P/token.tn" --args 1000 --gas 1000 --sig total_supply
check "deployment out of gas" "1|error: deployment failed (out-of-gas): out of gas" "$rc|$err"

echo "run .tn: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
