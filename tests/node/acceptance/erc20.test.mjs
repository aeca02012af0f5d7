// The ERC-20 standard's own ABI against a Tenet token: examples/token (a contract using the
// standard library's `component ERC20`, std/erc20.tn) is built with `tenet build`, deployed on
// `tenet node` and driven by ethers v6 through the human-readable ERC-20 ABI written below —
// the signatures of EIP-20 and OpenZeppelin v5's errors, not the artifact's ABI. Only the
// artifact's bytecode is used. Wallets and dapps that know ERC-20 talk to the token unchanged.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { ethers } from "ethers";
import { DEV0, DEV1, TENET_ONLY, runTenet, startNode, tempDir } from "./support/node_process.mjs";
import { provider } from "./support/clients.mjs";

/// EIP-20, as every ERC-20 client writes it, and OpenZeppelin v5's ERC-20 errors (IERC20Errors).
const ERC20_ABI = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function totalSupply() view returns (uint256)",
  "function balanceOf(address owner) view returns (uint256)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function transfer(address to, uint256 value) returns (bool)",
  "function approve(address spender, uint256 value) returns (bool)",
  "function transferFrom(address from, address to, uint256 value) returns (bool)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
  "event Approval(address indexed owner, address indexed spender, uint256 value)",
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InvalidSender(address sender)",
  "error ERC20InvalidReceiver(address receiver)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  "error ERC20InvalidApprover(address approver)",
  "error ERC20InvalidSpender(address spender)",
];
/// examples/token's constructor: name, symbol, initial supply (to the deployer), cap.
const CONSTRUCTOR = "constructor(string name, string symbol, uint256 initialSupply, uint256 cap)";
const SUPPLY = 1000n * 10n ** 18n;
const CAP = 10n ** 6n * 10n ** 18n;

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const erc20 = new ethers.Interface(ERC20_ABI);
let node;
let dir;
let bytecode;
let p;
let token; // the token, connected to DEV0's wallet
let address;

before(async () => {
  if (TENET_ONLY) return;
  dir = tempDir("tenet-acceptance-erc20-");
  fs.cpSync(path.join(repo, "examples/token"), dir, { recursive: true });
  fs.rmSync(path.join(dir, "out"), { recursive: true, force: true });
  fs.rmSync(path.join(dir, "cache"), { recursive: true, force: true });
  const built = await runTenet(["build", "--root", dir]);
  if (built.code !== 0) throw new Error(`tenet build failed: ${built.stdout}${built.stderr}`);
  bytecode = JSON.parse(fs.readFileSync(path.join(dir, "out/Token.json"), "utf8")).bytecode;
  node = await startNode();
  p = provider(node.url);
});
after(async () => {
  p?.destroy();
  await node?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/// The Transfer and Approval logs of a receipt, parsed with the standard ABI (other logs, such
/// as Ownable's OwnershipTransferred, are not ERC-20's and are left out).
function erc20Logs(receipt) {
  return receipt.logs.map((log) => erc20.parseLog(log)).filter((parsed) => parsed !== null);
}

/// An address as an indexed topic: 32 bytes, left-padded.
const topic = (account) => ethers.zeroPadValue(account, 32).toLowerCase();

test("deploys with the constructor's signature; name, symbol, decimals, totalSupply, balanceOf answer as ERC-20", { skip: TENET_ONLY }, async () => {
  const wallet = new ethers.Wallet(DEV0.key, p);
  const factory = new ethers.ContractFactory([CONSTRUCTOR, ...ERC20_ABI], bytecode, wallet);
  const contract = await factory.deploy("Tenet Token", "TNT", SUPPLY, CAP);
  await contract.waitForDeployment();
  const receipt = await contract.deploymentTransaction().wait();
  assert.equal(receipt.status, 1);
  address = await contract.getAddress();
  token = new ethers.Contract(address, ERC20_ABI, wallet);
  assert.equal(await token.name(), "Tenet Token");
  assert.equal(await token.symbol(), "TNT");
  assert.equal(await token.decimals(), 18n);
  assert.equal(await token.totalSupply(), SUPPLY);
  assert.equal(await token.balanceOf(DEV0.address), SUPPLY);
  assert.equal(await token.balanceOf(DEV1.address), 0n);
  // The mint is the standard's Transfer from the zero address.
  const minted = erc20Logs(receipt);
  assert.equal(minted.length, 1);
  assert.equal(minted[0].name, "Transfer");
  assert.deepEqual([...minted[0].args], [ethers.ZeroAddress, DEV0.address, SUPPLY]);
});

test("transfer returns true, emits Transfer with from and to indexed, and queryFilter finds it", { skip: TENET_ONLY }, async () => {
  assert.equal(await token.transfer.staticCall(DEV1.address, 250n), true);
  const tx = await token.transfer(DEV1.address, 250n);
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  assert.equal(receipt.logs.length, 1);
  const log = receipt.logs[0];
  assert.equal(log.address, address);
  // topic 0 is keccak256("Transfer(address,address,uint256)"), then from and to; the value is data.
  assert.deepEqual(log.topics, [ethers.id("Transfer(address,address,uint256)"), topic(DEV0.address), topic(DEV1.address)]);
  assert.equal(log.data, ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [250n]));
  const [event] = erc20Logs(receipt);
  assert.equal(event.name, "Transfer");
  assert.equal(event.args.from, DEV0.address);
  assert.equal(event.args.to, DEV1.address);
  assert.equal(event.args.value, 250n);
  assert.equal(await token.balanceOf(DEV1.address), 250n);
  assert.equal(await token.balanceOf(DEV0.address), SUPPLY - 250n);
  assert.equal(await token.totalSupply(), SUPPLY);
  const found = await token.queryFilter(token.filters.Transfer(null, DEV1.address), 0, "latest");
  assert.equal(found.length, 1);
  assert.equal(found[0].transactionHash, tx.hash);
});

test("approve emits Approval; transferFrom spends the allowance and emits Transfer", { skip: TENET_ONLY }, async () => {
  const approved = await (await token.approve(DEV1.address, 100n)).wait();
  assert.equal(approved.logs.length, 1);
  assert.deepEqual(approved.logs[0].topics,
                   [ethers.id("Approval(address,address,uint256)"), topic(DEV0.address), topic(DEV1.address)]);
  const [approval] = erc20Logs(approved);
  assert.equal(approval.name, "Approval");
  assert.deepEqual([...approval.args], [DEV0.address, DEV1.address, 100n]);
  assert.equal(await token.allowance(DEV0.address, DEV1.address), 100n);

  const spender = token.connect(new ethers.Wallet(DEV1.key, p));
  const moved = await (await spender.transferFrom(DEV0.address, DEV1.address, 60n)).wait();
  assert.equal(moved.status, 1);
  const events = erc20Logs(moved);
  assert.equal(events.length, 1); // a Transfer, and no Approval (as OpenZeppelin v5)
  assert.equal(events[0].name, "Transfer");
  assert.deepEqual([...events[0].args], [DEV0.address, DEV1.address, 60n]);
  assert.equal(await token.allowance(DEV0.address, DEV1.address), 40n);
  assert.equal(await token.balanceOf(DEV1.address), 310n);
});

test("failures revert with OpenZeppelin's error data, which the standard error ABI decodes", { skip: TENET_ONLY }, async () => {
  const balance = await token.balanceOf(DEV1.address);
  const spender = token.connect(new ethers.Wallet(DEV1.key, p));
  const tooMuch = balance + 1n;
  const expected = erc20.encodeErrorResult("ERC20InsufficientBalance", [DEV1.address, balance, tooMuch]);
  assert.equal(expected.slice(0, 10), "0xe450d38c");
  await assert.rejects(spender.transfer.staticCall(DEV0.address, tooMuch), (error) => {
    assert.equal(error.code, "CALL_EXCEPTION");
    assert.equal(error.data, expected);
    assert.equal(error.revert?.name, "ERC20InsufficientBalance");
    assert.deepEqual([...error.revert.args], [DEV1.address, balance, tooMuch]);
    return true;
  });
  // A send estimates gas first: the estimate's revert carries the same data, nothing is sent.
  const nonce = await p.getTransactionCount(DEV1.address);
  await assert.rejects(spender.transfer(DEV0.address, tooMuch), (error) => {
    assert.equal(error.code, "CALL_EXCEPTION");
    assert.equal(error.data, expected);
    return true;
  });
  assert.equal(await p.getTransactionCount(DEV1.address), nonce);
  // Beyond the allowance (40 left): ERC20InsufficientAllowance(spender, allowance, needed).
  await assert.rejects(spender.transferFrom.staticCall(DEV0.address, DEV1.address, 41n), (error) => {
    assert.equal(error.data, erc20.encodeErrorResult("ERC20InsufficientAllowance", [DEV1.address, 40n, 41n]));
    assert.equal(error.revert?.name, "ERC20InsufficientAllowance");
    return true;
  });
  // To the zero address: ERC20InvalidReceiver(0); approving the zero address: ERC20InvalidSpender(0).
  await assert.rejects(token.transfer.staticCall(ethers.ZeroAddress, 1n), (error) => {
    assert.equal(error.data, erc20.encodeErrorResult("ERC20InvalidReceiver", [ethers.ZeroAddress]));
    return true;
  });
  await assert.rejects(token.approve.staticCall(ethers.ZeroAddress, 1n), (error) => {
    assert.equal(error.data, erc20.encodeErrorResult("ERC20InvalidSpender", [ethers.ZeroAddress]));
    return true;
  });
  // A failing transfer sent with a fixed gas limit (no estimate) is mined with status 0.
  const tx = await spender.transfer(DEV0.address, tooMuch, { gasLimit: 200_000n });
  await assert.rejects(tx.wait(), (error) => {
    assert.equal(error.code, "CALL_EXCEPTION");
    assert.equal(error.receipt.status, 0);
    return true;
  });
  assert.equal(await token.balanceOf(DEV1.address), balance);
});

/// ERC-173 (contract ownership), as the standard writes it: the token's Ownable component
/// (std/access.tn) answers it unchanged.
const ERC173_ABI = [
  "function owner() view returns (address)",
  "function transferOwnership(address newOwner)",
  "event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)",
  "error OwnableUnauthorizedAccount(address account)",
];

test("ERC-173: owner, transferOwnership and OwnershipTransferred through the standard's ABI", { skip: TENET_ONLY }, async () => {
  const erc173 = new ethers.Interface(ERC173_ABI);
  const asOwner = new ethers.Contract(address, ERC173_ABI, new ethers.Wallet(DEV0.key, p));
  const asStranger = new ethers.Contract(address, ERC173_ABI, new ethers.Wallet(DEV1.key, p));
  assert.equal(await asOwner.owner(), DEV0.address);
  await assert.rejects(asStranger.transferOwnership.staticCall(DEV1.address), (error) => {
    assert.equal(error.data, erc173.encodeErrorResult("OwnableUnauthorizedAccount", [DEV1.address]));
    return true;
  });
  const receipt = await (await asOwner.transferOwnership(DEV1.address)).wait();
  const parsed = receipt.logs.map((log) => erc173.parseLog(log)).filter((log) => log !== null);
  assert.equal(parsed.length, 1);
  assert.equal(parsed[0].name, "OwnershipTransferred");
  assert.deepEqual([...parsed[0].args], [DEV0.address, DEV1.address]);
  assert.equal(await asOwner.owner(), DEV1.address);
});
