// Bad input, one test each: the JSON-RPC error code and the phrase of toolchain.md §4's error
// table, the state unchanged, the node still answering. The suite's truth is §4: where anvil
// answers otherwise, the test keeps §4's assertion and is skipped against anvil with a reason
// quoting anvil's answer (anvil only validates the harness).
import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { ethers } from "ethers";
import { CHAIN_ID, DEV0, DEV1, NODE_KIND, postRaw, rpc, startNode } from "./support/node_process.mjs";
import { assertRpcError, provider } from "./support/clients.mjs";

/// The skip option of a test whose §4 assertion anvil does not meet: false against tenet node.
const anvilSays = (wording) => NODE_KIND === "anvil" && `anvil 1.7.1 answers ${wording}`;

let node;
let p;
before(async () => {
  node = await startNode();
  p = provider(node.url);
});
after(async () => {
  p?.destroy();
  await node?.stop();
});
afterEach(async () => {
  const answer = await rpc(node.url, "eth_chainId");
  assert.equal(BigInt(answer.result), CHAIN_ID, "the node stopped answering");
});

/// A signed EIP-1559 value transfer of `from` (a Wallet) with the given overrides.
async function signedTransfer(from, overrides = {}) {
  const fees = await p.getFeeData();
  return from.signTransaction({
    type: 2, chainId: CHAIN_ID, to: DEV1.address, value: 1n, gasLimit: 21000n,
    maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    nonce: await p.getTransactionCount(from.address), ...overrides,
  });
}

/// The balances and nonces a refused transaction must leave as they were.
async function accountState(...addresses) {
  return Promise.all(addresses.map(async (a) => [await p.getBalance(a), await p.getTransactionCount(a)]));
}

test("malformed JSON: HTTP 200 with -32700 parse error",
     { skip: anvilSays('-32600 "Invalid request" to a body that is not JSON') }, async () => {
  const answer = await postRaw(node.url, '{"jsonrpc":"2.0","id":1,');
  assert.equal(answer.status, 200);
  assert.ok(answer.json, `not JSON: ${answer.text}`);
  assertRpcError(answer.json, -32700, "parse error");
  assert.equal(answer.json.id, null);
});

test("unknown method: -32601 method not found", async () => {
  const answer = await postRaw(node.url, '{"jsonrpc":"2.0","id":7,"method":"eth_noSuchMethod","params":[]}');
  assert.equal(answer.status, 200);
  assertRpcError(answer.json, -32601, "method not found");
  assert.equal(answer.json.id, 7);
});

test("empty batch: one error object (not an array) with -32600 invalid request", async () => {
  // JSON-RPC 2.0 §6: an empty array is answered by a single Response object, id null.
  // anvil 1.7.1 answers exactly that: {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request"}}.
  const answer = await postRaw(node.url, "[]");
  assert.equal(answer.status, 200);
  assert.ok(!Array.isArray(answer.json), `an array: ${answer.text}`);
  assertRpcError(answer.json, -32600, "invalid request");
  assert.equal(answer.json.id, null);
});

/// A transaction of DEV0 reusing its last mined nonce (one transfer is mined first).
async function nonceTooLow() {
  const wallet = new ethers.Wallet(DEV0.key, p);
  await (await wallet.sendTransaction({ to: DEV1.address, value: 1n })).wait();
  const nonce = await p.getTransactionCount(DEV0.address);
  assert.ok(nonce >= 1);
  return { raw: await signedTransfer(wallet, { nonce: nonce - 1, value: 2n }), accounts: [DEV0.address, DEV1.address] };
}

/// A transfer of 1 wei from a fresh account holding nothing.
async function insufficientFunds() {
  const pauper = ethers.Wallet.createRandom(p);
  assert.deepEqual((await accountState(pauper.address))[0], [0n, 0]);
  return { raw: await signedTransfer(pauper, { value: 1n }), accounts: [pauper.address, DEV1.address] };
}

/// The refusals of eth_sendRawTransaction: name, how the transaction is made, §4's phrase,
/// the ethers error code that phrase maps to, and anvil's code when it is not §4's -32000.
const refusals = [
  { name: "nonce too low", make: nonceTooLow, phrase: "nonce too low", ethersCode: "NONCE_EXPIRED",
    anvil: '-32003 "nonce too low"' },
  { name: "insufficient funds", make: insufficientFunds, phrase: "insufficient funds",
    ethersCode: "INSUFFICIENT_FUNDS", anvil: '-32003 "Insufficient funds for gas * price + value"' },
];

for (const r of refusals) {
  test(`${r.name}: the message contains "${r.phrase}", ethers reports ${r.ethersCode}, state unchanged`, async () => {
    const { raw, accounts } = await r.make();
    const before = await accountState(...accounts);
    const height = await p.getBlockNumber();
    assertRpcError(await rpc(node.url, "eth_sendRawTransaction", [raw]), null, r.phrase);
    await assert.rejects(p.broadcastTransaction(raw), (e) => e.code === r.ethersCode);
    assert.deepEqual(await accountState(...accounts), before);
    assert.equal(await p.getBlockNumber(), height);
  });

  test(`${r.name}: code -32000`, { skip: anvilSays(r.anvil) }, async () => {
    const { raw } = await r.make();
    assertRpcError(await rpc(node.url, "eth_sendRawTransaction", [raw]), -32000, r.phrase);
  });
}
