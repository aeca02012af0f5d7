'use strict';
// Loads syntaxes/tenet.tmLanguage.json with vscode-textmate and the Oniguruma regex engine
// (what VS Code itself runs), for the tests that tokenize text directly.

const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const GRAMMAR_PATH = path.join(__dirname, '..', '..', 'syntaxes', 'tenet.tmLanguage.json');

/** The grammar's JSON, parsed. */
function grammarJson() {
  return JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
}

let loaded;

/** The compiled grammar (vscode-textmate's IGrammar), loaded once. */
function loadGrammar() {
  if (!loaded) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength))
      .then(() => ({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
      }));
    const registry = new vsctm.Registry({
      onigLib,
      loadGrammar: async (scopeName) => (scopeName === 'source.tenet'
        ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
        : null),
    });
    loaded = registry.loadGrammar('source.tenet');
  }
  return loaded;
}

/** The tokens of `text` (lines after the first continue its state): `{text, scopes}` each. */
async function tokenize(text) {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  const out = [];
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) {
      out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    state = result.ruleStack;
  }
  return out;
}

module.exports = { GRAMMAR_PATH, grammarJson, loadGrammar, tokenize };
