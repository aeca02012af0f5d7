#!/usr/bin/env bash
# `make demo` runs its story to the end (scripts/demo.sh): the projects' tests (here only the
# smallest example's: every project has ctest entries of its own), a node on a free port, the
# supply-chain story with tenet deploy/send/call, the ethers script with its verified proof,
# the node stopped, the summary. Usage: demo_script.sh TENET SOURCE_DIR
set -uo pipefail
out=$(DEMO_PROJECTS=examples/voting bash "$2/scripts/demo.sh" "$1" 2>&1); rc=$?
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"
check "demo exit code" 0 "$rc"
check "the project's summary line" 1 "$(grep -cE '^  examples/voting +Ran [0-9]+ test suites: [0-9]+ tests passed, 0 failed \([0-9]+s\)$' <<< "$out")"
check "the product delivered twice (distributor, retailer)" 2 "$(grep -c "event: *Delivered(" <<< "$out")"
check "the proof verified" 1 "$(grep -c '^proof verified' <<< "$out")"
check "the node stopped" 1 "$(grep -c '^  stopped$' <<< "$out")"
check "summary" 1 "$(grep -c '^  chain: *SupplyChain at 0x[0-9a-fA-F]\{40\}, [0-9]* events decoded by tenet send$' <<< "$out")"
[[ $failed -eq 0 ]] || printf '%s\n' "$out" | tail -n 60
echo "demo: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
