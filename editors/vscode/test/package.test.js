'use strict';
// The .vsix: `vsce ls` and a real `vsce package` (into a temporary folder) hold the
// extension's files and exactly the run-time dependencies of vscode-languageclient, as
// package-lock.json resolves them — no tests and no development tools.

const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const DIR = path.resolve(__dirname, '..');
const VSCE = path.join(DIR, 'node_modules', '.bin', 'vsce');
const manifest = require('../package.json');
const lock = require('../package-lock.json');

/** The extension's own files, as `vsce ls` names them. */
const OWN_FILES = ['LICENSE', 'README.md', 'extension.js', 'language-configuration.json', 'package.json',
  'syntaxes/tenet.tmLanguage.json'];

/** The install folders (node_modules/…) of the run-time dependencies, resolved as Node does. */
function runtimeClosure() {
  const found = new Set();
  const visit = (from, name) => {
    // Node looks in from/node_modules, then in each enclosing node_modules, up to the root.
    for (let base = from; ; base = base.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
      const at = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (lock.packages[at]) {
        if (!found.has(at)) {
          found.add(at);
          Object.keys(lock.packages[at].dependencies || {}).forEach((d) => visit(at, d));
        }
        return;
      }
      assert.ok(base !== '', `${name} (needed by ${from || 'the extension'}) is not in package-lock.json`);
    }
  };
  Object.keys(manifest.dependencies).forEach((d) => visit('', d));
  return [...found].sort();
}

/** The package folders among a list of files: those with a package.json at their root. */
function packageFolders(files) {
  const root = /^(node_modules\/(?:@[^/]+\/)?[^/]+(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)*)\/package\.json$/;
  return files.map((f) => f.match(root)).filter(Boolean).map((m) => m[1]).sort();
}

/** The files of a zip archive, name → contents, read through its central directory. */
function unzip(file) {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is not a zip archive`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'corrupt central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    assert.ok(method === 0 || method === 8, `${name}: compression method ${method}`);
    files.set(name, () => (method === 8 ? zlib.inflateRawSync(raw) : raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const vsce = (...args) => execFileSync(VSCE, args, { cwd: DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('vsce ls: the extension, and the run-time dependencies only', () => {
  const files = vsce('ls').split('\n').filter((l) => l.trim() !== '');
  const own = files.filter((f) => !f.startsWith('node_modules/')).sort();
  assert.deepEqual(own, OWN_FILES);
  assert.deepEqual(packageFolders(files), runtimeClosure());
  assert.deepEqual(files.filter((f) => /\.(d\.ts|map)$/.test(f)), [], 'type declarations or source maps packaged');
});

test('vsce package: tenet-<version>.vsix with the same files', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tenet-vsix-'));
  try {
    const vsix = path.join(out, `tenet-${manifest.version}.vsix`);
    vsce('package', '--allow-missing-repository', '--out', vsix);
    const zip = unzip(vsix);
    const entries = [...zip.keys()];
    assert.ok(entries.includes('extension.vsixmanifest'));
    const files = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
    // vsce renames the README and the LICENSE inside the package.
    const own = files.filter((f) => !f.startsWith('node_modules/')).sort();
    assert.deepEqual(own, ['LICENSE.txt', 'extension.js', 'language-configuration.json', 'package.json', 'readme.md',
      'syntaxes/tenet.tmLanguage.json']);
    assert.deepEqual(packageFolders(files), runtimeClosure());
    const packaged = JSON.parse(zip.get('extension/package.json')().toString('utf8'));
    assert.equal(packaged.name, 'tenet');
    assert.equal(packaged.version, manifest.version);
    assert.deepEqual(JSON.parse(zip.get('extension/syntaxes/tenet.tmLanguage.json')().toString('utf8')),
      require('../syntaxes/tenet.tmLanguage.json'));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
