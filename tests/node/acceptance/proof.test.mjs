// What a light client checks, recomputed here from the node's answers: every block's hash is
// keccak256 of its London header's RLP and meets the proof of work at --difficulty 1000;
// eth_getProof proves accounts and storage against the block's stateRoot (EIP-1186), also at
// an earlier block (archive).
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import { ethers } from "ethers";
import { DEV0, DEV1, TENET_ONLY, buildPrograms, rpc, startNode } from "./support/node_process.mjs";
import { provider } from "./support/clients.mjs";
import { headerHash, verifyAccountProof } from "./support/mpt.mjs";

const DIFFICULTY = 1000n;
let node;
let programs;

before(async () => {
  if (TENET_ONLY) return;
  programs = await buildPrograms();
  node = await startNode({ args: ["--difficulty", String(DIFFICULTY)] });
});
after(async () => {
  await node?.stop();
  if (programs) fs.rmSync(programs.dir, { recursive: true, force: true });
});

async function block(tag) {
  const answer = await rpc(node.url, "eth_getBlockByNumber", [tag, false]);
  assert.ok(answer.result, JSON.stringify(answer));
  return answer.result;
}

test("every block hash is keccak256(RLP(header)) and meets the proof of work", { skip: TENET_ONLY }, async () => {
  const p = provider(node.url);
  const wallet = new ethers.Wallet(DEV0.key, p);
  await (await wallet.sendTransaction({ to: DEV1.address, value: 1n })).wait();
  const head = BigInt((await rpc(node.url, "eth_blockNumber")).result);
  assert.ok(head >= 1n);
  for (let n = 0n; n <= head; n++) {
    const b = await block(ethers.toQuantity(n));
    assert.equal(headerHash(b), b.hash, `block ${n}`);
    assert.equal(BigInt(b.difficulty), DIFFICULTY, `block ${n} difficulty`);
    assert.ok(BigInt(b.hash) * DIFFICULTY <= 2n ** 256n, `block ${n} hash does not meet difficulty`);
    if (n > 0n) assert.equal(b.parentHash, (await block(ethers.toQuantity(n - 1n))).hash);
  }
  p.destroy();
});

test("eth_getProof proves an account, a set slot and an unset one against stateRoot", { skip: TENET_ONLY }, async () => {
  const p = provider(node.url);
  const wallet = new ethers.Wallet(DEV0.key, p);
  const artifact = programs.artifact("Token");
  const token = await new ethers.ContractFactory(artifact.abi, artifact.bytecode, wallet).deploy("P", "P", 1000n);
  await token.waitForDeployment();
  const address = await token.getAddress();
  const supplySlot = artifact.storageLayout.find((entry) => entry.name === "total_supply").slot;
  const latest = await block("latest");
  const answer = (await rpc(node.url, "eth_getProof", [address, [ethers.toQuantity(supplySlot), "0x63"], "latest"])).result;
  assert.ok(answer, "eth_getProof answered");
  assert.equal(answer.address.toLowerCase(), address.toLowerCase());
  assert.equal(answer.codeHash, ethers.keccak256(await p.getCode(address)));
  assert.equal(BigInt(answer.storageProof[0].value), 1000n);
  assert.equal(BigInt(answer.storageProof[1].value), 0n);
  verifyAccountProof(latest.stateRoot, address, answer);
  // A dev account (no code, no storage) and an account that does not exist.
  verifyAccountProof(latest.stateRoot, DEV1.address,
                     (await rpc(node.url, "eth_getProof", [DEV1.address, [], "latest"])).result);
  const nobody = "0x000000000000000000000000000000000000dEaD";
  const absent = (await rpc(node.url, "eth_getProof", [nobody, ["0x0"], "latest"])).result;
  assert.equal(BigInt(absent.balance), 0n);
  verifyAccountProof(latest.stateRoot, nobody, absent);
  p.destroy();
});

test("old states stay readable: balance and proof at an earlier block", { skip: TENET_ONLY }, async () => {
  const p = provider(node.url);
  const wallet = new ethers.Wallet(DEV0.key, p);
  const before = await block("latest");
  const balanceBefore = await p.getBalance(DEV1.address);
  await (await wallet.sendTransaction({ to: DEV1.address, value: 5n })).wait();
  assert.equal(await p.getBalance(DEV1.address), balanceBefore + 5n);
  assert.equal(await p.getBalance(DEV1.address, BigInt(before.number)), balanceBefore);
  const byHash = await rpc(node.url, "eth_getBalance", [DEV1.address, { blockHash: before.hash }]);
  assert.equal(BigInt(byHash.result), balanceBefore);
  const old = (await rpc(node.url, "eth_getProof", [DEV1.address, [], before.number])).result;
  assert.equal(BigInt(old.balance), balanceBefore);
  verifyAccountProof(before.stateRoot, DEV1.address, old);
  p.destroy();
});
