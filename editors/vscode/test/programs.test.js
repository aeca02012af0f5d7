'use strict';
// The grammar on every Tenet program of the repository that the lexer accepts (all `.tn`
// files outside the folders of lexically or syntactically invalid fixtures): no token is
// marked invalid, and every comment, string and map type is closed at the end of the file.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const { loadGrammar } = require('./support/grammar');

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Folders never searched: generated trees, dependencies, and the invalid-program fixtures. */
const SKIP = new Set(['.git', 'build', 'node_modules', 'out', 'cache', 'invalid']);

function tenetFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) tenetFiles(path.join(dir, entry.name), out);
    } else if (entry.name.endsWith('.tn')) {
      out.push(path.join(dir, entry.name));
    }
  }
  return out;
}

test('every valid program of the repository tokenizes cleanly', async () => {
  const grammar = await loadGrammar();
  const files = tenetFiles(ROOT);
  assert.ok(files.length >= 50, `only ${files.length} programs found under ${ROOT}`);
  const problems = [];
  for (const file of files) {
    const rel = path.relative(ROOT, file);
    let state = vsctm.INITIAL;
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const result = grammar.tokenizeLine(line, state);
      for (const t of result.tokens) {
        const bad = t.scopes.find((s) => s.startsWith('invalid.'));
        if (bad) problems.push(`${rel}:${i + 1}:${t.startIndex + 1}: ${bad} on ${JSON.stringify(line.slice(t.startIndex, t.endIndex))}`);
      }
      state = result.ruleStack;
    });
    // Only the root rule is left open at the end of a well-formed file.
    const open = grammar.tokenizeLine('', state).tokens[0].scopes;
    if (open.length !== 1) problems.push(`${rel}: ends inside ${open.slice(1).join(' ')}`);
  }
  assert.deepEqual(problems, []);
});
