// Crash safety (toolchain.md §4 Storage): a node killed with kill -9 in the middle of a load
// restarts at its last committed block; every transaction whose receipt was returned is still
// there in the same block; `tenet node --verify` agrees with the stored chain; the node serves
// again. Also: a restart with a conflicting genesis flag is refused naming the difference.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, test } from "node:test";
import { ethers } from "ethers";
import { CHAIN_ID, DEV0, DEV1, TENET_ONLY, rpc, runTenet, startNode, tempDir } from "./support/node_process.mjs";

const dirs = [];
after(() => { for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true }); });

/// Sends 1-wei transfers from `wallet` with consecutive nonces until `state.stop`; records each
/// whose send answered a hash and whose receipt was then read.
async function load(url, wallet, state) {
  let nonce = Number(BigInt((await rpc(url, "eth_getTransactionCount", [wallet.address, "latest"])).result));
  while (!state.stop) {
    const raw = await wallet.signTransaction({
      type: 2, chainId: CHAIN_ID, nonce, to: DEV1.address, value: 1n, gasLimit: 21_000n,
      maxFeePerGas: ethers.parseUnits("10", "gwei"), maxPriorityFeePerGas: ethers.parseUnits("1", "gwei"),
    });
    let answer;
    try { answer = await rpc(url, "eth_sendRawTransaction", [raw]); } catch { return; }
    if (!answer.result) return;
    nonce += 1;
    let receipt;
    try { receipt = await rpc(url, "eth_getTransactionReceipt", [answer.result]); } catch { return; }
    assert.ok(receipt.result, `the receipt of ${answer.result} exists when the send returns`);
    state.sent.push({ hash: answer.result, blockHash: receipt.result.blockHash, blockNumber: receipt.result.blockNumber });
  }
}

test("kill -9 under load loses no receipted transaction; --verify agrees; the node serves again", { skip: TENET_ONLY }, async () => {
  const dataDir = tempDir();
  dirs.push(dataDir);
  let node = await startNode({ dataDir });
  const state = { stop: false, sent: [] };
  // Two senders at once: dev accounts 0 and 2 (m/44'/60'/0'/0/2).
  const senders = [new ethers.Wallet(DEV0.key),
                   new ethers.Wallet("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a")];
  const running = senders.map((wallet) => load(node.url, wallet, state));
  while (state.sent.length < 10) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 450)));
  assert.equal(await node.stop("SIGKILL"), "SIGKILL");
  state.stop = true;
  await Promise.all(running);
  assert.ok(state.sent.length >= 10);

  node = await startNode({ dataDir });
  for (const { hash, blockHash, blockNumber } of state.sent) {
    const receipt = (await rpc(node.url, "eth_getTransactionReceipt", [hash])).result;
    assert.ok(receipt, `${hash} was receipted before the crash and is gone after it`);
    assert.equal(receipt.blockHash, blockHash, `${hash} moved to another block`);
    assert.equal((await rpc(node.url, "eth_getBlockByNumber", [blockNumber, false])).result.hash, blockHash);
  }
  assert.equal(await node.stop(), 0, "SIGTERM stops the node with exit code 0");

  const verified = await runTenet(["node", "--data-dir", dataDir, "--verify"]);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, /verified \d+ blocks/);

  node = await startNode({ dataDir });
  const provider = new ethers.JsonRpcProvider(node.url, Number(CHAIN_ID), { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
  const receipt = await (await new ethers.Wallet(DEV0.key, provider).sendTransaction({ to: DEV1.address, value: 3n })).wait();
  assert.equal(receipt.status, 1);
  provider.destroy();
  await node.stop();
});

test("a restart with a conflicting genesis flag is refused naming it; --verify of memory is a usage error", { skip: TENET_ONLY }, async () => {
  const dataDir = tempDir();
  dirs.push(dataDir);
  const node = await startNode({ dataDir });
  await node.stop();
  const refused = await runTenet(["node", "--data-dir", dataDir, "--port", "0", "--chain-id", "5"], { timeout: 20_000 });
  assert.equal(refused.code, 1, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /chain.id/i);
  assert.match(refused.stderr, /31337/);
  assert.match(refused.stderr, /\b5\b/);
  const memory = await runTenet(["node", "--in-memory", "--verify"], { timeout: 20_000 });
  assert.equal(memory.code, 2, memory.stdout + memory.stderr);
});
