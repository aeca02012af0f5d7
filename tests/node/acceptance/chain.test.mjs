// Chain id, block number and the first dev account, through ethers and through cast.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ethers } from "ethers";
import { CHAIN_ID, DEV0, startNode } from "./support/node_process.mjs";
import { cast, provider } from "./support/clients.mjs";

let node;
before(async () => { node = await startNode(); });
after(async () => { await node?.stop(); });

test("ethers reads the chain id and the block number", async () => {
  const p = provider(node.url);
  assert.equal((await p.getNetwork()).chainId, CHAIN_ID);
  assert.equal(await p.send("eth_chainId", []), "0x7a69");
  const height = await p.getBlockNumber();
  assert.equal(height, Number(await p.send("eth_blockNumber", [])));
  p.destroy();
});

test("cast reads the chain id and the block number", async () => {
  assert.equal(await cast("chain-id", "--rpc-url", node.url), String(CHAIN_ID));
  const p = provider(node.url);
  assert.equal(await cast("block-number", "--rpc-url", node.url), String(await p.getBlockNumber()));
  p.destroy();
});

test("the first dev account holds 10000 ether and is listed first", async () => {
  const p = provider(node.url);
  assert.equal(await p.getBalance(DEV0.address), ethers.parseEther("10000"));
  const accounts = await p.send("eth_accounts", []);
  assert.equal(ethers.getAddress(accounts[0]), DEV0.address);
  assert.equal(await cast("balance", DEV0.address, "--rpc-url", node.url), ethers.parseEther("10000").toString());
  p.destroy();
});
