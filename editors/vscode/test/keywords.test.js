'use strict';
// The grammar's word lists against the compiler's, so that highlighting cannot drift from
// the language: the keywords against the lexer (compiler/grammar/Tenet.g4, the truth for
// tokens) and keywords() (compiler/src/parse/parser.cpp); the built-in functions and
// objects against the compiler's tables (builtins.hpp, vm/cheats.hpp). Each list is checked
// both ways: the text of the grammar, and the scope VS Code gives each word in a program.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { grammarJson, tokenize } = require('./support/grammar');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

// ------------------------------------------------------------------ the compiler's lists

/** Tenet.g4's keyword tokens, word → token name: the lexer rules `NAME : 'word' ;`. */
function g4Keywords() {
  const g4 = read('compiler/grammar/Tenet.g4');
  const lexer = g4.slice(g4.search(/^\/\/ -+ lexer/m));
  assert.ok(lexer.length < g4.length, 'Tenet.g4 has no "// ---- lexer" section');
  const words = new Map();
  for (const m of lexer.matchAll(/^([A-Z][A-Z0-9_]*)\s*:\s*'([a-z]+)'\s*;/gm)) words.set(m[2], m[1]);
  return { g4, words };
}

/** The keywords Tenet.g4 lets stand as names: the tokens of its `ident` rule but IDENT. */
function g4ContextualKeywords(g4, words) {
  const rule = g4.match(/^ident\s*:([^;]*);/m);
  assert.ok(rule, 'Tenet.g4 has no `ident` rule');
  const tokens = rule[1].split('|').map((t) => t.trim()).filter((t) => t !== 'IDENT');
  const byToken = new Map([...words].map(([w, t]) => [t, w]));
  return new Set(tokens.map((t) => {
    assert.ok(byToken.has(t), `ident names ${t}, which is not a keyword token`);
    return byToken.get(t);
  }));
}

/** keywords() of the parser: language.md §2's list. */
function parserKeywords() {
  const src = read('compiler/src/parse/parser.cpp');
  const body = src.match(/keywords\(\)\s*\{([\s\S]*?)\n\s*return\b/);
  assert.ok(body, 'parser.cpp has no keywords() definition');
  return new Set([...body[1].matchAll(/"([a-z]+)"/g)].map((m) => m[1]));
}

/** The built-ins written as a call by name, and the objects of `obj.member` built-ins. */
function compilerBuiltins() {
  const table = read('compiler/include/tenet/compiler/builtins.hpp');
  const functions = new Set();
  const objects = new Set();
  for (const m of table.matchAll(/X\(\s*\w+,\s*"([a-z0-9_.]+)",\s*(\w+)/g)) {
    const [, name, form] = m;
    if (form === 'function' || form === 'test_function') functions.add(name);
    if (name.includes('.')) objects.add(name.slice(0, name.indexOf('.')));
  }
  const cheats = read('vm/include/tenet/vm/cheats.hpp');
  for (const m of cheats.matchAll(/X\(\s*\w+,\s*0x[0-9A-Fa-f]+,\s*"([a-z0-9_]+)\.[a-z0-9_]+"/g)) objects.add(m[1]);
  return { functions, objects };
}

// ------------------------------------------------------------------ the grammar's lists

/** The scopes a keyword may have: keywords, declaration words and modifiers, self, booleans. */
function isKeywordScope(scope) {
  // `hex` of hex"…" is storage.type.string: the prefix of a literal, not a keyword.
  if (scope.startsWith('storage.type.string.')) return false;
  return /^(keyword|storage\.type|storage\.modifier|variable\.language|constant\.language)\./.test(scope);
}

/**
 * The groups of an Oniguruma pattern: `{index, text}` for each, index 0 for (?:…) and
 * lookarounds, 1… for capturing groups in order.
 */
function groupsOf(pattern) {
  const groups = [];
  const open = [];
  let captures = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '(') {
      open.push({ start: i + 1, index: pattern[i + 1] === '?' ? 0 : ++captures });
    } else if (c === ')') {
      const g = open.pop();
      groups.push({ index: g.index, text: pattern.slice(g.start, i).replace(/^\?(?::|<?[=!])/, '') });
    }
  }
  return groups;
}

/** The words of a group that is a plain alternation of lowercase words (`if|else`). */
function wordsOfGroup(text) {
  return /^[a-z]+(?:\|[a-z]+)*$/.test(text) ? text.split('|') : [];
}

/** Every word the grammar gives a keyword scope, by the text of its rules. */
function grammarKeywordWords(grammar) {
  const words = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return undefined;
    for (const [key, capturesKey] of [['match', 'captures'], ['begin', 'beginCaptures']]) {
      if (typeof node[key] !== 'string') continue;
      const groups = groupsOf(node[key]);
      if (key === 'match' && node.name && isKeywordScope(node.name)) {
        groups.forEach((g) => wordsOfGroup(g.text).forEach((w) => words.add(w)));
      }
      for (const [index, capture] of Object.entries(node[capturesKey] || {})) {
        if (!capture.name || !isKeywordScope(capture.name)) continue;
        groups.filter((g) => g.index === Number(index))
          .forEach((g) => wordsOfGroup(g.text).forEach((w) => words.add(w)));
      }
    }
    return Object.values(node).forEach(visit);
  };
  visit(grammar);
  return words;
}

/** The words of the grammar's rule whose scope is `scope`. */
function grammarWordsOfScope(grammar, scope) {
  const words = new Set();
  JSON.stringify(grammar, (key, value) => {
    if (value && value.name === scope && typeof value.match === 'string') {
      groupsOf(value.match).forEach((g) => g.text.split('|').forEach((w) => {
        if (/^[a-z][a-z0-9_]*$/.test(w)) words.add(w);
      }));
    }
    return value;
  });
  return words;
}

const sorted = (set) => [...set].sort();
const minus = (a, b) => sorted([...a].filter((x) => !b.has(x)));

// ------------------------------------------------------------------ tests

test('the grammar highlights exactly the keywords of Tenet.g4', () => {
  const { words } = g4Keywords();
  assert.ok(words.size >= 40, `only ${words.size} keyword tokens found in Tenet.g4`);
  const expected = new Set(words.keys());
  const actual = grammarKeywordWords(grammarJson());
  assert.deepEqual(minus(expected, actual), [], 'keywords of Tenet.g4 that the grammar does not highlight');
  assert.deepEqual(minus(actual, expected), [], 'words the grammar highlights as keywords that Tenet.g4 does not have');
});

test("the parser's keywords() are Tenet.g4's keywords, less the contextual ones", () => {
  const { g4, words } = g4Keywords();
  const contextual = g4ContextualKeywords(g4, words);
  const listed = parserKeywords();
  assert.deepEqual(minus(listed, new Set(words.keys())), [], 'keywords() words that are not Tenet.g4 tokens');
  assert.deepEqual(minus(new Set(words.keys()), listed).filter((w) => !contextual.has(w)), [],
    'Tenet.g4 keywords missing from keywords() that are not contextual');
});

test('every keyword gets a keyword scope in a program', async () => {
  const { g4, words } = g4Keywords();
  const contextual = g4ContextualKeywords(g4, words);
  // A reserved keyword is one anywhere: alone on a line, it is highlighted.
  for (const word of words.keys()) {
    if (contextual.has(word)) continue;
    const [token] = await tokenize(word);
    assert.equal(token.text, word);
    assert.ok(token.scopes.slice(1).some(isKeywordScope), `${word}: ${token.scopes.join(' ')}`);
  }
  // The contextual ones where Tenet.g4 makes them keywords, and nowhere else.
  const where = {
    from: ['import { A } from "a.tn";', 'fn f(from: address) { g(from); }'],
    as: ['import { A as B } from "a.tn"; pub fn f() as "g" {}', 'fn f(as: u8) -> u8 { return as; }'],
  };
  for (const word of contextual) {
    assert.ok(where[word], `no example for the contextual keyword ${word}: add one here`);
    const [keywordUse, nameUse] = where[word];
    const asKeyword = (await tokenize(keywordUse)).filter((t) => t.text === word);
    assert.ok(asKeyword.length > 0 && asKeyword.every((t) => t.scopes.slice(1).some(isKeywordScope)),
      `${word} in ${keywordUse}: ${asKeyword.map((t) => t.scopes.join(' ')).join(' / ')}`);
    const asName = (await tokenize(nameUse)).filter((t) => t.text === word);
    assert.ok(asName.length > 0 && asName.every((t) => !t.scopes.slice(1).some(isKeywordScope)),
      `${word} in ${nameUse}: ${asName.map((t) => t.scopes.join(' ')).join(' / ')}`);
  }
});

test("the built-in functions and objects are the compiler's", () => {
  const { functions, objects } = compilerBuiltins();
  assert.ok(functions.has('keccak256') && objects.has('msg') && objects.has('vm'), 'the tables were not read');
  const grammar = grammarJson();
  assert.deepEqual(sorted(grammarWordsOfScope(grammar, 'support.function.builtin.tenet')), sorted(functions));
  assert.deepEqual(sorted(grammarWordsOfScope(grammar, 'support.variable.builtin.tenet')), sorted(objects));
});

test('the word lists are read as the test expects', () => {
  // groupsOf on the shapes the grammar uses, so that a change of style fails loudly here
  // rather than letting a keyword through unchecked.
  assert.deepEqual(groupsOf('\\b(fn)\\b(?:\\s+([A-Z]))?').map((g) => [g.index, g.text]),
    [[1, 'fn'], [2, '[A-Z]'], [0, '\\s+([A-Z])']]);
  assert.deepEqual(groupsOf('\\b(as)\\b(?=\\s*(?:"|x))').map((g) => g.text), ['as', '"|x', '\\s*(?:"|x)']);
  assert.deepEqual(wordsOfGroup('if|else'), ['if', 'else']);
  assert.deepEqual(wordsOfGroup('u8|bool'), []);
});
