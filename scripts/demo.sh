#!/usr/bin/env bash
# make demo: assemble and run the sample programs, printing results and gas.
set -euo pipefail
TENET=${1:-build/release/cli/tenet}
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Assemble examples/asm/counter.tasm and disassemble it again"
"$TENET" asm examples/asm/counter.tasm -o build/counter.tbc
"$TENET" disasm build/counter.tbc > build/counter.disasm.tasm
head -n 20 build/counter.disasm.tasm

step "counter: increment() emits an event"
"$TENET" run examples/asm/counter.tasm --ctor "uint256" --args 41 --sig "increment()"

step "counter: get() is a view"
"$TENET" run build/counter.tbc --ctor "uint256" --args 41 --sig "get()"

step "counter: fail() reverts with a message (exit code 1 is expected)"
"$TENET" run examples/asm/counter.tasm --sig "fail()" || true

step "counter: overflow() panics with checked arithmetic"
"$TENET" run examples/asm/counter.tasm --sig "overflow()" --json || true

step "factory: CREATE deploys a child counter"
"$TENET" run examples/asm/factory.tasm --sig "make(uint256)" 7

step "fib(90)"
"$TENET" run bench/programs/fib.tasm --sig "fib(uint256)" 90

step "arithmetic loop, 1,000,000 iterations"
"$TENET" run bench/programs/arith_loop.tasm --sig "run(uint256)" 1000000

step "keccak256 chain of 10,000"
"$TENET" run bench/programs/keccak_chain.tasm --sig "chain(uint256)" 10000

step "10,000 storage writes"
"$TENET" run bench/programs/storage_writes.tasm --sig "fill(uint256)" 10000 --gas 300000000

step "trace of fib(2)"
"$TENET" run bench/programs/fib.tasm --sig "fib(uint256)" 2 --trace > /dev/null 2> build/fib.trace
head -n 12 build/fib.trace

step "compiler front end: the ABI of the token example"
"$TENET" compile tests/compiler/programs/valid/token.tn --emit abi > build/token.abi.json
head -n 24 build/token.abi.json

step "compiler front end: storage layout"
"$TENET" compile tests/compiler/programs/valid/token.tn --emit layout

step "compiler front end: a program with mistakes (exit code 1 is expected)"
cat > build/mistakes.tn <<'TN'
contract Counter {
    count: u256;
    pub fn bump() -> u256 {
        let step = 1;
        step = 2;
        count += step;
        return self.count;
    }
}
TN
"$TENET" compile build/mistakes.tn --emit abi || true
