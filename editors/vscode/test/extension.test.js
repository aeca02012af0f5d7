'use strict';
// extension.js without VS Code: it is loaded with stand-ins for the `vscode` module and for
// vscode-languageclient's LanguageClient that record what the extension asks of them, then
// activated, reconfigured, restarted and deactivated as VS Code would.

const test = require('node:test');
const assert = require('node:assert/strict');
const Module = require('module');
const os = require('os');
const path = require('path');
const manifest = require('../package.json');

const EXTENSION = require.resolve('../extension.js');

/** A fresh fake of VS Code and of the language client, with `settings` as the `tenet.*` values. */
function fakeHost(settings, { startError, errorChoice } = {}) {
  const host = {
    settings: { ...settings },
    read: new Set(),
    clients: [],
    commands: new Map(),
    executed: [],
    errors: [],
    configListeners: [],
    channels: [],
  };
  host.vscode = {
    workspace: {
      workspaceFolders: [{ uri: { fsPath: '/home/dev/project' } }],
      getConfiguration(section) {
        assert.equal(section, 'tenet');
        return {
          get(key, fallback) {
            host.read.add(`tenet.${key}`);
            return key in host.settings ? host.settings[key] : fallback;
          },
        };
      },
      onDidChangeConfiguration(listener) {
        host.configListeners.push(listener);
        return { dispose() {} };
      },
    },
    window: {
      createOutputChannel(name) {
        const channel = { name, lines: [], appendLine: (l) => channel.lines.push(l), append() {}, dispose() {} };
        host.channels.push(channel);
        return channel;
      },
      showErrorMessage(message, ...items) {
        host.errors.push({ message, items });
        return Promise.resolve(errorChoice);
      },
    },
    commands: {
      registerCommand(id, handler) {
        host.commands.set(id, handler);
        return { dispose() {} };
      },
      executeCommand(id, ...args) {
        host.executed.push([id, ...args]);
        return Promise.resolve();
      },
    },
  };
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, started: false, disposed: false });
      host.clients.push(this);
    }
    async start() {
      if (startError) throw startError;
      this.started = true;
    }
    async dispose() {
      this.disposed = true;
      if (!this.started) throw new Error("Client is not running and can't be stopped");
    }
  }
  host.languageClient = { LanguageClient, TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 } };
  /** Changes settings as the Settings editor would, and tells the extension. */
  host.change = async (changed) => {
    Object.assign(host.settings, changed);
    const keys = Object.keys(changed).map((k) => `tenet.${k}`);
    const event = { affectsConfiguration: (s) => keys.some((k) => k === s || k.startsWith(`${s}.`)) };
    host.configListeners.forEach((l) => l(event));
  };
  return host;
}

/** extension.js loaded against `host`'s fakes, and activated. */
async function activated(host) {
  const load = Module._load;
  Module._load = function fake(request, ...rest) {
    if (request === 'vscode') return host.vscode;
    if (request === 'vscode-languageclient/node') return host.languageClient;
    return load.call(this, request, ...rest);
  };
  delete require.cache[EXTENSION];
  let extension;
  try {
    extension = require(EXTENSION);
  } finally {
    Module._load = load;
  }
  const context = { subscriptions: [] };
  await extension.activate(context);
  return { extension, context };
}

/** Lets queued restarts finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('activation starts `tenet lsp` over stdio for Tenet documents', async () => {
  const host = fakeHost({});
  const { context } = await activated(host);
  assert.equal(host.clients.length, 1);
  const [client] = host.clients;
  // The id `tenet` makes vscode-languageclient read `tenet.trace.server`, a declared setting.
  assert.equal(client.id, 'tenet');
  assert.ok(manifest.contributes.configuration.properties[`${client.id}.trace.server`]);
  // No `transport`: with TransportKind.stdio the client would append `--stdio`.
  assert.deepEqual(client.serverOptions, { command: 'tenet', args: ['lsp'] });
  assert.deepEqual(client.clientOptions.documentSelector,
    [{ scheme: 'file', language: 'tenet' }, { scheme: 'untitled', language: 'tenet' }]);
  assert.deepEqual(client.clientOptions.initializationOptions, { inlayHints: { gasBounds: false } });
  assert.ok(client.started);
  const [channel] = host.channels;
  assert.equal(client.clientOptions.outputChannel, channel);
  assert.equal(channel.name, 'Tenet Language Server');
  assert.deepEqual(channel.lines, ['Starting tenet lsp (gas-bound inlay hints off)']);
  assert.ok(context.subscriptions.includes(channel));
});

test('the settings it reads are the ones package.json declares, and its command is registered', async () => {
  const host = fakeHost({});
  await activated(host);
  const declared = Object.keys(manifest.contributes.configuration.properties);
  for (const key of host.read) assert.ok(declared.includes(key), `${key} is read but not declared`);
  assert.deepEqual([...host.commands.keys()], manifest.contributes.commands.map((c) => c.command));
});

test('gas-bound inlay hints: the setting becomes the initializationOptions', async () => {
  const host = fakeHost({ 'inlayHints.gasBounds': true });
  await activated(host);
  assert.deepEqual(host.clients[0].clientOptions.initializationOptions, { inlayHints: { gasBounds: true } });
  assert.deepEqual(host.channels[0].lines, ['Starting tenet lsp (gas-bound inlay hints on)']);
});

test('tenet.path: a name for PATH, an absolute path, ~/, or relative to the workspace', async () => {
  const cases = [
    ['tenet', 'tenet'],
    ['  ', 'tenet'],
    ['/opt/tenet/bin/tenet', '/opt/tenet/bin/tenet'],
    ['~/bin/tenet', path.join(os.homedir(), 'bin/tenet')],
    ['build/release/cli/tenet', '/home/dev/project/build/release/cli/tenet'],
    ['./tenet', '/home/dev/project/tenet'],
  ];
  for (const [configured, command] of cases) {
    const host = fakeHost({ path: configured });
    await activated(host);
    assert.equal(host.clients[0].serverOptions.command, command, configured);
  }
});

test('changing tenet.path or an inlay-hint setting restarts the server with the new value', async () => {
  const host = fakeHost({});
  await activated(host);
  await host.change({ 'inlayHints.gasBounds': true });
  await settle();
  assert.equal(host.clients.length, 2);
  assert.ok(host.clients[0].disposed);
  assert.deepEqual(host.clients[1].clientOptions.initializationOptions, { inlayHints: { gasBounds: true } });
  await host.change({ path: '/usr/local/bin/tenet' });
  await settle();
  assert.equal(host.clients.length, 3);
  assert.ok(host.clients[1].disposed);
  assert.equal(host.clients[2].serverOptions.command, '/usr/local/bin/tenet');
  assert.ok(host.clients[2].started && !host.clients[2].disposed);
});

test('other settings, and the trace level (which the client follows live), do not restart it', async () => {
  const host = fakeHost({});
  await activated(host);
  await host.change({ 'trace.server': 'verbose' });
  host.configListeners.forEach((l) => l({ affectsConfiguration: (s) => s === 'editor' || s === 'editor.tabSize' }));
  await settle();
  assert.equal(host.clients.length, 1);
  assert.ok(!host.clients[0].disposed);
});

test('"Tenet: Restart Language Server" stops the running server and starts a new one', async () => {
  const host = fakeHost({});
  await activated(host);
  await host.commands.get('tenet.restartServer')();
  assert.equal(host.clients.length, 2);
  assert.ok(host.clients[0].disposed);
  assert.ok(host.clients[1].started && !host.clients[1].disposed);
  // Two restarts at once run one after the other: one server is left running.
  await Promise.all([host.commands.get('tenet.restartServer')(), host.commands.get('tenet.restartServer')()]);
  assert.equal(host.clients.length, 4);
  assert.deepEqual(host.clients.map((c) => c.disposed), [true, true, true, false]);
});

test('a tenet that cannot be started: an error that says what to do, and the way to the setting', async () => {
  const host = fakeHost({}, { startError: new Error('spawn tenet ENOENT'), errorChoice: 'Open Settings' });
  await activated(host);
  await settle();
  assert.equal(host.errors.length, 1);
  assert.match(host.errors[0].message, /could not start the language server `tenet lsp`/);
  assert.match(host.errors[0].message, /put it on PATH, or set `tenet\.path`/);
  assert.deepEqual(host.errors[0].items, ['Open Settings']);
  assert.deepEqual(host.executed, [['workbench.action.openSettings', 'tenet.path']]);
  assert.deepEqual(host.channels[0].lines,
    ['Starting tenet lsp (gas-bound inlay hints off)', 'Could not start tenet lsp: spawn tenet ENOENT']);
  // Fixing the setting starts it.
  host.languageClient.LanguageClient.prototype.start = async function start() { this.started = true; };
  await host.change({ path: '/opt/tenet' });
  await settle();
  assert.equal(host.clients.at(-1).serverOptions.command, '/opt/tenet');
  assert.ok(host.clients.at(-1).started);
});

test('deactivation stops the server', async () => {
  const host = fakeHost({});
  const { extension } = await activated(host);
  await extension.deactivate();
  assert.ok(host.clients[0].disposed);
  assert.equal(await extension.deactivate(), undefined);
});

test('the real vscode-languageclient 9 provides what extension.js uses', () => {
  // Loaded with a stand-in for `vscode` that answers every property: the module's own
  // imports of vscode succeed, and its node entry point exports the class the extension
  // constructs, with the methods it calls.
  const anything = new Proxy(function stub() {}, {
    get: (target, key) => (key === 'prototype' ? {} : anything),
    construct: () => ({}),
    apply: () => anything,
  });
  const load = Module._load;
  Module._load = function fake(request, ...rest) {
    return request === 'vscode' ? anything : load.call(this, request, ...rest);
  };
  let node;
  try {
    node = require('vscode-languageclient/node');
  } finally {
    Module._load = load;
  }
  assert.equal(typeof node.LanguageClient, 'function');
  for (const method of ['start', 'dispose']) assert.equal(typeof node.LanguageClient.prototype[method], 'function', method);
  assert.match(require('vscode-languageclient/package.json').version, /^9\./);
});
