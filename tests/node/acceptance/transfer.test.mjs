// Value transfers: ethers Wallet + tx.wait() with the fee exactly gasUsed × effectiveGasPrice,
// and cast send + cast receipt … status.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ethers } from "ethers";
import { DEV0, DEV1, startNode } from "./support/node_process.mjs";
import { cast, provider } from "./support/clients.mjs";

let node;
before(async () => { node = await startNode(); });
after(async () => { await node?.stop(); });

test("an ethers Wallet transfer costs value + gasUsed × effectiveGasPrice exactly", async () => {
  const p = provider(node.url);
  const wallet = new ethers.Wallet(DEV0.key, p);
  const value = ethers.parseEther("1.5");
  const senderBefore = await p.getBalance(DEV0.address);
  const recipientBefore = await p.getBalance(DEV1.address);
  const tx = await wallet.sendTransaction({ to: DEV1.address, value });
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  assert.equal(receipt.hash, tx.hash);
  // The raw receipt's fields, not ethers' derived ones.
  const raw = await p.send("eth_getTransactionReceipt", [tx.hash]);
  const gasUsed = BigInt(raw.gasUsed);
  const price = BigInt(raw.effectiveGasPrice);
  assert.equal(gasUsed, 21000n);
  assert.equal(receipt.fee, gasUsed * price);
  const block = await p.getBlock(receipt.blockNumber);
  assert.ok(price >= block.baseFeePerGas, "effectiveGasPrice below the block's base fee");
  const senderAfter = await p.getBalance(DEV0.address, receipt.blockNumber);
  const recipientAfter = await p.getBalance(DEV1.address, receipt.blockNumber);
  assert.equal(senderBefore - senderAfter, value + gasUsed * price);
  assert.equal(recipientAfter - recipientBefore, value);
  assert.equal(await p.getTransactionCount(DEV0.address), tx.nonce + 1);
  p.destroy();
});

test("cast send transfers value and cast receipt reports status 1", async () => {
  const p = provider(node.url);
  const before = await p.getBalance(DEV1.address);
  const sent = JSON.parse(await cast("send", "--json", "--private-key", DEV0.key, "--rpc-url", node.url,
                                     DEV1.address, "--value", "12345"));
  assert.equal(sent.status, "0x1");
  // cast 1.7.1 prints a receipt's status field as "true" for 0x1.
  assert.equal(await cast("receipt", sent.transactionHash, "status", "--rpc-url", node.url), "true");
  assert.equal((await p.getBalance(DEV1.address)) - before, 12345n);
  p.destroy();
});
