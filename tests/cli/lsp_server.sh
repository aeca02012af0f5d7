#!/usr/bin/env bash
# `tenet lsp` as a process over pipes (docs/cli.md "tenet lsp"): a scripted session on stdin
# — initialize, open a file with an error, a malformed frame, hover, shutdown, exit — gives
# exactly the expected answers on stdout, nothing on stderr, and exit status 0; the end of
# the input without shutdown is status 1. Usage: lsp_server.sh TENET SOURCE_DIR
set -uo pipefail
TENET=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# frame BODY: BODY with its Content-Length header.
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }

uri="file://$work/a.tn"
text='contract C {\n    pub fn f() -> u256 { return missing; }\n}\n'
{
  frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
  frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
  frame "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"$uri\",\"languageId\":\"tenet\",\"version\":1,\"text\":\"$text\"}}}"
  printf 'Content-Length: lots\r\n\r\n'
  frame "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"$uri\"},\"position\":{\"line\":0,\"character\":0}}}"
  frame '{"jsonrpc":"2.0","id":3,"method":"shutdown"}'
  frame '{"jsonrpc":"2.0","method":"exit"}'
} > "$work/in"

LC_ALL=C "$TENET" lsp < "$work/in" > "$work/out" 2> "$work/err"
status=$?
# The answers, one body per line (bodies are ASCII here: the lengths are byte counts).
answers=$(LC_ALL=C awk 'BEGIN { RS = "Content-Length: [0-9]+\r\n\r\n" } NR > 1 { print }' "$work/out" | sed '/^$/d')
expected=$(cat <<JSON
{"id":1,"jsonrpc":"2.0","result":{"capabilities":{"completionProvider":{"triggerCharacters":[".",":"]},"definitionProvider":true,"documentFormattingProvider":true,"documentSymbolProvider":true,"hoverProvider":true,"inlayHintProvider":true,"positionEncoding":"utf-16","referencesProvider":true,"textDocumentSync":{"change":2,"openClose":true,"save":{"includeText":false}}},"serverInfo":{"name":"tenet","version":"0.1.0"}}}
{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"diagnostics":[{"message":"unknown name 'missing'","range":{"end":{"character":39,"line":1},"start":{"character":32,"line":1}},"severity":1,"source":"tenet"}],"uri":"$uri","version":1}}
{"error":{"code":-32700,"message":"invalid Content-Length 'lots'"},"id":null,"jsonrpc":"2.0"}
{"id":2,"jsonrpc":"2.0","result":null}
{"id":3,"jsonrpc":"2.0","result":null}
JSON
)
if [[ "$answers" != "$expected" || $status -ne 0 || -s "$work/err" ]]; then
  printf 'FAIL session: status %s\n--- expected\n%s\n--- actual\n%s\n--- stderr\n' "$status" \
    "$expected" "$answers"
  cat "$work/err"
  failed=1
fi

# The end of the input without shutdown: status 1.
frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}' | "$TENET" lsp > /dev/null
status=$?
if [[ $status -ne 1 ]]; then
  echo "FAIL end of input without shutdown: status $status, expected 1"
  failed=1
fi
exit $failed
