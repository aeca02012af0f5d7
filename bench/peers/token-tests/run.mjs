#!/usr/bin/env node
// The token test suite run by `tenet test` and by forge, side by side in one run
// (README.md): seven unit tests and one fuzz test of 256 runs, the same in both.
//
//   node run.mjs [--tenet PATH] [--forge-only] [--reps N] [--json FILE]
//
// Four wall-clock figures, best of N (default 3), the four measured in turn in each round:
//   tenet clean  `rm -rf cache out` in tenet/, then `tenet test`
//   tenet warm   `tenet test` again (nothing changed: no compilation)
//   forge clean  `rm -rf cache out` in forge/, then `forge test`
//   forge warm   `forge test` again
// forge runs offline with ../solc-shim/solc (solc-js, pinned) as its solc, so its clean
// time includes compiling with solc-js (WebAssembly, slower than a native solc: the
// figure is printed too, from forge's own "Solc … finished in" line).
// Every run must pass all eight tests (each tool's summary says "8 tests passed, 0 failed");
// the script exits 1 otherwise.
// Goals (issue 10): tenet clean ≤ 0.2 × forge clean, tenet warm ≤ 0.5 × forge warm.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const tenetProject = path.join(here, "tenet");
const forgeProject = path.join(here, "forge");
const forgeBin = path.join(here, "forge-bin/node_modules/@foundry-rs/forge-linux-amd64/bin/forge");
const solcShim = path.join(here, "solc-shim/solc");
const kTests = 8;
/// Both tools end with this summary when every test passed.
const kPassed = new RegExp(`\\b${kTests} tests passed, 0 failed`);
const kGoals = { clean: 0.2, warm: 0.5 };

const options = { tenet: path.join(repo, "build/release/cli/tenet"), forgeOnly: false, reps: 3, json: null };
for (let i = 2; i < process.argv.length; ++i) {
  const arg = process.argv[i];
  const value = () => {
    if (i + 1 >= process.argv.length) usage(`${arg} needs a value`);
    return process.argv[++i];
  };
  if (arg === "--tenet") options.tenet = path.resolve(value());
  else if (arg === "--forge-only") options.forgeOnly = true;
  else if (arg === "--reps") options.reps = Number(value());
  else if (arg === "--json") options.json = path.resolve(value());
  else usage(`unknown option ${arg}`);
}
if (!Number.isInteger(options.reps) || options.reps < 1) usage("--reps needs a whole number ≥ 1");

function usage(message) {
  console.error(`run.mjs: ${message}`);
  console.error("usage: node run.mjs [--tenet PATH] [--forge-only] [--reps N] [--json FILE]");
  process.exit(2);
}

function fail(message) {
  console.error(`run.mjs: ${message}`);
  process.exit(1);
}

/// Runs `command args` in `cwd`; returns its output and wall-clock seconds. Fails unless it
/// exits 0.
function timed(cwd, command, args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) fail(`${command}: ${r.error.message}`);
  if (r.status !== 0)
    fail(`${path.basename(command)} ${args.join(" ")} (in ${cwd}) exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return { seconds, out: r.stdout + r.stderr };
}

const clean = (dir) => {
  for (const d of ["cache", "out"]) fs.rmSync(path.join(dir, d), { recursive: true, force: true });
};

// ---- The two tools ----
const tools = [];
if (!options.forgeOnly) {
  if (!fs.existsSync(options.tenet)) fail(`${options.tenet} not found (build it: make build)`);
  tools.push({
    name: "tenet",
    dir: tenetProject,
    run: () => timed(tenetProject, options.tenet, ["test"]),
  });
}
if (!fs.existsSync(forgeBin)) fail(`${forgeBin} not found (cd forge-bin && npm ci)`);
if (!fs.existsSync(path.join(here, "solc-shim/node_modules/solc"))) fail("solc-js not installed (cd solc-shim && npm ci)");
timed(here, solcShim, ["--check-version"]);
const forgeArgs = ["test", "--offline", "--use", solcShim];
tools.push({
  name: "forge",
  dir: forgeProject,
  run: () => timed(forgeProject, forgeBin, forgeArgs),
});

// ---- Measure ----
const best = {};
const solcSeconds = [];
const load = os.loadavg()[0];
for (let rep = 0; rep < options.reps; ++rep) {
  for (const tool of tools) {
    clean(tool.dir);
    const cold = tool.run();
    const warm = tool.run();
    for (const r of [cold, warm])
      if (!kPassed.test(r.out)) fail(`${tool.name} test did not pass the ${kTests} tests:\n${r.out}`);
    if (tool.name === "forge") {
      const m = /Solc [^\n]* finished in ([0-9.]+)(ms|s)/.exec(cold.out);
      if (m) solcSeconds.push(Number(m[1]) / (m[2] === "ms" ? 1000 : 1));
    }
    // Both tools say "No files changed, compilation skipped" when they compile nothing.
    if (!/No files changed, compilation skipped/.test(warm.out)) fail(`${tool.name}'s warm run compiled again:\n${warm.out}`);
    for (const [kind, r] of [["clean", cold], ["warm", warm]]) {
      const key = `${tool.name} ${kind}`;
      best[key] = Math.min(best[key] ?? Infinity, r.seconds);
    }
  }
}

// ---- Report ----
const version = (command, args) => spawnSync(command, args, { encoding: "utf8" }).stdout.split("\n")[0].trim();
console.log(`token test suite: ${kTests - 1} unit tests + 1 fuzz test of 256 runs; wall clock, best of ${options.reps}; ` +
            `load average ${load.toFixed(2)} on ${os.cpus().length} cores`);
console.log(`forge: ${version(forgeBin, ["--version"])}, solc-js ${version(solcShim, ["--check-version"])}`);
const fmt = (s) => (s === undefined ? "—" : `${s.toFixed(3)} s`);
console.log("");
console.log("| run | tenet | forge | tenet / forge | goal |");
console.log("|---|---:|---:|---:|---:|");
const ratios = {};
for (const kind of ["clean", "warm"]) {
  const t = best[`tenet ${kind}`];
  const f = best[`forge ${kind}`];
  const ratio = t !== undefined ? t / f : undefined;
  ratios[kind] = ratio;
  const verdict = ratio === undefined ? "" : ratio <= kGoals[kind] ? " (met)" : " (not met)";
  console.log(`| ${kind} | ${fmt(t)} | ${fmt(f)} | ${ratio === undefined ? "—" : ratio.toFixed(3) + "×"} | ≤ ${kGoals[kind]}×${verdict} |`);
}
if (solcSeconds.length) {
  const s = Math.min(...solcSeconds);
  console.log("");
  console.log(`forge clean includes solc-js compiling the two files: ${s.toFixed(3)} s of it (forge's own figure, best ` +
              `of ${solcSeconds.length}); forge clean without it: ${(best["forge clean"] - s).toFixed(3)} s`);
  const t = best["tenet clean"];
  if (t !== undefined)
    console.log(`tenet clean / (forge clean − solc-js) = ${(t / (best["forge clean"] - s)).toFixed(3)}× ` +
                "(as if forge had a compiler that took no time)");
}
if (options.json) {
  fs.writeFileSync(options.json, JSON.stringify({ best_seconds: best, ratios, goals: kGoals, solc_seconds: solcSeconds,
                                                  reps: options.reps, load_average: load }, null, 2) + "\n");
}
