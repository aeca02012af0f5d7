'use strict';
// The Tenet extension's client side: it starts `tenet lsp` (the language server of the tenet
// binary) over stdio for every `.tn` document, passes it the settings it reads at start-up
// (initializationOptions), and starts it again when `tenet.path` or `tenet.inlayHints.*`
// change or on the command "Tenet: Restart Language Server". Everything else — diagnostics,
// hover, definitions, references, outline, completion, formatting, inlay hints — is the
// server's; vscode-languageclient wires it into VS Code.

const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** The client's id: vscode-languageclient reads the trace level from `<id>.trace.server`. */
const CLIENT_ID = 'tenet';
const CLIENT_NAME = 'Tenet Language Server';
/** The command of package.json's `contributes.commands`. */
const RESTART_COMMAND = 'tenet.restartServer';
/** Settings the server only reads when it starts: changing one restarts it. */
const RESTART_SETTINGS = ['tenet.path', 'tenet.inlayHints'];

/**
 * The binary `tenet.path` names: a bare name (`tenet`) is left to the operating system's
 * PATH lookup, `~/…` is under the home folder, an absolute path is kept, and any other
 * path is relative to the first workspace folder (so `build/release/cli/tenet` works in a
 * checkout of the compiler).
 */
function resolveTenetPath(configured, workspaceFolders, home) {
  const value = typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : 'tenet';
  if (value === '~') return home;
  if (value.startsWith('~/')) return path.join(home, value.slice(2));
  if (path.isAbsolute(value)) return value;
  if (!value.includes('/') && !value.includes('\\')) return value;
  const root = workspaceFolders && workspaceFolders.length > 0 ? workspaceFolders[0].uri.fsPath : process.cwd();
  return path.resolve(root, value);
}

/** What the server reads from `initialize`: `{"inlayHints": {"gasBounds": bool}}`. */
function initializationOptions(config) {
  return { inlayHints: { gasBounds: config.get('inlayHints.gasBounds', false) === true } };
}

/**
 * The command line and client options of one server start. `transport` is left unset on
 * purpose: with `TransportKind.stdio` vscode-languageclient appends `--stdio` to the
 * arguments, and the command is exactly `tenet lsp` (stdio is its only transport).
 */
function serverLaunch(config, workspaceFolders, home, outputChannel) {
  const command = resolveTenetPath(config.get('path', 'tenet'), workspaceFolders, home);
  return {
    serverOptions: { command, args: ['lsp'] },
    clientOptions: {
      documentSelector: [
        { scheme: 'file', language: 'tenet' },
        { scheme: 'untitled', language: 'tenet' },
      ],
      initializationOptions: initializationOptions(config),
      outputChannel,
    },
  };
}

/** One language client at a time; starts and stops are queued so they never overlap. */
class TenetServer {
  constructor(outputChannel) {
    this.outputChannel = outputChannel;
    this.client = undefined;
    this.queue = Promise.resolve();
  }

  /** Queues `step` after every earlier start, stop or restart. */
  enqueue(step) {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  start() {
    return this.enqueue(() => this.startNow());
  }

  stop() {
    return this.enqueue(() => this.stopNow());
  }

  restart() {
    return this.enqueue(async () => {
      await this.stopNow();
      await this.startNow();
    });
  }

  async startNow() {
    const config = vscode.workspace.getConfiguration('tenet');
    const { serverOptions, clientOptions } = serverLaunch(
      config, vscode.workspace.workspaceFolders, os.homedir(), this.outputChannel);
    const gas = clientOptions.initializationOptions.inlayHints.gasBounds ? 'on' : 'off';
    this.outputChannel.appendLine(`Starting ${serverOptions.command} lsp (gas-bound inlay hints ${gas})`);
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.client = client;
    try {
      await client.start();
    } catch (err) {
      this.client = undefined;
      await disposeQuietly(client);
      this.reportStartFailure(serverOptions.command, err);
    }
  }

  async stopNow() {
    const client = this.client;
    this.client = undefined;
    if (client) await disposeQuietly(client);
  }

  reportStartFailure(command, err) {
    const reason = err && err.message ? err.message : String(err);
    this.outputChannel.appendLine(`Could not start ${command} lsp: ${reason}`);
    const openSettings = 'Open Settings';
    const message = `Tenet: could not start the language server \`${command} lsp\`. ` +
      'Install tenet and put it on PATH, or set `tenet.path` to the binary.';
    Promise.resolve(vscode.window.showErrorMessage(message, openSettings)).then((choice) => {
      if (choice === openSettings) {
        vscode.commands.executeCommand('workbench.action.openSettings', 'tenet.path');
      }
    });
  }
}

/** Stops a client and frees what it registered; a client that never started is not an error. */
async function disposeQuietly(client) {
  try {
    await client.dispose();
  } catch (_) {
    // A client whose server failed to start or already exited has nothing left to stop.
  }
}

let server;

/** Called by VS Code when the first Tenet document opens (activationEvents). */
async function activate(context) {
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME);
  server = new TenetServer(outputChannel);
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand(RESTART_COMMAND, () => server.restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((section) => event.affectsConfiguration(section))) {
        server.restart();
      }
    }),
  );
  await server.start();
}

/** Called by VS Code on shutdown or when the extension is disabled. */
function deactivate() {
  const s = server;
  server = undefined;
  return s ? s.stop() : undefined;
}

module.exports = {
  activate,
  deactivate,
  // For test/extension.test.js:
  resolveTenetPath,
  initializationOptions,
  serverLaunch,
  RESTART_COMMAND,
  RESTART_SETTINGS,
};
