#!/usr/bin/env node
// Tenet against anvil (revm): the four benchmark contracts of bench/contracts/*.tn and
// their Solidity twins in bench/peers/contracts/*.sol, side by side in one run.
//
//   node run.mjs [--tenet-bench PATH] [--peers-only] [--clock cpu|wall] [--min-time SECONDS] [--json FILE]
//
// 1. Runs the Tenet contract benchmark (tenet_contract_bench: each contract compiled at
//    -O0 and -O2, called in the VM in-process) and reads its JSON: time per call, execution
//    gas, return data, and the work per call n of each benchmark.
//    Times are CPU time by default (--clock cpu): on a shared machine the wall-clock time
//    of both sides mostly measures the other processes. Tenet's CPU time is Google
//    Benchmark's; anvil's is the CPU time its process (all threads) used during the calls,
//    from /proc/<pid>/stat, divided by the number of calls.
// 2. Compiles the Solidity twins with solc-js (pinned in package.json, optimizer on),
//    starts anvil on a free loopback port, deploys them, and for each benchmark calls the
//    same function with the same n by eth_call, repeatedly; wall time per call is the
//    median, CPU time per call the mean.
//    An empty call (ArithLoop.loop(0)) measures what the JSON-RPC round trip costs; it is
//    subtracted. Execution gas comes from one real transaction (receipt gasUsed minus the
//    intrinsic 21000 and call-data gas), undone with evm_snapshot/evm_revert.
// 3. With --tenet-node TENET (the `tenet` binary): builds bench/contracts/*.tn with `tenet build`,
//    starts `tenet node --in-memory`, deploys them, and times the same eth_calls exactly as
//    for anvil (its own empty call subtracted): the node's JSON-RPC path around the VM.
// 4. Checks every result against the same computation in JavaScript, and prints one table.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ethers } from "ethers";
import solc from "solc";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

// ---- Options ----
const options = {
  tenetBench: path.join(repo, "build/release/bench/tenet_contract_bench"),
  tenetNode: null,
  peersOnly: false,
  minTime: 2.0,
  clock: "cpu",
  json: null,
};
for (let i = 2; i < process.argv.length; ++i) {
  const arg = process.argv[i];
  const value = () => {
    if (i + 1 >= process.argv.length) usage(`${arg} needs a value`);
    return process.argv[++i];
  };
  if (arg === "--tenet-bench") options.tenetBench = path.resolve(value());
  else if (arg === "--tenet-node") options.tenetNode = path.resolve(value());
  else if (arg === "--peers-only") options.peersOnly = true;
  else if (arg === "--min-time") options.minTime = Number(value());
  else if (arg === "--json") options.json = path.resolve(value());
  else if (arg === "--clock") options.clock = value();
  else usage(`unknown option ${arg}`);
}
if (!(options.minTime > 0)) usage("--min-time needs a positive number of seconds");
if (options.clock !== "cpu" && options.clock !== "wall") usage("--clock is cpu or wall");

function usage(message) {
  console.error(`run.mjs: ${message}`);
  console.error("usage: node run.mjs [--tenet-bench PATH] [--tenet-node TENET] [--peers-only] [--clock cpu|wall] " +
                "[--min-time SECONDS] [--json FILE]");
  process.exit(2);
}

function fail(message) {
  console.error(`run.mjs: ${message}`);
  process.exit(1);
}

// ---- The benchmarks: contract, function, arguments after n, constructor arguments ----
// The work per call n is the Tenet benchmark's (tenet_contract_bench names it), so both
// sides always do the same work; the defaults here are used with --peers-only.
// `expected(n)` computes the result in JavaScript, a third opinion on both sides' output.
const word = (x) => ethers.zeroPadValue(ethers.toBeHex(x), 32);
const mask = (1n << 256n) - 1n;
const benchmarks = [
  {
    contract: "ArithLoop", fn: "loop", n: 500000, more: [], ctor: [],
    expected: (n) => {
      let acc = 1n;
      for (let i = 0n; i < n; ++i) acc = (((acc * i) & mask) ^ 0x9e3779b97f4a7c15n) + i & mask;
      return word(acc);
    },
  },
  {
    contract: "Fib", fn: "fib", n: 500000, more: [], ctor: [],
    expected: (n) => {
      let a = 0n, b = 1n;
      for (let i = 0n; i < n; ++i) [a, b] = [b, (a + b) & mask];
      return word(a);
    },
  },
  {
    contract: "KeccakChain", fn: "chain", n: 50000, more: [], ctor: [],
    expected: (n) => {
      let h = ethers.ZeroHash;
      for (let i = 0n; i < n; ++i) h = ethers.keccak256(h);
      return h;
    },
  },
  {
    contract: "Token", fn: "transfer_batch", n: 10000, more: [1n], ctor: [10n ** 30n],
    expected: (n) => word(10n ** 30n - n),
  },
];

// ---- 1. Tenet ----
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const unitToMicros = { ns: 1e-3, us: 1, ms: 1e3, s: 1e6 };

function runTenet() {
  if (!fs.existsSync(options.tenetBench)) {
    fail(`${options.tenetBench} does not exist: build it first (make build), or pass --tenet-bench PATH, ` +
         "or --peers-only for anvil's figures alone");
  }
  console.error(`running ${path.relative(process.cwd(), options.tenetBench)} (3 repetitions)…`);
  const result = spawnSync(options.tenetBench,
                           ["--benchmark_format=json", "--benchmark_repetitions=3"],
                           { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"] });
  if (result.status !== 0) fail(`${options.tenetBench} exited with ${result.status ?? result.signal}`);
  const report = JSON.parse(result.stdout);
  // Rows are named "<Contract>/O<level>/n:<n>"; one row per repetition.
  const rows = new Map();
  for (const row of report.benchmarks) {
    if (row.run_type !== "iteration") continue;
    const m = /^(\w+)\/(O\d)\/n:(\d+)$/.exec(row.run_name ?? row.name);
    if (!m) continue;
    const key = `${m[1]}/${m[2]}`;
    if (!rows.has(key)) rows.set(key, { n: Number(m[3]), wall: [], cpu: [], row });
    const entry = rows.get(key);
    if (row.error_occurred) {
      entry.error = row.error_message;
      continue;
    }
    entry.wall.push(row.real_time * unitToMicros[row.time_unit]);
    entry.cpu.push(row.cpu_time * unitToMicros[row.time_unit]);
    entry.row = row;
  }
  const tenet = {};
  for (const [key, entry] of rows) {
    tenet[key] = entry.error !== undefined
                     ? { n: entry.n, error: entry.error }
                     : { n: entry.n, wall: median(entry.wall), cpu: median(entry.cpu), gas: entry.row.gas,
                         output: entry.row.label };
  }
  for (const b of benchmarks) {
    const o2 = tenet[`${b.contract}/O2`] ?? tenet[`${b.contract}/O0`];
    if (!o2) fail(`the Tenet benchmark has no row for ${b.contract}`);
    b.n = o2.n;
  }
  return tenet;
}

// ---- 2. anvil ----
function compileSolidity() {
  const dir = path.join(here, "contracts");
  const sources = {};
  for (const b of benchmarks) {
    sources[`${b.contract}.sol`] = { content: fs.readFileSync(path.join(dir, `${b.contract}.sol`), "utf8") };
  }
  const input = {
    language: "Solidity",
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length) fail(`solc:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  for (const b of benchmarks) {
    const c = output.contracts[`${b.contract}.sol`][b.contract];
    b.abi = new ethers.Interface(c.abi);
    b.bytecode = "0x" + c.evm.bytecode.object;
  }
}

function freePort() {
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

const anvilGasLimit = 1_000_000_000_000n;

/// Spawns a JSON-RPC node (`name` for messages) and resolves once web3_clientVersion answers.
async function startServer(name, bin, args, url) {
  const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  let exited = null;
  child.on("exit", (code, signal) => { exited = code ?? signal; });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) fail(`${name} exited (${exited}) before answering: ${stderr.trim()}`);
    try {
      const version = await rawRpc(url, "web3_clientVersion", []);
      return { child, url, version };
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        fail(`${name} did not answer on ${url} within 30 s: ${stderr.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function startAnvil() {
  const port = await freePort();
  const bin = path.join(here, "node_modules/.bin/anvil");
  if (!fs.existsSync(bin)) fail(`${bin} is missing: run npm ci in ${here}`);
  // prague: the latest fork without EIP-7825's 2^24 cap on a transaction's gas.
  const args = ["--host", "127.0.0.1", "--port", String(port), "--quiet", "--hardfork", "prague",
                "--gas-limit", String(anvilGasLimit), "--disable-console-log"];
  return startServer("anvil", bin, args, `http://127.0.0.1:${port}`);
}

let rpcId = 0;
async function rawRpc(url, method, params) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: ++rpcId, method, params }),
  });
  const body = await response.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

const hex = (n) => "0x" + BigInt(n).toString(16);

async function receiptOf(rpc, hash) {
  for (let i = 0; i < 100; ++i) {
    const receipt = await rpc("eth_getTransactionReceipt", [hash]);
    if (receipt) return receipt;
    await new Promise((r) => setTimeout(r, 50));
  }
  fail(`no receipt for ${hash}`);
}

/// Gas of the call data and the transaction itself (EIP-2028), which Tenet's execution gas does not include.
function intrinsicGas(data) {
  const bytes = ethers.getBytes(data);
  let gas = 21000n;
  for (const b of bytes) gas += b === 0 ? 4n : 16n;
  return gas;
}

const clockTicksPerSecond = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/// CPU time (user + system, all threads) the process `pid` has used so far, in µs.
function cpuMicrosOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");  // fields from the 3rd (state) on
  return (Number(fields[11]) + Number(fields[12])) * 1e6 / clockTicksPerSecond;  // utime, stime
}

/// Calls `call` repeatedly for at least `minSeconds` and `minCalls` calls.
async function timeCalls(rpc, pid, call, minSeconds, minCalls) {
  for (let i = 0; i < 2; ++i) await rpc("eth_call", [call, "latest"]);  // warm-up
  const times = [];
  const start = process.hrtime.bigint();
  const cpuStart = cpuMicrosOf(pid);
  let output;
  while (times.length < minCalls || Number(process.hrtime.bigint() - start) / 1e9 < minSeconds) {
    const t0 = process.hrtime.bigint();
    output = await rpc("eth_call", [call, "latest"]);
    times.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  const cpu = (cpuMicrosOf(pid) - cpuStart) / times.length;
  return { wall: median(times), cpu, calls: times.length, output };
}

async function runAnvil() {
  compileSolidity();
  const anvil = await startAnvil();
  const rpc = (method, params) => rawRpc(anvil.url, method, params);
  try {
    const [from] = await rpc("eth_accounts", []);
    for (const b of benchmarks) {
      const data = b.bytecode + b.abi.encodeDeploy(b.ctor).slice(2);
      const hash = await rpc("eth_sendTransaction", [{ from, data, gas: hex(30_000_000) }]);
      const receipt = await receiptOf(rpc, hash);
      if (receipt.status !== "0x1") fail(`deploying ${b.contract} failed`);
      b.address = receipt.contractAddress;
    }
    const callOf = (b, n) => ({ from, to: b.address, data: b.abi.encodeFunctionData(b.fn, [n, ...b.more]),
                                gas: hex(anvilGasLimit) });

    const pid = anvil.child.pid;
    const empty = await timeCalls(rpc, pid, callOf(benchmarks[0], 0n), options.minTime, 100);
    const results = {};
    for (const b of benchmarks) {
      const call = callOf(b, BigInt(b.n));
      const snapshot = await rpc("evm_snapshot", []);
      const hash = await rpc("eth_sendTransaction", [{ ...call, gas: hex(10_000_000_000) }]);
      const receipt = await receiptOf(rpc, hash);
      await rpc("evm_revert", [snapshot]);
      if (receipt.status !== "0x1") fail(`the transaction calling ${b.contract}.${b.fn} failed`);
      const gas = BigInt(receipt.gasUsed) - intrinsicGas(call.data);
      const timed = await timeCalls(rpc, pid, call, options.minTime, 5);
      results[b.contract] = { gas: Number(gas), ...timed };
    }
    return { version: anvil.version, empty, results };
  } finally {
    anvil.child.kill("SIGTERM");
  }
}

// ---- 2b. tenet node (--tenet-node) ----
/// Starts `tenet node` on a free port with a block gas limit as large as anvil's.
async function startTenetNode() {
  const port = await freePort();
  const args = ["node", "--in-memory", "--host", "127.0.0.1", "--port", String(port), "--gas-limit", String(anvilGasLimit)];
  return startServer("tenet node", options.tenetNode, args, `http://127.0.0.1:${port}`);
}

/// The benchmark contracts built by `tenet build` (-O2): name → {abi, bytecode}.
function buildTenetContracts() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tenet-bench-contracts-"));
  fs.mkdirSync(path.join(dir, "src"));
  for (const b of benchmarks)
    fs.copyFileSync(path.join(repo, "bench/contracts", `${b.contract}.tn`), path.join(dir, "src", `${b.contract}.tn`));
  fs.writeFileSync(path.join(dir, "tenet.toml"), '[project]\nsrc = "src"\nout = "out"\noptimizer = 2\n');
  const built = spawnSync(options.tenetNode, ["build", "--root", dir], { encoding: "utf8" });
  if (built.status !== 0) fail(`tenet build failed: ${built.stdout}${built.stderr}`);
  const artifacts = {};
  for (const b of benchmarks) {
    const artifact = JSON.parse(fs.readFileSync(path.join(dir, "out", `${b.contract}.json`), "utf8"));
    artifacts[b.contract] = { abi: new ethers.Interface(artifact.abi), bytecode: artifact.bytecode };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return artifacts;
}

async function runTenetNode() {
  const artifacts = buildTenetContracts();
  const node = await startTenetNode();
  const rpc = (method, params) => rawRpc(node.url, method, params);
  try {
    const [from] = await rpc("eth_accounts", []);
    const address = {};
    for (const b of benchmarks) {
      const a = artifacts[b.contract];
      const data = a.bytecode + a.abi.encodeDeploy(b.ctor).slice(2);
      const hash = await rpc("eth_sendTransaction", [{ from, data, gas: hex(30_000_000) }]);
      const receipt = await receiptOf(rpc, hash);
      if (receipt.status !== "0x1") fail(`deploying ${b.contract} on tenet node failed`);
      address[b.contract] = receipt.contractAddress;
    }
    const callOf = (b, n) => ({ from, to: address[b.contract],
                                data: artifacts[b.contract].abi.encodeFunctionData(b.fn, [n, ...b.more]),
                                gas: hex(anvilGasLimit) });
    const pid = node.child.pid;
    const empty = await timeCalls(rpc, pid, callOf(benchmarks[0], 0n), options.minTime, 100);
    const results = {};
    for (const b of benchmarks) results[b.contract] = await timeCalls(rpc, pid, callOf(b, BigInt(b.n)), options.minTime, 5);
    return { version: node.version, empty, results };
  } finally {
    node.child.kill("SIGTERM");
  }
}

// ---- 3. The table ----
function formatMicros(us) {
  if (us === undefined) return "—";
  if (us >= 1000) return `${(us / 1000).toFixed(2)} ms`;
  return `${us.toFixed(1)} µs`;
}

const tenet = options.peersOnly ? null : runTenet();
const peers = await runAnvil();
const tenetNode = options.tenetNode ? await runTenetNode() : null;

const header = ["benchmark", "n", "Tenet gas O0", "Tenet gas O2", "Tenet time/call O0", "Tenet time/call O2",
                "anvil (revm) gas", "anvil time/call", "anvil ÷ Tenet O2",
                ...(tenetNode ? ["tenet node time/call", "anvil ÷ tenet node"] : []), "correct result"];
const table = [];
const mismatches = [];
for (const b of benchmarks) {
  const o0 = tenet?.[`${b.contract}/O0`];
  const o2 = tenet?.[`${b.contract}/O2`];
  const peer = peers.results[b.contract];
  const clock = options.clock;
  const anvilMicros = peer[clock] - peers.empty[clock];
  const cell = (r, f) => (!r ? "—" : r.error !== undefined ? "error" : f(r));
  const expected = b.expected(BigInt(b.n));
  const outputs = [["anvil", peer.output]];
  const viaNode = tenetNode?.results[b.contract];
  if (viaNode) outputs.push(["tenet node", viaNode.output]);
  const nodeMicros = viaNode ? viaNode[clock] - tenetNode.empty[clock] : undefined;
  for (const [level, r] of [["O0", o0], ["O2", o2]]) {
    if (r && r.error === undefined) outputs.push([`Tenet ${level}`, r.output]);
  }
  const wrong = outputs.filter(([, output]) => output !== expected);
  for (const [who, output] of wrong) mismatches.push(`${b.contract}: ${who} returned ${output}, expected ${expected}`);
  const short = (list) => list.map(([who]) => who.replace("Tenet ", "")).join(", ");
  const same = wrong.length ? `WRONG: ${short(wrong)}` : short(outputs);
  table.push([
    `${b.contract}.${b.fn}`, String(b.n),
    cell(o0, (r) => String(r.gas)), cell(o2, (r) => String(r.gas)),
    cell(o0, (r) => formatMicros(r[clock])), cell(o2, (r) => formatMicros(r[clock])),
    String(peer.gas), formatMicros(anvilMicros),
    cell(o2, (r) => `${(anvilMicros / r[clock]).toFixed(2)}×`),
    ...(tenetNode ? [formatMicros(nodeMicros), `${(anvilMicros / nodeMicros).toFixed(2)}×`] : []), same,
  ]);
}

const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
console.log(`anvil: ${peers.version}, solc ${solc.version()} (optimizer on, 200 runs), hardfork prague`);
const clockName = options.clock === "cpu" ? "CPU time" : "wall-clock time";
console.log(`times: ${clockName} per call (--clock ${options.clock}); load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`anvil empty call (ArithLoop.loop(0)) = ${formatMicros(peers.empty[options.clock])} ${clockName} per call ` +
            `(${peers.empty.calls} calls), subtracted from anvil's times`);
if (tenetNode) {
  console.log(`tenet node: ${tenetNode.version} --in-memory; empty call = ${formatMicros(tenetNode.empty[options.clock])} ` +
              `${clockName} per call (${tenetNode.empty.calls} calls), subtracted from its times`);
}
console.log("gas: execution gas only (anvil: receipt gasUsed minus 21000 and call-data gas)");
console.log("");
console.log(line(header));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
for (const row of table) console.log(line(row));
for (const [key, r] of Object.entries(tenet ?? {})) {
  if (r.error !== undefined) console.log(`\nTenet ${key}: ${r.error}`);
}
if (options.json) {
  fs.writeFileSync(options.json, JSON.stringify({ header, table, tenet, anvil: peers, tenetNode }, null, 2) + "\n");
}
if (mismatches.length) fail(`different results:\n${mismatches.join("\n")}`);
