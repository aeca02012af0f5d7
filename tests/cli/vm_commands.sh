#!/usr/bin/env bash
# CLI tests for `tenet asm`, `tenet disasm` and `tenet run`: exact output, exit codes,
# and clear errors for bad input. Usage: vm_commands.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$1
SRC=$2
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"

# asm → disasm → asm gives the identical container.
"$TENET" asm "$SRC/examples/asm/counter.tasm" -o "$WORK/a.tbc" >/dev/null
"$TENET" disasm "$WORK/a.tbc" > "$WORK/a.tasm"
"$TENET" asm "$WORK/a.tasm" -o "$WORK/b.tbc" >/dev/null
check "asm/disasm round trip" "same" "$(cmp -s "$WORK/a.tbc" "$WORK/b.tbc" && echo same || echo different)"
check "asm --hex equals the file" "$("$TENET" asm "$SRC/examples/asm/counter.tasm" --hex)" \
  "0x$(od -An -tx1 -v "$WORK/a.tbc" | tr -d ' \n')"

# fib(10) = 55: the entry frame (5 words) 15 gas, entry block 16, 10 loop blocks of 17, exit
# block 7 + 3 for memory.
out=$("$TENET" run "$SRC/bench/programs/fib.tasm" --sig "fib(uint256)" 10 --json)
check "run fib --json" '{
  "decoded": [],
  "gasUsed": 211,
  "logs": [],
  "returnData": "0x0000000000000000000000000000000000000000000000000000000000000037",
  "status": "success"
}' "$out"

# The same call through raw call data and a hex .tbc file.
"$TENET" asm "$SRC/bench/programs/fib.tasm" --hex > "$WORK/fib.tbc"
out=$("$TENET" run "$WORK/fib.tbc" --calldata 0xc6c2ea17000000000000000000000000000000000000000000000000000000000000000a --json | grep gasUsed)
check "run hex .tbc with --calldata" '  "gasUsed": 211,' "$out"

# Constructor arguments, storage and an event.
out=$("$TENET" run "$SRC/examples/asm/counter.tasm" --ctor uint256 --args 41 --sig "increment()")
check "run counter increment" "deployed at 0x5b73c5498c1e3b4dba84de0f1833c4a029d90519 (gas 22111)
status:      success
gas used:    6248
return data: 0x
log from 0x5b73c5498c1e3b4dba84de0f1833c4a029d90519: 0x20d8a6f5a693f9d1d627a598e8820f7a55ee74c183aa8f1a30e8d4e8dd9a8d84 0x000000000000000000000000000000000000000000000000000000000000002a data 0x" "$out"

# `tenet run`'s block: number 1, difficulty 1, base fee 0, every block hash zero.
out=$("$TENET" run "$SRC/examples/asm/block_context.tasm" --sig "context()" --json | grep returnData)
check "run block context" '  "returnData": "0x0000000000000000000000000000000000000000000000000000000000000001000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",' "$out"

# Reverts are decoded and exit with 1.
out=$("$TENET" run "$SRC/examples/asm/counter.tasm" --sig "fail()" 2>&1); rc=$?
check "revert exit code" 1 "$rc"
check "revert message" 'revert:      Error("counter: nope")' "$(grep '^revert:' <<<"$out")"
out=$("$TENET" run "$SRC/examples/asm/counter.tasm" --sig "overflow()" --json | tr -d ' \n')
check "panic json" '{"decoded":[],"gasUsed":12,"logs":[],"returnData":"0x4e487b710000000000000000000000000000000000000000000000000000000000000011","revert":{"args":[],"code":17,"kind":"panic","message":"arithmeticoverfloworunderflow","name":"Panic"},"status":"revert"}' "$out"

# Bad input: clear errors, exit codes 1 (bad program) and 2 (bad usage).
printf '.fn main export="main()"\n  ADDD\n  STOP\n.end\n' > "$WORK/bad.tasm"
out=$("$TENET" run "$WORK/bad.tasm" 2>&1); rc=$?
check "unknown instruction" "$WORK/bad.tasm:2:3: error: unknown instruction 'ADDD'|1" "$out|$rc"
printf '.fn main export="main()"\n  POP\n  STOP\n.end\n' > "$WORK/bad2.tasm"
out=$("$TENET" run "$WORK/bad2.tasm" 2>&1); rc=$?
check "validation error" "$WORK/bad2.tasm: error: validation failed: function 0 at offset 0: stack-underflow: POP needs 1 item, the stack has 0|1" "$out|$rc"
echo "0x7f544e4203" > "$WORK/short.tbc"
out=$("$TENET" run "$WORK/short.tbc" 2>&1); rc=$?
check "truncated container" "error: deployment failed (invalid): container: truncated header (need 26 bytes at offset 0, have 5)|1" "$out|$rc"
out=$("$TENET" run "$WORK/short.tbc" --sig "f()" --calldata 0x00 2>&1); rc=$?
check "conflicting flags" "error: --calldata and --sig cannot be used together|2" "$out|$rc"
out=$("$TENET" run "$SRC/bench/programs/fib.tasm" --sig "fib(uint256)" x 2>&1); rc=$?
check "bad argument" "error: --sig: argument 1: 'x' is not an integer|2" "$out|$rc"
out=$("$TENET" run "$SRC/bench/programs/fib.tasm" --sig "fib(uint256)" 2>&1); rc=$?
check "missing argument" "error: --sig: 'fib(uint256)' takes 1 argument(s), 0 given|2" "$out|$rc"
"$TENET" >/dev/null 2>&1; rc=$?
check "no subcommand" 2 "$rc"

# --trace prints one line per instruction to stderr, with gas after the block charge.
out=$("$TENET" run "$SRC/bench/programs/fib.tasm" --sig "fib(uint256)" 1 --trace 2>&1 >/dev/null | head -n 2)
check "trace" "[0] f0 000000 PUSH1          gas=29999969 stack=[]
[0] f0 000002 CALLDATALOAD   gas=29999969 stack=[0x4]" "$out"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
