// Turns the conformance cases (tests/conformance/cases/*.json, format in
// tests/conformance/README.md) into concrete expectations for the C++ harness
// (tests/conformance/conformance_test.cpp): call data, expected return data or revert
// data, expected logs (topics and data) and balances, all as hex, computed by ethers.js
// (Interface, AbiCoder, id, keccak256, sha256, getCreateAddress, SigningKey) — never by
// the Tenet compiler's own encoder.
//
// Usage: node conformance_expect.mjs CASES_DIR OUT.json
// Exit 1 (with the case named) when a case is malformed or ethers rejects a value.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  AbiCoder,
  ErrorFragment,
  EventFragment,
  FunctionFragment,
  Interface,
  SigningKey,
  computeAddress,
  concat,
  dataSlice,
  getAddress,
  getBytes,
  getCreateAddress,
  hexlify,
  id,
  keccak256,
  sha256,
  solidityPacked,
  toUtf8Bytes,
  zeroPadValue,
} from "ethers";

const coder = AbiCoder.defaultAbiCoder();

// ---- The environment the harness sets up (it reads these values from the output) ----
const SENDER = getAddress("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
const ALICE = getAddress("0x00000000000000000000000000000000000a11ce");
const BOB = getAddress("0x0000000000000000000000000000000000000b0b");
const COINBASE = getAddress("0x000000000000000000000000000000000000c0de");
const ENV = {
  accounts: {
    sender: { address: SENDER, balance: (10n ** 27n).toString() },
    alice: { address: ALICE, balance: (10n ** 24n).toString() },
    bob: { address: BOB, balance: "0" },
  },
  block: {
    number: "4242",
    timestamp: "1700000000",
    chain_id: "31337",
    coinbase: COINBASE,
    gas_limit: "30000000",
    gas_price: "7",
    base_fee: "0",
    difficulty: "1",
  },
  deploy_gas: 30000000,
  call_gas: 30000000,
};
// Every case deploys its contract from `sender` as the first transaction of a fresh
// state, so the contract's address is CREATE(sender, 0); contracts it deploys with
// `new` get CREATE(contract, 1), CREATE(contract, 2), … (a contract's nonce starts at 1).
const SELF = getCreateAddress({ from: SENDER, nonce: 0 });

// A fixed key for the ecrecover cases: "$sig.digest", "$sig.v", "$sig.r", "$sig.s",
// "$sig.signer".
const KEY = new SigningKey("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
const DIGEST = keccak256(toUtf8Bytes("tenet conformance"));
const SIG = KEY.sign(DIGEST);
const NAMED = {
  $self: SELF,
  $sender: SENDER,
  $alice: ALICE,
  $bob: BOB,
  $coinbase: COINBASE,
  $zero: "0x0000000000000000000000000000000000000000",
  "$sig.digest": DIGEST,
  "$sig.v": SIG.v,
  "$sig.r": SIG.r,
  "$sig.s": SIG.s,
  "$sig.signer": computeAddress(KEY.publicKey),
};

class CaseError extends Error {}

function named(name) {
  if (name in NAMED) return NAMED[name];
  // $create:<$address>:<nonce> — the address CREATE gives.
  const m = /^\$create:(\$[a-z.]+):(\d+)$/.exec(name);
  if (m) return getCreateAddress({ from: named(m[1]), nonce: Number(m[2]) });
  throw new CaseError(`unknown name ${name}`);
}

// Integers may be written as JSON numbers, decimal or 0x strings, or "2**N", "2**N-K",
// "-2**N", "-2**N+K", "-2**N-K".
function bigintOf(text) {
  const m = /^(-?)2\*\*(\d+)(?:([+-])(\d+))?$/.exec(text);
  if (!m) return null;
  let v = 2n ** BigInt(m[2]);
  if (m[1]) v = -v;
  if (m[3]) v = m[3] === "+" ? v + BigInt(m[4]) : v - BigInt(m[4]);
  return v;
}

// Resolves the small expression language of the cases: names ("$self"), powers of two,
// and objects computed by ethers: {"utf8": s}, {"hex": h}, {"keccak": x}, {"sha256": x},
// {"abi": {"types": [...], "values": [...]}}, {"concat": [...]}, {"selector": "f(uint256)"},
// {"topic": "E(uint256)"}, {"pad32": x}, {"packed": {"types": [...], "values": [...]}}
// (Solidity's packed encoding), {"slice": [x, from, to]} (bytes from..to of x).
function resolve(v) {
  if (Array.isArray(v)) return v.map(resolve);
  if (typeof v === "string") {
    if (v.startsWith("$")) return named(v);
    const big = bigintOf(v);
    return big === null ? v : big;
  }
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length !== 1) {
      // A plain object: a struct given by field names (ethers accepts named tuples).
      return Object.fromEntries(keys.map((k) => [k, resolve(v[k])]));
    }
    const [k] = keys;
    const x = v[k];
    switch (k) {
      case "utf8": return hexlify(toUtf8Bytes(x));
      case "hex": return hexlify(x);
      case "keccak": return keccak256(bytesOf(x));
      case "sha256": return sha256(bytesOf(x));
      case "abi": return coder.encode(x.types, resolve(x.values));
      case "concat": return concat(x.map(bytesOf));
      case "selector": return id(x).slice(0, 10);
      case "topic": return id(x);
      case "pad32": return zeroPadValue(bytesOf(x), 32);
      case "packed": return solidityPacked(x.types, resolve(x.values));
      case "slice": return dataSlice(bytesOf(x[0]), x[1], x[2]);
      default: return { [k]: resolve(x) };
    }
  }
  return v;
}

function bytesOf(x) {
  const r = resolve(x);
  if (typeof r === "string" && r.startsWith("0x")) return getBytes(r);
  if (typeof r === "string") return toUtf8Bytes(r);
  throw new CaseError(`not a byte string: ${JSON.stringify(x)}`);
}

function wei(x) {
  if (x === undefined) return "0";
  const r = resolve(x);
  return BigInt(r).toString();
}

// {"any": true} (revert data not fixed by language.md) gives null: only the status is checked.
function revertData(rev) {
  if (rev.any) return null;
  if (rev.empty) return "0x";
  if (rev.panic !== undefined) return concat([id("Panic(uint256)").slice(0, 10), coder.encode(["uint256"], [rev.panic])]);
  if (rev.error !== undefined) return concat([id("Error(string)").slice(0, 10), coder.encode(["string"], [rev.error])]);
  if (rev.custom !== undefined) {
    const iface = new Interface([ErrorFragment.from(`error ${rev.custom}`)]);
    return iface.encodeErrorResult(iface.fragments[0], resolve(rev.values ?? []));
  }
  if (rev.hex !== undefined) return hexlify(resolve(rev.hex));
  throw new CaseError(`unknown revert form ${JSON.stringify(rev)}`);
}

function logsOf(logs) {
  return (logs ?? []).map((log) => {
    const fragment = EventFragment.from(`event ${log.event}`);
    const iface = new Interface([fragment]);
    const { data, topics } = iface.encodeEventLog(fragment, resolve(log.values ?? []));
    return { address: log.address ? named(log.address) : SELF, topics, data };
  });
}

function balancesOf(b) {
  if (!b) return {};
  return Object.fromEntries(Object.entries(b).map(([who, v]) => [named(who), wei(v)]));
}

function account(from) {
  if (from === undefined) return SENDER;
  const a = ENV.accounts[from.replace(/^\$/, "")];
  if (!a) throw new CaseError(`unknown sender ${from}`);
  return a.address;
}

function expandCall(functions, call) {
  if (call.fn !== undefined) {
    if (call.sig !== undefined) throw new CaseError(`both "fn" and "sig" given`);
    if (!(call.fn in functions)) throw new CaseError(`"fn": "${call.fn}" is not in the file's "functions"`);
    call = { ...call, sig: functions[call.fn] };
  }
  const out = {
    label: call.label ?? call.sig ?? "raw call data",
    from: account(call.from),
    value: wei(call.value),
    gas: call.gas ?? ENV.call_gas,
  };
  if (call.raw_calldata !== undefined) {
    out.calldata = hexlify(resolve(call.raw_calldata));
  } else {
    const fragment = FunctionFragment.from(`function ${call.sig}`);
    const iface = new Interface([fragment]);
    if (call.args_hex !== undefined) out.calldata = concat([fragment.selector, resolve(call.args_hex)]);
    else out.calldata = iface.encodeFunctionData(fragment, resolve(call.args ?? []));
    if (call.revert === undefined && !call.out_of_gas && call.returns_hex === undefined) {
      if (fragment.outputs.length > 0 && call.returns === undefined)
        throw new CaseError(`${call.sig}: "returns" missing for a function with results`);
      if (call.returns !== undefined) out.output = iface.encodeFunctionResult(fragment, resolve(call.returns));
    }
  }
  if (call.out_of_gas) {
    if (call.revert !== undefined || call.returns !== undefined) throw new CaseError(`out_of_gas with a result`);
    out.status = "out-of-gas";
    out.output = "0x";
  } else if (call.revert !== undefined) {
    out.status = "revert";
    out.output = revertData(call.revert);
    if (call.logs) throw new CaseError(`${out.label}: a reverted call has no logs`);
  } else {
    out.status = "success";
    if (call.returns_hex !== undefined) out.output = hexlify(resolve(call.returns_hex));
    if (out.output === undefined) {
      if (call.returns !== undefined) throw new CaseError(`${out.label}: "returns" for a raw call`);
      out.output = "0x";
    }
  }
  out.logs = logsOf(call.logs);
  out.balances = balancesOf(call.balances);
  if (call.gas_max !== undefined) out.gas_max = call.gas_max;
  return out;
}

// A case is either {"calls": [...]} or one call written inline (fields "fn"/"sig"/
// "raw_calldata", "args", "returns", "revert", … at the case level).
const CALL_FIELDS = ["fn", "sig", "raw_calldata", "args_hex", "args", "returns", "returns_hex", "revert", "out_of_gas", "logs",
                     "balances", "gas_max", "gas", "value", "from", "label"];
function callsOf(c) {
  const inline = CALL_FIELDS.filter((k) => c[k] !== undefined);
  if (inline.length === 0) return c.calls ?? [];
  if (c.calls !== undefined) throw new CaseError(`both "calls" and inline call fields (${inline.join(", ")})`);
  return [Object.fromEntries(inline.map((k) => [k, c[k]]))];
}

function expandCase(file, defaults, c) {
  if (!/^[a-z0-9_]+$/.test(c.name)) throw new CaseError(`case name "${c.name}" must match [a-z0-9_]+`);
  const program = c.program ?? defaults.program;
  const contract = c.contract ?? defaults.contract;
  if (!program || !contract) throw new CaseError(`no program/contract`);
  const ctor = c.ctor ?? {};
  const out = {
    name: `${file}_${c.name}`,
    program,
    contract,
    ctor_args: coder.encode(ctor.types ?? [], resolve(ctor.values ?? [])),
    ctor_value: wei(ctor.value),
    ctor_status: ctor.revert ? "revert" : "success",
    ctor_output: ctor.revert ? revertData(ctor.revert) : "0x",
    ctor_logs: logsOf(ctor.logs),
    calls: callsOf(c).map((call) => expandCall(defaults.functions ?? {}, call)),
  };
  if (ctor.revert && out.calls.length > 0) throw new CaseError(`calls after a failing constructor`);
  return out;
}

const [casesDir, outFile] = process.argv.slice(2);
if (!casesDir || !outFile) {
  console.error("usage: node conformance_expect.mjs CASES_DIR OUT.json");
  process.exit(2);
}
const cases = [];
const names = new Set();
let failed = false;
for (const entry of readdirSync(casesDir).filter((f) => f.endsWith(".json")).sort()) {
  const file = entry.replace(/\.json$/, "");
  let json;
  try {
    json = JSON.parse(readFileSync(join(casesDir, entry), "utf8"));
  } catch (err) {
    console.error(`${entry}: ${err.message}`);
    failed = true;
    continue;
  }
  for (const c of json.cases) {
    try {
      const x = expandCase(file, json, c);
      if (names.has(x.name)) throw new CaseError(`duplicate case name ${x.name}`);
      names.add(x.name);
      cases.push(x);
    } catch (err) {
      console.error(`${entry}: case ${c.name}: ${err.message}`);
      failed = true;
    }
  }
}
if (failed) process.exit(1);
const env = { ...ENV, self: SELF };
writeFileSync(outFile, JSON.stringify({ env, cases }, null, 1) + "\n");
console.log(`conformance expectations: ${cases.length} cases, ${cases.reduce((n, c) => n + c.calls.length, 0)} calls -> ${outFile}`);
