// Cheat codes and restarts (issue 11: "anvil_set* survive restart and --verify"): an
// anvil_setBalance / anvil_setStorageAt / anvil_setCode is visible at once (latest), is part of
// the next block's state, and with that block it survives a restart with the same --data-dir;
// `tenet node --data-dir D --verify` re-executes the stored chain, overrides included, and
// exits 0. Tenet only: anvil keeps no data directory (the last test, no restart, runs on both).
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, test } from "node:test";
import { ethers } from "ethers";
import { DEV0, NODE_KIND, TENET_ONLY, buildPrograms, rpc, runTenet, startNode, tempDir } from "./support/node_process.mjs";
import { provider } from "./support/clients.mjs";

const dirs = [];
after(() => { for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true }); });

/// The `result` of a JSON-RPC call; fails the test on an error answer.
async function call(url, method, params = []) {
  const answer = await rpc(url, method, params);
  assert.ok(!answer.error, `${method}: ${JSON.stringify(answer.error)}`);
  return answer.result;
}

/// What the overrides set, as the node answers it at block tag `tag`.
async function observed(url, { rich, stored, coded }, tag) {
  return {
    balance: BigInt(await call(url, "eth_getBalance", [rich, tag])),
    slot: await call(url, "eth_getStorageAt", [stored, "0x7", tag]),
    code: await call(url, "eth_getCode", [coded, tag]),
  };
}

test("anvil_setBalance is visible at once and survives a restart; --verify exits 0", { skip: TENET_ONLY }, async () => {
  const dataDir = tempDir();
  dirs.push(dataDir);
  let node = await startNode({ dataDir });
  const rich = ethers.Wallet.createRandom().address;
  const amount = ethers.parseEther("123.456");
  assert.equal(BigInt(await call(node.url, "eth_getBalance", [rich, "latest"])), 0n);
  const height = BigInt(await call(node.url, "eth_blockNumber"));

  assert.equal(await call(node.url, "anvil_setBalance", [rich, ethers.toQuantity(amount)]), true);
  assert.equal(BigInt(await call(node.url, "eth_getBalance", [rich, "latest"])), amount, "visible at once (latest)");
  assert.equal(BigInt(await call(node.url, "eth_blockNumber")), height, "no block mined by the cheat code");

  // One more block (a transfer of DEV0) carries the override into the chain.
  const p = provider(node.url);
  const receipt = await (await new ethers.Wallet(DEV0.key, p).sendTransaction({ to: DEV0.address, value: 1n })).wait();
  p.destroy();
  assert.equal(BigInt(receipt.blockNumber), height + 1n);
  assert.equal(BigInt(await call(node.url, "eth_getBalance", [rich, ethers.toQuantity(receipt.blockNumber)])), amount);
  assert.equal(BigInt(await call(node.url, "eth_getBalance", [rich, ethers.toQuantity(height)])), 0n, "the block before is as it was");
  assert.equal(await node.stop(), 0);

  node = await startNode({ dataDir });
  try {
    assert.equal(BigInt(await call(node.url, "eth_blockNumber")), height + 1n);
    assert.equal(BigInt(await call(node.url, "eth_getBalance", [rich, "latest"])), amount, "survives the restart");
    assert.equal((await call(node.url, "eth_getBlockByNumber", ["latest", false])).hash, receipt.blockHash);
  } finally {
    assert.equal(await node.stop(), 0);
  }

  const verified = await runTenet(["node", "--data-dir", dataDir, "--verify"]);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, new RegExp(`verified ${Number(height) + 2} blocks`));
});

test("anvil_setStorageAt and anvil_setCode (a Token's code) survive a restart too; --verify exits 0",
     { skip: TENET_ONLY }, async () => {
  const programs = await buildPrograms();
  const dataDir = tempDir();
  dirs.push(dataDir, programs.dir);
  let node = await startNode({ dataDir });
  const p = provider(node.url);
  const artifact = programs.artifact("Token");
  const token = await new ethers.ContractFactory(artifact.abi, artifact.bytecode, new ethers.Wallet(DEV0.key, p))
    .deploy("Tenet Token", "TT", 1000n);
  await token.waitForDeployment();
  const code = await p.getCode(await token.getAddress());

  const targets = { rich: ethers.Wallet.createRandom().address, stored: ethers.Wallet.createRandom().address,
                    coded: ethers.Wallet.createRandom().address };
  const value = ethers.zeroPadValue("0x2a", 32);
  assert.equal(await call(node.url, "anvil_setBalance", [targets.rich, "0x3e8"]), true);
  // The slot's owner holds 1 wei: an empty account is erased when mined (see the last test).
  assert.equal(await call(node.url, "anvil_setBalance", [targets.stored, "0x1"]), true);
  assert.equal(await call(node.url, "anvil_setStorageAt", [targets.stored, "0x7", value]), true);
  assert.equal(await call(node.url, "anvil_setCode", [targets.coded, code]), true);
  const expected = { balance: 1000n, slot: value, code };
  assert.deepEqual(await observed(node.url, targets, "latest"), expected, "visible at once");

  assert.equal(await call(node.url, "evm_mine"), "0x0");
  const mined = await call(node.url, "eth_blockNumber");
  assert.deepEqual(await observed(node.url, targets, mined), expected, "in the mined block's state");
  p.destroy();
  assert.equal(await node.stop(), 0);

  node = await startNode({ dataDir });
  try {
    assert.equal(await call(node.url, "eth_blockNumber"), mined);
    assert.deepEqual(await observed(node.url, targets, "latest"), expected, "survive the restart");
    // The copied code runs: the Token at the new address has no balances (its storage is its own).
    const copy = new ethers.Contract(targets.coded, artifact.abi, provider(node.url));
    assert.equal(await copy.balanceOf(DEV0.address), 0n);
    copy.runner.destroy();
  } finally {
    assert.equal(await node.stop(), 0);
  }

  const verified = await runTenet(["node", "--data-dir", dataDir, "--verify"]);
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, new RegExp(`verified ${Number(BigInt(mined)) + 1} blocks`));
});

// tenet node erased such an account at the commit (EIP-161) with its storage until state's
// commit_changes kept accounts that hold storage (CommitTest.AnEmptyAccountWithStorageIsKept).
test("anvil_setStorageAt of an empty account: the slot shown at latest is still there once a block is mined",
     async () => {
  const node = await startNode();
  try {
    const owner = ethers.Wallet.createRandom().address;
    const value = ethers.zeroPadValue("0x2a", 32);
    assert.equal(await call(node.url, "anvil_setStorageAt", [owner, "0x7", value]), true);
    assert.equal(await call(node.url, "eth_getStorageAt", [owner, "0x7", "latest"]), value);
    assert.equal(await call(node.url, "evm_mine"), "0x0");
    assert.equal(await call(node.url, "eth_getStorageAt", [owner, "0x7", "latest"]), value);
  } finally {
    await node.stop();
  }
});
