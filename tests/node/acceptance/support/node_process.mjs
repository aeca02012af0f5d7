// Starts the node under test on a free loopback port and stops it by its PID.
//
// The node is anvil (this folder's npm @foundry-rs/anvil-linux-amd64) unless TENET_NODE_BIN
// names a `tenet` executable; then it is `tenet node`. The tests never name the node: they
// get a URL, so the suite runs unchanged against either.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

/// The chain id both nodes use by default (anvil's and toolchain.md §4's).
export const CHAIN_ID = 31337n;

/// The first dev account of the mnemonic `test test … junk` (m/44'/60'/0'/0/0), as anvil and
/// `tenet node` create it, and its private key.
export const DEV0 = {
  address: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  key: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
};

/// The second dev account (m/44'/60'/0'/0/1), the usual recipient.
export const DEV1 = {
  address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  key: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
};

/// The node under test: "tenet" when TENET_NODE_BIN is set, else "anvil".
export const NODE_KIND = process.env.TENET_NODE_BIN ? "tenet" : "anvil";

/// The path of the cast executable installed by `npm ci` in this folder.
export const CAST_BIN = path.join(root, "node_modules/.bin/cast");

/// A free TCP port on 127.0.0.1 (the OS picks it; closed again before returning).
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/// One JSON-RPC call with fetch; resolves to the whole response object ({result} or {error}).
export async function rpc(url, method, params = []) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return response.json();
}

/// POSTs `body` (a string, sent as is) and resolves to {status, json} (json null when the
/// answer is not JSON).
export async function postRaw(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* left null */ }
  return { status: response.status, json, text };
}

function commandLine(port, dataDir, extra = [], anvilExtra = undefined) {
  if (NODE_KIND === "tenet") {
    const storage = dataDir ? ["--data-dir", dataDir] : ["--in-memory"];
    return { bin: process.env.TENET_NODE_BIN,
             args: ["node", "--host", "127.0.0.1", "--port", String(port), ...storage, ...extra] };
  }
  if (extra.length && anvilExtra === undefined) throw new Error(`tenet node flags ${extra.join(" ")} asked of anvil`);
  const bin = path.join(root, "node_modules/.bin/anvil");
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run npm ci in ${root}`);
  return { bin, args: ["--host", "127.0.0.1", "--port", String(port), "--silent", ...(anvilExtra ?? [])] };
}

/// Starts the node on a free loopback port and resolves, once eth_chainId answers, to
/// {url, pid, kind, output(), stop()}. `options.dataDir` (tenet only) keeps the chain there
/// instead of in memory; `options.args` (tenet only) are more `tenet node` flags;
/// `options.anvilArgs` are anvil's flags for the same (used instead of `args` against anvil;
/// without them `args` against anvil is an error). stop() sends
/// SIGTERM to that PID (never a name) and waits for the exit; stop("SIGKILL") is kill -9.
export async function startNode(options = {}) {
  const port = await freePort();
  const { bin, args } = commandLine(port, options.dataDir, options.args, options.anvilArgs);
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => { output += d; });
  child.stderr.on("data", (d) => { output += d; });
  let exited = null;
  const exit = new Promise((resolve) => {
    child.on("exit", (code, signal) => { exited = code ?? signal; resolve(exited); });
  });
  // Should this process end without the after hook (a crash), the node goes with it: by PID.
  process.once("exit", () => { if (exited === null) process.kill(child.pid, "SIGKILL"); });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal = "SIGTERM") => {
    if (exited === null) process.kill(child.pid, signal);
    return exit;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`${NODE_KIND} exited (${exited}) before answering: ${output.trim()}`);
    try {
      const answer = await rpc(url, "eth_chainId");
      if (answer.result) return { url, pid: child.pid, kind: NODE_KIND, output: () => output, stop };
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop("SIGKILL");
      throw new Error(`${NODE_KIND} did not answer eth_chainId on ${url} within 30 s: ${output.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/// A fresh temporary directory (for data dirs); removed by the caller with fs.rmSync.
export function tempDir(prefix = "tenet-acceptance-") {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/// The reason a Tenet-only test is skipped against anvil (which runs EVM code, not Tenet
/// containers, and has no --data-dir or --verify), or false against tenet node.
export const TENET_ONLY = NODE_KIND === "tenet" ? false : "needs tenet node (Tenet bytecode, data dir or --verify)";

/// Runs `tenet <args…>` (TENET_NODE_BIN) and resolves to {code, stdout, stderr}; never rejects
/// on a non-zero exit.
export function runTenet(args, { timeout = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.TENET_NODE_BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    const timer = setTimeout(() => { process.kill(child.pid, "SIGKILL"); }, timeout);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr });
    });
  });
}

/// Builds the Tenet project programs/ (Token, Unborn, Spinner) with `tenet build` into a
/// temporary directory and resolves to {dir, out, artifact(name)}: the artifacts' ABI and
/// bytecode as ethers' ContractFactory takes them.
export async function buildPrograms() {
  const dir = tempDir("tenet-acceptance-programs-");
  fs.cpSync(path.join(root, "programs"), dir, { recursive: true });
  const built = await runTenet(["build", "--root", dir]);
  if (built.code !== 0) throw new Error(`tenet build failed: ${built.stdout}${built.stderr}`);
  const out = path.join(dir, "out");
  return {
    dir,
    out,
    artifact: (name) => JSON.parse(fs.readFileSync(path.join(out, `${name}.json`), "utf8")),
  };
}
