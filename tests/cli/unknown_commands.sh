#!/usr/bin/env bash
# `tenet WORD` for a WORD that is no subcommand names it and lists the commands (every
# command of toolchain.md §1 exists; one specified but not built yet would say so), exit 2. Usage: unknown_commands.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$1
source "$(dirname "${BASH_SOURCE[0]}")/support/check.sh"

COMMANDS="(commands: init, build, compile, asm, disasm, run, test, coverage, node, deploy, call, send, fmt, lsp)"
err=$("$TENET" frobnicate --json 2>&1 >/dev/null); rc=$?
check "unknown word" "2|error: unknown command 'frobnicate' $COMMANDS" "$rc|$err"
# Known commands, options and no command at all behave as before.
out=$("$TENET" --version); rc=$?
check "--version" "0|tenet 0.1.0" "$rc|$out"
err=$("$TENET" 2>&1 >/dev/null); rc=$?
check "no command" "2|A subcommand is required" "$rc|$(head -n 1 <<<"$err")"
err=$("$TENET" run 2>&1 >/dev/null); rc=$?
check "known command, missing argument" "2|FILE is required" "$rc|$(head -n 1 <<<"$err")"

echo "unknown commands: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
