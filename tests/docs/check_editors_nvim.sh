#!/usr/bin/env bash
# Keeps docs/editors.md's Neovim configuration working (ctest: docs.editors_nvim): every
# ```lua block of the page must be valid Lua, and the Neovim 0.7 set-up written "by hand"
# (the `setfiletype tenet` autocommand and the `vim.lsp.start_client` block) is run in a
# headless Neovim on a project's file, with `tenet` on PATH being a recording stand-in
# (fake_lsp_server.js): the file gets the filetype `tenet`, and the server is started as
# `tenet lsp`, rooted at the working directory, with the page's initialization options,
# and told about the file. (`tenet lsp` itself in Neovim: the lsp tests.)
#
# Usage: check_editors_nvim.sh SOURCE_DIR. Exits 77 (skipped) without nvim.
set -euo pipefail
SRC=$(cd "$1" && pwd)
DOC=$SRC/docs/editors.md
command -v nvim >/dev/null || { echo "nvim not installed: skipped"; exit 77; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "docs/editors.md: $*" >&2; exit 1; }

# The page's ```lua blocks, one file each.
awk -v dir="$WORK" '/^```lua$/ { n++; file = dir "/block" n ".lua"; next }
                    /^```/ { file = ""; next }
                    file != "" { print > file }' "$DOC"
ls "$WORK"/block*.lua >/dev/null 2>&1 || fail "no \`\`\`lua blocks"
for b in "$WORK"/block*.lua; do
  out=$(nvim --headless -u NONE -c "lua local f, e = loadfile('$b'); if not f then io.stderr:write(e .. '\n'); vim.cmd('cquit 1') end" -c 'qa!' 2>&1) \
    || fail "a \`\`\`lua block is not valid Lua: $out"
done

# The 0.7 configuration: its filetype line and its start_client block.
grep -h 'setfiletype tenet' "$WORK"/block*.lua | grep -v '^--' > "$WORK/init.lua" || fail "no setfiletype line"
start=$(grep -l 'vim.lsp.start_client' "$WORK"/block*.lua | head -n 1)
[[ -n $start ]] || fail "no vim.lsp.start_client block"
cat "$start" >> "$WORK/init.lua"

mkdir -p "$WORK/bin" "$WORK/project/src"
printf '#!/bin/sh\nexec node %q "$@"\n' "$SRC/tests/docs/fake_lsp_server.js" > "$WORK/bin/tenet"
chmod +x "$WORK/bin/tenet"
touch "$WORK/project/tenet.toml"
printf 'contract Counter {}\n' > "$WORK/project/src/Counter.tn"
export FAKE_LSP_LOG=$WORK/server.log
: > "$FAKE_LSP_LOG"

# Waits (up to 10 s) for the server to have seen the file, then reports what Neovim has.
(cd "$WORK/project" && PATH="$WORK/bin:$PATH" timeout 60 nvim --headless -u "$WORK/init.lua" src/Counter.tn \
  -c "lua vim.wait(10000, function() return #vim.fn.readfile(vim.env.FAKE_LSP_LOG) >= 3 end, 50)" \
  -c "lua io.stdout:write(vim.bo.filetype .. ' ' .. #vim.lsp.buf_get_clients(0) .. '\n')" \
  -c 'qa!' > "$WORK/nvim.out" 2>&1) || fail "nvim failed: $(cat "$WORK/nvim.out")"

[[ $(tr -d '\r' < "$WORK/nvim.out") == "tenet 1" ]] \
  || fail "expected the filetype tenet and one client; nvim said: $(cat "$WORK/nvim.out")"
node - "$FAKE_LSP_LOG" "$WORK/project" <<'JS' || exit 1
const [log, project] = process.argv.slice(2);
const messages = require('fs').readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const methods = messages.map((m) => m.method);
const expect = (ok, what) => { if (!ok) { console.error(`docs/editors.md: ${what}; the server received ${JSON.stringify(messages, null, 1)}`); process.exit(1); } };
expect(methods[0] === 'initialize' && methods[1] === 'initialized' && methods[2] === 'textDocument/didOpen', 'initialize, initialized, didOpen in that order');
const [init, , open] = messages;
expect(JSON.stringify(init.argv) === '["lsp"]', 'the server started as `tenet lsp`');
expect(JSON.stringify(init.params.initializationOptions) === '{"inlayHints":{"gasBounds":false}}', 'the initialization options of the page');
expect(init.params.rootUri === `file://${project}`, 'the working directory as the root');
expect(open.params.textDocument.uri === `file://${project}/src/Counter.tn` && open.params.textDocument.languageId === 'tenet', 'the file opened as tenet');
JS
echo "docs/editors.md: $(ls "$WORK"/block*.lua | wc -l) Lua blocks valid; the Neovim 0.7 configuration starts \`tenet lsp\` for .tn files"
