// Prints what ethers.js (v6) reads from ABI JSON files, one fragment per line, sorted:
//
//   function transfer(address,uint256) 0xa9059cbb nonpayable returns (bool)
//   event Transfer(address,address,uint256) 0xddf252ad… indexed 0,1
//   error InsufficientBalance(uint256,uint256) 0x…
//   constructor(uint256)
//   receive
//
// Each file holds what `tenet compile --emit abi` prints: one contract's ABI array, or
// an object {ContractName: abi, …} when a file has several contracts (then every line
// starts with "ContractName "). `tenet compile --emit selectors` prints the same lines
// from the compiler's own computation; tests/cli/ethers_abi.sh compares the two.
// (ethers v6 reads a constructor's payability from a legacy `payable` key, not from
// `stateMutability`, so constructor lines show only the parameter types.)
// Usage: node check_abi.mjs FILE.json… (exit 1 if ethers rejects an ABI).
import { readFileSync } from "node:fs";
import { Interface } from "ethers";

function describe(abi) {
  const iface = new Interface(abi);
  const lines = [];
  const types = (params) => params.map((p) => p.format("sighash")).join(",");
  iface.forEachFunction((f) => {
    lines.push(`function ${f.format("sighash")} ${f.selector} ${f.stateMutability} returns (${types(f.outputs)})`);
  });
  iface.forEachEvent((e) => {
    const indexed = e.inputs.flatMap((p, i) => (p.indexed ? [i] : []));
    lines.push(`event ${e.format("sighash")} ${e.topicHash} indexed ${indexed.join(",")}`.trimEnd());
  });
  iface.forEachError((e) => lines.push(`error ${e.format("sighash")} ${e.selector}`));
  if (abi.some((entry) => entry.type === "constructor"))
    lines.push(`constructor(${types(iface.deploy.inputs)})`);
  if (iface.receive) lines.push("receive");
  return lines;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const json = JSON.parse(readFileSync(file, "utf8"));
    const contracts = Array.isArray(json) ? [["", json]] : Object.entries(json);
    const lines = contracts.flatMap(([name, abi]) => describe(abi).map((l) => (name ? `${name} ${l}` : l)));
    lines.sort();
    for (const line of lines) console.log(line);
  } catch (err) {
    console.error(`${file}: ethers rejected the ABI: ${err.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
