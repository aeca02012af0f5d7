// A language server that only records: it answers `initialize` (no capabilities but full
// text sync) and `shutdown`, and appends every message it receives to the file named by
// FAKE_LSP_LOG as one JSON line {method, argv, params}. Used by check_editors_nvim.sh to
// run docs/editors.md's Neovim configuration without `tenet lsp`.
'use strict';
const fs = require('fs');

const log = process.env.FAKE_LSP_LOG;
let buffer = Buffer.alloc(0);

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

function handle(message) {
  fs.appendFileSync(log, `${JSON.stringify({ method: message.method, argv: process.argv.slice(2), params: message.params })}\n`);
  if (message.method === 'initialize') send({ id: message.id, result: { capabilities: { textDocumentSync: 1 } } });
  if (message.method === 'shutdown') send({ id: message.id, result: null });
  if (message.method === 'exit') process.exit(0);
}

process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    handle(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString()));
    buffer = buffer.subarray(end + 4 + length);
  }
});
