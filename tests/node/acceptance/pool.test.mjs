// The pool through eth_sendRawTransaction (toolchain.md §4 Mining): a future nonce waits for
// its gap, a queued transaction is replaced only for ≥ 10% higher fees, and transactions the
// node must refuse at submission — an unrecoverable signature, a deployment whose container is
// invalid or uses cheat codes — are refused with §4's phrase, no fee and no nonce used.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { ethers } from "ethers";
import { CHAIN_ID, DEV1, NODE_KIND, TENET_ONLY, rpc, runTenet, startNode, tempDir } from "./support/node_process.mjs";
import { assertRpcError, provider } from "./support/clients.mjs";

// Dev account 3 (m/44'/60'/0'/0/3): no other test of this file sends from it.
const SENDER = new ethers.Wallet("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
const GWEI = 10n ** 9n;
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

function transfer(nonce, tip, overrides = {}) {
  return SENDER.signTransaction({
    type: 2, chainId: CHAIN_ID, nonce, to: DEV1.address, value: 1n, gasLimit: 21_000n,
    maxFeePerGas: 10n * tip, maxPriorityFeePerGas: tip, ...overrides,
  });
}

async function count(tag) {
  return Number(BigInt((await rpc(node.url, "eth_getTransactionCount", [SENDER.address, tag])).result));
}

async function mineUntil(nonce) {
  const deadline = Date.now() + 5_000;
  while (await count("latest") < nonce && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(await count("latest"), nonce);
}

test("a future nonce is queued until its gap fills; a queued one is replaced by a higher fee", async () => {
  const nonce = await count("latest");
  const queued = await rpc(node.url, "eth_sendRawTransaction", [await transfer(nonce + 1, 2n * GWEI)]);
  assert.ok(queued.result, JSON.stringify(queued));
  assert.equal(await count("latest"), nonce, "nothing mined past a gap");
  assert.equal(await count("pending"), nonce, "pending counts only contiguous transactions");
  const replacement = await rpc(node.url, "eth_sendRawTransaction", [await transfer(nonce + 1, 220n * GWEI / 100n)]);
  assert.ok(replacement.result, JSON.stringify(replacement));
  // Filling the gap mines both (automine), the replacement rather than the original.
  const gap = await rpc(node.url, "eth_sendRawTransaction", [await transfer(nonce, 2n * GWEI)]);
  assert.ok(gap.result, JSON.stringify(gap));
  await mineUntil(nonce + 2);
  const mined = (await rpc(node.url, "eth_getTransactionReceipt", [replacement.result])).result;
  assert.equal(mined?.status, "0x1");
  assert.equal((await rpc(node.url, "eth_getTransactionReceipt", [queued.result])).result, null);
});

test("a replacement needs both fees ≥ 110% of the old: 109% is underpriced",
     { skip: NODE_KIND === "anvil" && "anvil 1.7.1 replaces for any higher fee (a 2,000,000,001 wei tip replaces 2,000,000,000)" }, async () => {
  const nonce = await count("latest");
  const queued = await rpc(node.url, "eth_sendRawTransaction", [await transfer(nonce + 1, 2n * GWEI)]);
  assert.ok(queued.result, JSON.stringify(queued));
  const low = await rpc(node.url, "eth_sendRawTransaction", [await transfer(nonce + 1, 218n * GWEI / 100n)]);
  assertRpcError(low, -32000, "replacement transaction underpriced");
  assert.ok((await rpc(node.url, "eth_sendRawTransaction", [await transfer(nonce, 2n * GWEI)])).result);
  await mineUntil(nonce + 2);
  assert.equal((await rpc(node.url, "eth_getTransactionReceipt", [queued.result])).result?.status, "0x1");
});

test("an unrecoverable signature is refused: invalid signature",
     { skip: NODE_KIND === "anvil" && 'anvil 1.7.1 answers -32602 "Failed to recover the signer"' }, async () => {
  const unsigned = ethers.Transaction.from({
    type: 2, chainId: CHAIN_ID, nonce: await count("latest"), to: DEV1.address, value: 1n,
    gasLimit: 21_000n, maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: GWEI,
  });
  // The signature (y parity 0, r = 0, s = 1): r = 0 is no curve point, no public key recovers.
  const fields = ethers.decodeRlp("0x" + unsigned.unsignedSerialized.slice(4));
  const encoded = "0x02" + ethers.encodeRlp([...fields, "0x", "0x", "0x01"]).slice(2);
  const before = await p.getBalance(SENDER.address);
  assertRpcError(await rpc(node.url, "eth_sendRawTransaction", [encoded]), -32000, "invalid signature");
  assert.equal(await p.getBalance(SENDER.address), before);
});

test("deployments of an invalid container or of cheat codes are refused: invalid container", { skip: TENET_ONLY }, async () => {
  const dir = tempDir();
  try {
    fs.writeFileSync(path.join(dir, "Cheater.t.tn"), [
      "test contract Cheater {",
      "    test fn warps() {",
      "        vm.warp(100);",
      "        assert_eq(block.timestamp, 100);",
      "    }",
      "}",
    ].join("\n"));
    const compiled = await runTenet(["compile", path.join(dir, "Cheater.t.tn")]);
    assert.equal(compiled.code, 0, compiled.stderr);
    const cheater = compiled.stdout.trim();
    const nonce = await count("latest");
    const before = await p.getBalance(SENDER.address);
    for (const [data, rule] of [["0xdeadbeef", /invalid container: /], [cheater, /invalid container: .*test-only/]]) {
      const raw = await SENDER.signTransaction({
        type: 2, chainId: CHAIN_ID, nonce, data, gasLimit: 3_000_000n,
        maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: GWEI,
      });
      const answer = await rpc(node.url, "eth_sendRawTransaction", [raw]);
      assertRpcError(answer, -32000, "invalid container");
      assert.match(answer.error.message, rule);
    }
    assert.equal(await count("latest"), nonce, "no nonce used");
    assert.equal(await p.getBalance(SENDER.address), before, "no fee paid");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
