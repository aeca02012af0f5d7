// A Tenet contract through ethers v6 exactly as a dapp uses a Solidity one: ContractFactory
// with the artifact's ABI and bytecode, waitForDeployment, calls, sends with tx.wait(), events
// parsed and queried, custom errors decoded, failed transactions mined with status 0 and their
// fee charged, JsonRpcSigner (eth_sendTransaction) and a script with ethers' default options.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import { ethers } from "ethers";
import { DEV0, DEV1, TENET_ONLY, buildPrograms, rpc, startNode } from "./support/node_process.mjs";
import { provider } from "./support/clients.mjs";

let node;
let programs;
let token; // the Token deployed in the first test
const SUPPLY = 1000n;

before(async () => {
  if (TENET_ONLY) return;
  programs = await buildPrograms();
  node = await startNode({ args: ["--artifacts", programs.out] });
});
after(async () => {
  await node?.stop();
  if (programs) fs.rmSync(programs.dir, { recursive: true, force: true });
});

function factory(name, signer) {
  const artifact = programs.artifact(name);
  return new ethers.ContractFactory(artifact.abi, artifact.bytecode, signer);
}

test("ContractFactory deploys a Tenet artifact at the CREATE address; calls read it", { skip: TENET_ONLY }, async () => {
  const p = provider(node.url);
  const wallet = new ethers.Wallet(DEV0.key, p);
  const nonce = await p.getTransactionCount(DEV0.address);
  const contract = await factory("Token", wallet).deploy("Tenet Token", "TT", SUPPLY);
  await contract.waitForDeployment();
  const address = await contract.getAddress();
  assert.equal(address, ethers.getCreateAddress({ from: DEV0.address, nonce }));
  const receipt = await contract.deploymentTransaction().wait();
  assert.equal(receipt.status, 1);
  assert.equal(receipt.contractAddress, address);
  // The code stored is the container the artifact holds (no constructor arguments).
  const code = await p.getCode(address);
  assert.ok(programs.artifact("Token").bytecode.startsWith(code.slice(0, 66)));
  assert.equal(await contract.name(), "Tenet Token");
  assert.equal(await contract.symbol(), "TT");
  assert.equal(await contract.decimals(), 18n);
  assert.equal(await contract.balanceOf(DEV0.address), SUPPLY);
  // The mint's Transfer event from the constructor, parsed by the ABI.
  const minted = receipt.logs.map((log) => contract.interface.parseLog(log));
  assert.equal(minted.length, 1);
  assert.equal(minted[0].name, "Transfer");
  assert.deepEqual([...minted[0].args], [ethers.ZeroAddress, DEV0.address, SUPPLY]);
  token = contract; // later tests send through its wallet: the provider stays open
});

test("a send waits for its receipt; its event parses and queryFilter finds it", { skip: TENET_ONLY }, async () => {
  const tx = await token.transfer(DEV1.address, 250n);
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  assert.equal(receipt.logs.length, 1);
  const event = token.interface.parseLog(receipt.logs[0]);
  assert.equal(event.name, "Transfer");
  assert.deepEqual([...event.args], [DEV0.address, DEV1.address, 250n]);
  assert.equal(await token.balanceOf(DEV1.address), 250n);
  const found = await token.queryFilter(token.filters.Transfer(null, DEV1.address), 0, "latest");
  assert.equal(found.length, 1);
  assert.equal(found[0].transactionHash, tx.hash);
  assert.equal(found[0].blockNumber, receipt.blockNumber);
  assert.deepEqual([...found[0].args], [DEV0.address, DEV1.address, 250n]);
});

test("a custom error is decoded on staticCall and its exact bytes are error.data on send", { skip: TENET_ONLY }, async () => {
  const tooMuch = 10n ** 6n;
  const expected = token.interface.encodeErrorResult("InsufficientBalance", [SUPPLY - 250n, tooMuch]);
  await assert.rejects(token.transfer.staticCall(DEV1.address, tooMuch), (error) => {
    assert.equal(error.code, "CALL_EXCEPTION");
    assert.equal(error.revert?.name, "InsufficientBalance");
    assert.deepEqual([...error.revert.args], [SUPPLY - 250n, tooMuch]);
    assert.equal(error.data, expected);
    return true;
  });
  // Sending estimates gas first: the estimate's revert is the error, nothing is sent.
  const nonce = await token.runner.provider.getTransactionCount(DEV0.address);
  await assert.rejects(token.transfer(DEV1.address, tooMuch), (error) => {
    assert.equal(error.code, "CALL_EXCEPTION");
    assert.equal(error.data, expected);
    return true;
  });
  assert.equal(await token.runner.provider.getTransactionCount(DEV0.address), nonce);
  // The node names the error from the artifacts it was given (--artifacts).
  // (From DEV0: without `from` the caller is the zero address, whose balance is 0.)
  const answer = await rpc(node.url, "eth_call", [{ from: DEV0.address, to: await token.getAddress(),
    data: token.interface.encodeFunctionData("transfer", [DEV1.address, tooMuch]) }, "latest"]);
  assert.equal(answer.error.code, 3);
  assert.equal(answer.error.data, expected);
  assert.match(answer.error.message, /^execution reverted: InsufficientBalance\(750, 1000000\)/);
});

test("Error(string) reverts answer 'execution reverted: <message>' and ethers reports the reason", { skip: TENET_ONLY }, async () => {
  const p = provider(node.url);
  const wallet = new ethers.Wallet(DEV0.key, p);
  const spinner = await factory("Spinner", wallet).deploy();
  await spinner.waitForDeployment();
  await assert.rejects(spinner.refuse(), (error) => {
    assert.equal(error.code, "CALL_EXCEPTION");
    assert.equal(error.reason, "no way");
    return true;
  });
  const answer = await rpc(node.url, "eth_call", [{ to: await spinner.getAddress(),
    data: spinner.interface.encodeFunctionData("refuse") }, "latest"]);
  assert.equal(answer.error.code, 3);
  assert.equal(answer.error.message, "execution reverted: no way");
  p.destroy();
});

test("a call out of gas and a reverting constructor are mined with status 0 and pay their fee", { skip: TENET_ONLY }, async () => {
  const p = provider(node.url);
  const wallet = new ethers.Wallet(DEV0.key, p);
  const spinner = await factory("Spinner", wallet).deploy();
  await spinner.waitForDeployment();
  for (const [what, send, gasLimit] of [
    ["spin()", () => spinner.spin({ gasLimit: 100_000n }), 100_000n],
    ["Unborn's constructor", () => factory("Unborn", wallet).getDeployTransaction()
      .then((tx) => wallet.sendTransaction({ ...tx, gasLimit: 300_000n })), 300_000n],
  ]) {
    const before = await p.getBalance(DEV0.address);
    const nonce = await p.getTransactionCount(DEV0.address);
    const tx = await send();
    await assert.rejects(tx.wait(), (error) => {
      assert.equal(error.code, "CALL_EXCEPTION", what);
      assert.equal(error.receipt.status, 0, what);
      return true;
    });
    const raw = await p.send("eth_getTransactionReceipt", [tx.hash]);
    assert.equal(raw.status, "0x0", what);
    const gasUsed = BigInt(raw.gasUsed);
    if (what === "spin()") assert.equal(gasUsed, gasLimit, "out of gas uses the whole limit");
    assert.ok(gasUsed > 21_000n && gasUsed <= gasLimit, `${what}: gasUsed ${gasUsed}`);
    assert.equal(before - (await p.getBalance(DEV0.address)), gasUsed * BigInt(raw.effectiveGasPrice), what);
    assert.equal(await p.getTransactionCount(DEV0.address), nonce + 1, what);
  }
  p.destroy();
});

test("JsonRpcSigner (provider.getSigner, eth_sendTransaction) sends from a dev account", { skip: TENET_ONLY }, async () => {
  const p = provider(node.url);
  const signer = await p.getSigner(1);
  assert.equal(await signer.getAddress(), DEV1.address);
  const before = await p.getBalance(DEV0.address);
  const tx = await signer.sendTransaction({ to: DEV0.address, value: 777n });
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  assert.equal(receipt.from, DEV1.address);
  assert.equal((await p.getBalance(DEV0.address)) - before, 777n);
  p.destroy();
});

test("a script written for anvil, with ethers' default provider options, works unchanged", { skip: TENET_ONLY }, async () => {
  const p = new ethers.JsonRpcProvider(node.url);
  const wallet = new ethers.Wallet(DEV0.key, p);
  const artifact = programs.artifact("Token");
  const contract = await new ethers.ContractFactory(artifact.abi, artifact.bytecode, wallet)
    .deploy("Script", "S", 42n);
  await contract.waitForDeployment();
  // ethers' default request cache (250 ms) would answer the next eth_getTransactionCount with
  // the deployment's nonce; anvil then refuses the send too ("nonce has already been used").
  await new Promise((resolve) => setTimeout(resolve, 300));
  const receipt = await (await contract.transfer(DEV1.address, 2n)).wait();
  assert.equal(receipt.status, 1);
  assert.equal(await contract.balanceOf(DEV1.address), 2n);
  assert.equal((await p.getNetwork()).chainId, 31337n);
  p.destroy();
});
