'use strict';
// The extension's manifest (package.json) and language configuration, checked the way VS
// Code reads them: every file they name exists and parses, the grammar is the one the
// language uses, the settings and command are declared with their types and defaults, and
// the language configuration's patterns compile and indent Tenet code as intended.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const DIR = path.resolve(__dirname, '..');
const manifest = require('../package.json');
const lock = require('../package-lock.json');

/** A path of the manifest (`./x`), resolved in the extension's folder, after checking it exists. */
function existing(rel) {
  const file = path.join(DIR, rel);
  assert.ok(fs.existsSync(file), `${rel} (named by package.json) does not exist`);
  return file;
}

test('package.json names the extension, its engine and its entry point', () => {
  assert.equal(manifest.name, 'tenet');
  assert.match(manifest.publisher, /^[a-z0-9-]+$/);
  // The extension's version is the compiler's (CMakeLists.txt's project VERSION).
  const cmake = fs.readFileSync(path.join(DIR, '..', '..', 'CMakeLists.txt'), 'utf8');
  assert.equal(manifest.version, cmake.match(/project\(tenet VERSION (\d+\.\d+\.\d+)/)[1]);
  assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
  assert.deepEqual(manifest.activationEvents, ['onLanguage:tenet']);
  assert.equal(manifest.main, './extension.js');
  existing(manifest.main);
  existing('README.md');
  existing('LICENSE');
});

test('the language: id tenet for .tn files, with its configuration', () => {
  assert.equal(manifest.contributes.languages.length, 1);
  const [language] = manifest.contributes.languages;
  assert.equal(language.id, 'tenet');
  assert.deepEqual(language.extensions, ['.tn']);
  assert.ok(language.aliases.includes('Tenet'));
  JSON.parse(fs.readFileSync(existing(language.configuration), 'utf8'));
});

test('the grammar: source.tenet for the language, from the file that declares that scope', () => {
  assert.equal(manifest.contributes.grammars.length, 1);
  const [grammar] = manifest.contributes.grammars;
  assert.equal(grammar.language, 'tenet');
  assert.equal(grammar.scopeName, 'source.tenet');
  const json = JSON.parse(fs.readFileSync(existing(grammar.path), 'utf8'));
  assert.equal(json.scopeName, 'source.tenet');
  assert.deepEqual(json.fileTypes, ['tn']);
  // Every `#name` include names a repository entry.
  const includes = [...JSON.stringify(json).matchAll(/"include":"#([^"]+)"/g)].map((m) => m[1]);
  assert.ok(includes.length > 0);
  for (const name of includes) assert.ok(json.repository[name], `#${name} is included but not defined`);
});

test('the settings and the command', () => {
  const props = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), ['tenet.inlayHints.gasBounds', 'tenet.path', 'tenet.trace.server']);
  assert.equal(props['tenet.path'].type, 'string');
  assert.equal(props['tenet.path'].default, 'tenet');
  assert.equal(props['tenet.inlayHints.gasBounds'].type, 'boolean');
  assert.equal(props['tenet.inlayHints.gasBounds'].default, false);
  assert.deepEqual(props['tenet.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(props['tenet.trace.server'].default, 'off');
  for (const p of Object.values(props)) assert.ok(p.markdownDescription || p.description);
  // The layout of `tenet fmt`: 4 spaces per level, lines up to 100 columns.
  assert.deepEqual(manifest.contributes.configurationDefaults,
    { '[tenet]': { 'editor.tabSize': 4, 'editor.insertSpaces': true, 'editor.rulers': [100] } });
  assert.deepEqual(manifest.contributes.commands, [
    { command: 'tenet.restartServer', title: 'Restart Language Server', category: 'Tenet' },
  ]);
});

test('dependencies: vscode-languageclient 9 at run time, the tools for development, all locked', () => {
  assert.deepEqual(Object.keys(manifest.dependencies), ['vscode-languageclient']);
  assert.match(manifest.dependencies['vscode-languageclient'], /^\^?9\./);
  // VS Code must be at least as new as vscode-languageclient requires.
  const version = (range) => range.replace(/^\^/, '').split('.').map(Number);
  const needed = version(lock.packages['node_modules/vscode-languageclient'].engines.vscode);
  const declared = version(manifest.engines.vscode);
  assert.ok(declared[0] > needed[0] || (declared[0] === needed[0] && declared[1] >= needed[1]),
    `engines.vscode ${manifest.engines.vscode} is older than vscode-languageclient's ${needed.join('.')}`);
  for (const tool of ['@vscode/vsce', 'vscode-tmgrammar-test']) assert.ok(manifest.devDependencies[tool], tool);
  const root = lock.packages[''];
  assert.deepEqual(root.dependencies, manifest.dependencies, 'package-lock.json is stale: run npm install');
  assert.deepEqual(root.devDependencies, manifest.devDependencies, 'package-lock.json is stale: run npm install');
  for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)]) {
    assert.equal(lock.packages[`node_modules/${name}`].version, (manifest.dependencies[name] || manifest.devDependencies[name]).replace(/^\^/, ''));
  }
});

test('the language configuration: comments, brackets, pairs', () => {
  const config = require('../language-configuration.json');
  assert.deepEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
  assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
  const pairs = config.autoClosingPairs.map((p) => p.open + p.close);
  assert.deepEqual(pairs, ['{}', '[]', '()', '""']);
  const quote = config.autoClosingPairs.find((p) => p.open === '"');
  assert.deepEqual(quote.notIn, ['string', 'comment']);
  assert.deepEqual(config.surroundingPairs.map((p) => p.join('')), ['{}', '[]', '()', '<>', '""', '``']);
});

test('the language configuration: indentation, words and `///` continuation', () => {
  const config = require('../language-configuration.json');
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  const indents = (line) => [increase.test(line), decrease.test(line)];
  assert.deepEqual(indents('contract Token {'), [true, false]);
  assert.deepEqual(indents('    pub fn f(a: u256) -> u256 {'), [true, false]);
  assert.deepEqual(indents('        emit Transfer('), [true, false]);
  assert.deepEqual(indents('    let xs = ['), [true, false]);
  assert.deepEqual(indents('    } else {'), [true, true]);
  assert.deepEqual(indents('    }'), [false, true]);
  assert.deepEqual(indents('    );'), [false, true]);
  assert.deepEqual(indents('    fn f() { return 1; }'), [false, false]);
  assert.deepEqual(indents('    // a comment ending in {'), [false, false]);
  assert.deepEqual(indents('    let s = "{";'), [false, false]);

  const words = (text) => text.match(new RegExp(config.wordPattern, 'g'));
  assert.deepEqual(words('self.total_supply += 1_000 * 0xff_ff - 2.5e6;'),
    ['self', 'total_supply', '1_000', '0xff_ff', '2.5e6']);
  assert.deepEqual(words('map<address, u256>'), ['map', 'address', 'u256']);

  const [docRule] = config.onEnterRules;
  assert.equal(docRule.action.appendText, '/// ');
  const doc = new RegExp(docRule.beforeText);
  assert.ok(doc.test('    /// Moves `amount`.'));
  assert.ok(!doc.test('    // a line comment'));
  assert.ok(!doc.test('    //// four slashes: not a doc comment'));
  new RegExp(config.folding.markers.start);
  new RegExp(config.folding.markers.end);
});
