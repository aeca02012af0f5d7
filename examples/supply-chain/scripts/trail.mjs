// Reads a SupplyChain's product and its full trail with ethers v6, lists the contract's
// events decoded by its ABI, and verifies one storage value with eth_getProof without
// trusting the node: the Merkle-Patricia proofs are walked here from the block's stateRoot.
//
// Usage: node examples/supply-chain/scripts/trail.mjs RPC_URL CONTRACT_ADDRESS [PRODUCT_ID]
//   (PRODUCT_ID defaults to the last product created). Run `npm install` in this directory
//   once, and `tenet build --root examples/supply-chain` (or scenario.sh) for the artifact.
// Exit status: 0 when everything read and verified, 1 on any error or mismatch.
import { readFileSync } from "node:fs";
import { ethers } from "ethers";

// The contract's enums, in the order of src/supply_chain.tn (the ABI says only "uint8").
const STATUS = ["Created", "InTransit", "Delivered", "Sold", "Recalled"];
const ROLE = ["None", "Manufacturer", "Distributor", "Retailer", "Regulator"];

/** Stops the script with `message` (exit status 1) unless `ok`. */
function check(ok, message) {
  if (!ok) throw new Error(message);
}

// ---------------------------------------------------------------------------------------
// A Merkle-Patricia trie proof verifier (Yellow Paper, appendix D; EIP-1186 proofs).
//
// A trie node is the RLP of a list: a *branch* has 17 items (one child per next nibble of
// the key, then a value), a *leaf* or *extension* has 2 (a hex-prefix encoded path
// segment, then the value or the child). A child is referenced by the keccak256 of its
// RLP, or embedded as the list itself when its RLP is shorter than 32 bytes. A proof is
// the list of nodes on the path from the root to the key; every reference followed must
// be the hash of a node in the proof, so the value found is the one committed to by the
// root hash. Keys of the state and storage tries are keccak256 of the address or slot.

const EMPTY_TRIE_ROOT = ethers.keccak256(ethers.encodeRlp("0x"));

/** The nibbles (half-bytes, high first) of a hex string. */
function nibbles(hex) {
  return [...ethers.getBytes(hex)].flatMap((b) => [b >> 4, b & 0x0f]);
}

/**
 * Walks `proof` (hex-encoded RLP nodes) from `root` along `key` (hex). Returns the value
 * stored under the key (hex RLP), or null when the proof shows that the key is absent.
 * Throws when the proof does not connect to the root.
 */
function verifyTrieProof(root, key, proof) {
  // Every node of the proof, by its hash: references are followed only through these.
  const nodes = new Map(proof.map((encoded) => [ethers.keccak256(encoded), encoded]));
  const resolve = (reference) => {
    if (Array.isArray(reference)) return reference; // embedded node (RLP < 32 bytes)
    const encoded = nodes.get(reference);
    check(encoded !== undefined, `proof mismatch: no proof node hashes to ${reference}`);
    return ethers.decodeRlp(encoded);
  };
  if (root === EMPTY_TRIE_ROOT) return null; // an empty trie holds no key

  let path = nibbles(key);
  let node = resolve(root);
  for (;;) {
    check(Array.isArray(node), "proof mismatch: a trie node must be a list");
    if (node.length === 17) {
      // Branch: the key ends here (its value is item 16) or goes on to child path[0].
      if (path.length === 0) return node[16] === "0x" ? null : node[16];
      const child = node[path[0]];
      if (child === "0x") return null; // no child: the key is absent
      path = path.slice(1);
      node = resolve(child);
      continue;
    }
    check(node.length === 2, "proof mismatch: a trie node has 2 or 17 items");
    // Hex-prefix encoding: the first nibble's bit 2 marks a leaf, bit 1 an odd length
    // (then the segment starts right after it, else after one padding nibble).
    const encodedPath = nibbles(node[0]);
    const isLeaf = (encodedPath[0] & 2) !== 0;
    const segment = encodedPath.slice(encodedPath[0] & 1 ? 1 : 2);
    const matches = segment.every((n, i) => path[i] === n);
    if (isLeaf) return matches && segment.length === path.length ? node[1] : null;
    if (!matches) return null; // the extension leads elsewhere: the key is absent
    path = path.slice(segment.length);
    node = resolve(node[1]);
  }
}

/** An RLP integer (minimal big-endian bytes, empty for zero) as a BigInt. */
const rlpInt = (hex) => (hex === "0x" ? 0n : BigInt(hex));

/** keccak256 of the RLP of a London block header, from an eth_getBlockByNumber answer. */
function headerHash(b) {
  const q = (v) => (BigInt(v) === 0n ? "0x" : ethers.toBeHex(BigInt(v)));
  return ethers.keccak256(ethers.encodeRlp([
    b.parentHash, b.sha3Uncles, b.miner, b.stateRoot, b.transactionsRoot, b.receiptsRoot,
    b.logsBloom, q(b.difficulty), q(b.number), q(b.gasLimit), q(b.gasUsed), q(b.timestamp),
    b.extraData, b.mixHash, b.nonce, q(b.baseFeePerGas),
  ]));
}

// ---------------------------------------------------------------------------------------

const short = (a) => `${a.slice(0, 6)}…${a.slice(-4)}`;
const when = (t) => new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");

/** An event's arguments as `name=value`, enums by name. */
function formatArgs(fragment, args) {
  return fragment.inputs.map((input, i) => {
    let value = args[i];
    if (input.name === "role") value = ROLE[Number(value)];
    else if (typeof value === "string" && !value.startsWith("0x")) value = JSON.stringify(value);
    else if (value?.hash) value = `keccak ${value.hash}`; // an indexed string: its hash only
    return `${input.name}=${value}`;
  }).join(", ");
}

async function main() {
  const [rpcUrl, address, productArg] = process.argv.slice(2);
  if (!rpcUrl || !address || !ethers.isAddress(address)) {
    console.error("usage: node trail.mjs RPC_URL CONTRACT_ADDRESS [PRODUCT_ID]");
    process.exit(2);
  }
  // The artifact `tenet build` writes: ABI, bytecode and storage layout.
  const artifactPath = new URL("../out/SupplyChain.json", import.meta.url);
  const artifact = JSON.parse(readFileSync(artifactPath, "utf8"));

  const provider = new ethers.JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  const contract = new ethers.Contract(address, artifact.abi, provider);
  check((await provider.getCode(address)) !== "0x", `no contract at ${address}`);

  // Pin every read to one block, so the trail, the events and the proof agree.
  const block = await provider.send("eth_getBlockByNumber", ["latest", false]);
  const at = { blockTag: Number(block.number) };
  const count = await contract.product_count(at);
  const id = productArg === undefined ? count : BigInt(productArg);
  check(id >= 1n && id <= count, `no product ${id} (the contract has ${count})`);
  console.log(`SupplyChain at ${address}, block ${Number(block.number)}, ${count} product(s)`);

  // The product: the `products(id)` getter returns its fields (not the trail).
  const [name, batch, manufacturer, custodian, pending, status] = await contract.products(id, at);
  console.log(`\nproduct ${id}: ${JSON.stringify(name)}`);
  console.log(`  batch         ${batch}`);
  console.log(`  manufacturer  ${manufacturer}`);
  console.log(`  custodian     ${custodian}`);
  if (pending !== ethers.ZeroAddress) console.log(`  shipped to    ${pending}`);
  console.log(`  status        ${STATUS[Number(status)]}`);

  // The full trail in one call: `trail(id)` returns an array of Step structs.
  const trail = await contract.trail(id, at);
  console.log(`\ntrail (${trail.length} steps):`);
  trail.forEach((step, i) => {
    console.log(`  #${i}  ${STATUS[Number(step.status)].padEnd(9)}  by ${short(step.actor)}`
      + `  custodian ${short(step.custodian)}  block ${step.block}  ${when(step.timestamp)}`);
  });
  check(BigInt(trail.length) === (await contract.history_length(id, at)), "trail length");

  // Every event of the contract, decoded by the artifact's ABI (an explorer's view).
  const events = await contract.queryFilter("*", 0, Number(block.number));
  console.log(`\nevents (${events.length}):`);
  for (const e of events) {
    const text = e.fragment ? `${e.fragment.name}(${formatArgs(e.fragment, e.args)})`
      : `unknown log ${e.topics[0]}`;
    console.log(`  block ${e.blockNumber}  ${text}`);
  }
  const ours = events.filter((e) => e.fragment?.inputs.some((input) => input.name === "product")
    && e.args.product === id);
  console.log(`  (${ours.length} of them about product ${id})`);

  // ---- eth_getProof: prove `product_count` from the block's state root.
  // Its slot comes from the artifact's storage layout (components' fields come first).
  const field = artifact.storageLayout.find((f) => f.name === "product_count");
  check(field !== undefined, "no product_count in the storage layout");
  const slot = ethers.toBeHex(field.slot, 32);

  // The block: its hash is keccak256 of its header, which holds the stateRoot.
  check(headerHash(block) === block.hash, `proof mismatch: the header of block ${Number(block.number)} does not hash to ${block.hash}`);

  const proof = await provider.send("eth_getProof", [address, [slot], block.number]);

  // 1. The account: key keccak256(address) in the state trie; value RLP [nonce, balance,
  //    storageRoot, codeHash].
  const accountRlp = verifyTrieProof(block.stateRoot, ethers.keccak256(address), proof.accountProof);
  check(accountRlp !== null, "proof mismatch: the account proof shows no account at this address");
  const [nonce, balance, storageRoot, codeHash] = ethers.decodeRlp(accountRlp);
  check(rlpInt(nonce) === BigInt(proof.nonce), "proof mismatch: the proven nonce is not the node's");
  check(rlpInt(balance) === BigInt(proof.balance), "proof mismatch: the proven balance is not the node's");
  check(storageRoot === proof.storageHash, "proof mismatch: the proven storage root is not the node's storageHash");
  const code = await provider.getCode(address, Number(block.number));
  check(codeHash === ethers.keccak256(code), "proof mismatch: the proven codeHash is not keccak256 of eth_getCode");

  // 2. The slot: key keccak256(slot) in the account's storage trie; value RLP of the
  //    integer (an absent key means zero).
  const [storage] = proof.storageProof;
  const valueRlp = verifyTrieProof(storageRoot, ethers.keccak256(slot), storage.proof);
  const proven = valueRlp === null ? 0n : rlpInt(ethers.decodeRlp(valueRlp));
  check(proven === BigInt(storage.value), `proof mismatch: the node claims ${BigInt(storage.value)}, the proof holds ${proven}`);

  // 3. The same value through the contract's getter (eth_call at the same block).
  check(proven === count, `proof mismatch: eth_call says product_count = ${count}, the proof holds ${proven}`);
  console.log(`\nproof verified: slot ${field.slot} (product_count) = ${proven}`
    + ` at block ${Number(block.number)} (stateRoot ${block.stateRoot})`);
}

main().catch((error) => {
  console.error(`error: ${error.shortMessage ?? error.message}`);
  process.exit(1);
});
