#!/usr/bin/env node
// tenet node against anvil as a development chain, side by side in one run (bench/peers/README.md).
//
//   node node_bench.mjs [--tenet PATH] [--peers-only] [--blocks N] [--sequential N] [--batch N] [--json FILE]
//
// Each node is started on a free loopback port (anvil 1.7.1 from this folder's npm package;
// `tenet node --in-memory`, and `tenet node --data-dir D` with and without --fsync) and driven
// over HTTP JSON-RPC with one keep-alive connection. Every transaction is a 1-wei EIP-1559
// transfer signed before timing starts, so the figures are the node's, not the signer's:
//   cold start     spawn → first eth_chainId answer (median of 3)
//   sequential     --sequential transfers (default 200), each eth_sendRawTransaction followed
//                  by eth_getTransactionReceipt until it answers; p50 and p99 of that (automine)
//   batch          --batch pre-signed transfers (default 2,000) sent back to back with automine
//                  (one block each); then the same count with mining off and one evm_mine (at a
//                  100,000,000 block gas limit, which holds them all)
//   eth_call       eth_call of eth_getBalance-sized work (p50 of 500 calls of a plain transfer
//                  simulation: the RPC and execution overhead of a call)
//   blocks         --blocks transfers (default 10,000), one block each, time per block in each
//                  tenth of the run: flat means the per-block cost does not grow with the chain
// Not part of `make test` (`make bench-node` runs it).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ethers } from "ethers";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

const options = { tenet: path.join(repo, "build/release/cli/tenet"), peersOnly: false, blocks: 10_000,
                  sequential: 200, batch: 2_000, json: null };
for (let i = 2; i < process.argv.length; ++i) {
  const arg = process.argv[i];
  const value = () => {
    if (i + 1 >= process.argv.length) usage(`${arg} needs a value`);
    return process.argv[++i];
  };
  if (arg === "--tenet") options.tenet = path.resolve(value());
  else if (arg === "--peers-only") options.peersOnly = true;
  else if (arg === "--blocks") options.blocks = Number(value());
  else if (arg === "--sequential") options.sequential = Number(value());
  else if (arg === "--batch") options.batch = Number(value());
  else if (arg === "--json") options.json = path.resolve(value());
  else usage(`unknown option ${arg}`);
}
for (const key of ["blocks", "sequential", "batch"])
  if (!(Number.isInteger(options[key]) && options[key] >= 10)) usage(`--${key} needs an integer ≥ 10`);

function usage(message) {
  console.error(`node_bench.mjs: ${message}`);
  console.error("usage: node node_bench.mjs [--tenet PATH] [--peers-only] [--blocks N] [--sequential N] [--batch N] [--json FILE]");
  process.exit(2);
}

// One exit hook per started node (it kills the node should this script die first).
process.setMaxListeners(0);

const MNEMONIC = "test test test test test test test test test test test junk";
const CHAIN_ID = 31337n;
const GWEI = 10n ** 9n;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/// One JSON-RPC call (fetch keeps the connection alive); the result, or throws the error.
async function rpc(url, method, params = []) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" },
                                      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const answer = await response.json();
  if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
  return answer.result;
}

/// The command line of each node kind.
function commandLine(kind, port, dataDir) {
  if (kind === "anvil")
    return [path.join(here, "node_modules/.bin/anvil"), ["--host", "127.0.0.1", "--port", String(port), "--silent"]];
  const storage = dataDir ? ["--data-dir", dataDir] : ["--in-memory"];
  return [options.tenet, ["node", "--host", "127.0.0.1", "--port", String(port), ...storage,
                          ...(kind === "tenet --fsync" ? ["--fsync"] : [])]];
}

/// Starts a node; resolves to {url, stop(), startMs} once eth_chainId answers.
async function start(kind, extra = []) {
  const port = await freePort();
  const dataDir = kind === "tenet --in-memory" || kind === "anvil" ? null : fs.mkdtempSync(path.join(os.tmpdir(), "tenet-bench-"));
  const [bin, args] = commandLine(kind, port, dataDir);
  const begin = process.hrtime.bigint();
  const child = spawn(bin, [...args, ...extra], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  let exited = null;
  const exit = new Promise((resolve) => child.on("exit", (code, signal) => { exited = code ?? signal; resolve(); }));
  process.once("exit", () => { if (exited === null) process.kill(child.pid, "SIGKILL"); });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited !== null) throw new Error(`${kind} exited (${exited}): ${stderr}`);
    try { await rpc(url, "eth_chainId"); break; } catch { await new Promise((r) => setTimeout(r, 5)); }
  }
  const startMs = Number(process.hrtime.bigint() - begin) / 1e6;
  const stop = async () => {
    if (exited === null) process.kill(child.pid, "SIGTERM");
    await exit;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop, startMs };
}

/// `count` signed transfers from dev account `index`, nonces from `first`.
async function signTransfers(index, first, count) {
  const wallet = ethers.HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
  const to = ethers.HDNodeWallet.fromPhrase(MNEMONIC, undefined, "m/44'/60'/0'/0/9").address;
  const raws = [];
  for (let n = 0; n < count; ++n)
    raws.push(await wallet.signTransaction({ type: 2, chainId: CHAIN_ID, nonce: first + n, to, value: 1n,
                                             gasLimit: 21_000n, maxFeePerGas: 100n * GWEI, maxPriorityFeePerGas: GWEI }));
  return { address: wallet.address, raws };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const ms = (begin) => Number(process.hrtime.bigint() - begin) / 1e6;

async function measure(kind, signed) {
  const result = { kind };
  const starts = [];
  for (let i = 0; i < 3; ++i) {
    const node = await start(kind);
    starts.push(node.startMs);
    await node.stop();
  }
  result.coldStartMs = starts.sort((a, b) => a - b)[1];

  let node = await start(kind);
  // Sequential round trips: send, then the receipt (which automine has already written).
  const latencies = [];
  for (const raw of signed.sequential.raws) {
    const begin = process.hrtime.bigint();
    const hash = await rpc(node.url, "eth_sendRawTransaction", [raw]);
    // tenet node answers after mining (the receipt exists); anvil may mine just after: poll.
    let receipt = null;
    while (!receipt) receipt = await rpc(node.url, "eth_getTransactionReceipt", [hash]);
    latencies.push(ms(begin));
    if (!receipt || receipt.status !== "0x1") throw new Error(`${kind}: no successful receipt for ${hash}`);
  }
  latencies.sort((a, b) => a - b);
  result.sequentialP50Ms = percentile(latencies, 0.5);
  result.sequentialP99Ms = percentile(latencies, 0.99);
  // eth_call round trip.
  const calls = [];
  const call = { from: signed.sequential.address, to: signed.sequential.address, value: "0x1" };
  for (let i = 0; i < 500; ++i) {
    const begin = process.hrtime.bigint();
    await rpc(node.url, "eth_call", [call, "latest"]);
    calls.push(ms(begin));
  }
  calls.sort((a, b) => a - b);
  result.ethCallP50Ms = percentile(calls, 0.5);
  // Back to back, automine.
  let begin = process.hrtime.bigint();
  for (const raw of signed.batch.raws) await rpc(node.url, "eth_sendRawTransaction", [raw]);
  result.automineTxPerS = signed.batch.raws.length / (ms(begin) / 1000);
  // The chain's growth: one block per transfer, time per tenth of the run.
  const tenths = [];
  const tenth = signed.blocks.raws.length / 10;
  begin = process.hrtime.bigint();
  for (let i = 0; i < signed.blocks.raws.length; ++i) {
    await rpc(node.url, "eth_sendRawTransaction", [signed.blocks.raws[i]]);
    if ((i + 1) % tenth === 0) {
      tenths.push(ms(begin) / tenth);
      begin = process.hrtime.bigint();
    }
  }
  result.blockMsByTenth = tenths;
  await node.stop();

  // Mining off: the same batch pooled, then one evm_mine.
  // A gas limit of 100,000,000 holds 4,761 transfers: one evm_mine mines them all.
  node = await start(kind, ["--no-mining", "--gas-limit", "100000000"]);
  begin = process.hrtime.bigint();
  for (const raw of signed.manual.raws) await rpc(node.url, "eth_sendRawTransaction", [raw]);
  const want = BigInt(signed.manual.raws.length);
  let count = 0n;
  for (let blocks = 0; count < want; ++blocks) {
    if (blocks === 1) throw new Error(`${kind}: one evm_mine mined ${count} of ${want}`);
    await rpc(node.url, "evm_mine");
    count = BigInt(await rpc(node.url, "eth_getTransactionCount", [signed.manual.address, "latest"]));
  }
  result.manualTxPerS = signed.manual.raws.length / (ms(begin) / 1000);
  await node.stop();
  return result;
}

console.error(`signing ${options.sequential + 2 * options.batch + options.blocks} transfers…`);
const sequential = await signTransfers(0, 0, options.sequential);
const batch = await signTransfers(1, 0, options.batch);
const blocks = await signTransfers(2, 0, options.blocks);
const manual = await signTransfers(3, 0, options.batch);
const signed = { sequential, batch, blocks, manual };

const kinds = ["anvil"];
if (!options.peersOnly) {
  if (!fs.existsSync(options.tenet)) usage(`${options.tenet} is missing: build it (make build) or pass --tenet PATH, or --peers-only`);
  kinds.push("tenet --in-memory", "tenet --data-dir", "tenet --fsync");
}
const results = [];
for (const kind of kinds) {
  console.error(`measuring ${kind}…`);
  results.push(await measure(kind, signed));
}

const f = (x, digits = 2) => x.toFixed(digits);
const rows = [
  ["cold start (ms)", (r) => f(r.coldStartMs, 0)],
  [`p50 send+receipt of ${options.sequential} (ms)`, (r) => f(r.sequentialP50Ms)],
  [`p99 send+receipt of ${options.sequential} (ms)`, (r) => f(r.sequentialP99Ms)],
  ["p50 eth_call (ms)", (r) => f(r.ethCallP50Ms)],
  [`${options.batch} transfers, automine (tx/s)`, (r) => f(r.automineTxPerS, 0)],
  [`${options.batch} transfers, evm_mine (tx/s)`, (r) => f(r.manualTxPerS, 0)],
  [`ms/block, first tenth of ${options.blocks}`, (r) => f(r.blockMsByTenth[0], 3)],
  [`ms/block, last tenth of ${options.blocks}`, (r) => f(r.blockMsByTenth[9], 3)],
  ["last / first tenth", (r) => f(r.blockMsByTenth[9] / r.blockMsByTenth[0])],
];
const header = ["", ...results.map((r) => r.kind)];
const table = [header, ...rows.map(([name, cell]) => [name, ...results.map(cell)])];
const widths = header.map((_, c) => Math.max(...table.map((row) => row[c].length)));
for (const row of table) console.log(row.map((cell, c) => (c ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  "));
console.log(`\n${os.cpus().length} × ${os.cpus()[0].model}, ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
if (options.json) fs.writeFileSync(options.json, JSON.stringify({ options, results }, null, 2));
