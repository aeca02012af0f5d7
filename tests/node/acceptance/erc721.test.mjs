// A Tenet ERC-721 collection (examples/nft, on std/erc721) through ethers v6 with the
// standard's own human-readable ABI — ERC-721, ERC-721 Metadata, ERC-165 and OpenZeppelin
// v5's errors, written here as a dapp or marketplace would carry them, not taken from the
// artifact: both safeTransferFrom overloads by signature, Transfer / Approval /
// ApprovalForAll logs with their three indexed topics, supportsInterface for the IDs.
// The artifact is used only to deploy (its bytecode, and its ABI for the constructor).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { ethers } from "ethers";
import { DEV0, DEV1, TENET_ONLY, runTenet, startNode, tempDir } from "./support/node_process.mjs";
import { provider } from "./support/clients.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");

/// ERC-721 + ERC721Metadata + ERC-165, as in the EIPs, with OpenZeppelin v5's errors.
const ERC721_ABI = [
  "event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)",
  "event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)",
  "event ApprovalForAll(address indexed owner, address indexed operator, bool approved)",
  "function balanceOf(address owner) view returns (uint256)",
  "function ownerOf(uint256 tokenId) view returns (address)",
  "function safeTransferFrom(address from, address to, uint256 tokenId, bytes data)",
  "function safeTransferFrom(address from, address to, uint256 tokenId)",
  "function transferFrom(address from, address to, uint256 tokenId)",
  "function approve(address to, uint256 tokenId)",
  "function setApprovalForAll(address operator, bool approved)",
  "function getApproved(uint256 tokenId) view returns (address)",
  "function isApprovedForAll(address owner, address operator) view returns (bool)",
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function tokenURI(uint256 tokenId) view returns (string)",
  "function supportsInterface(bytes4 interfaceId) view returns (bool)",
  "error ERC721InvalidOwner(address owner)",
  "error ERC721NonexistentToken(uint256 tokenId)",
  "error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)",
  "error ERC721InvalidSender(address sender)",
  "error ERC721InvalidReceiver(address receiver)",
  "error ERC721InsufficientApproval(address operator, uint256 tokenId)",
  "error ERC721InvalidApprover(address approver)",
  "error ERC721InvalidOperator(address operator)",
];
/// ERC-2981.
const ERC2981_ABI = [
  "function royaltyInfo(uint256 tokenId, uint256 salePrice) view returns (address receiver, uint256 royaltyAmount)",
];
/// The example's own mint (not part of any standard).
const COLLECTION_ABI = ["function owner_mint(address to, uint256 quantity)"];

const DEV2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

let node;
let build;
let nft; // the collection under the standard's ABI, DEV0's wallet
let nftAsDev1;
let royalties;

/// Builds examples/nft in a temporary copy (std/ resolved in this repository's stdlib unless
/// TENET_STDLIB says otherwise) and resolves to {dir, artifact(name)}.
async function buildExample() {
  process.env.TENET_STDLIB ??= path.join(repo, "stdlib");
  const dir = tempDir("tenet-acceptance-nft-");
  fs.cpSync(path.join(repo, "examples/nft/src"), path.join(dir, "src"), { recursive: true });
  fs.copyFileSync(path.join(repo, "examples/nft/tenet.toml"), path.join(dir, "tenet.toml"));
  const built = await runTenet(["build", "--root", dir]);
  if (built.code !== 0) throw new Error(`tenet build failed: ${built.stdout}${built.stderr}`);
  return {
    dir,
    artifact: (name) => JSON.parse(fs.readFileSync(path.join(dir, "out", `${name}.json`), "utf8")),
  };
}

before(async () => {
  if (TENET_ONLY) return;
  build = await buildExample();
  node = await startNode();
  const p = provider(node.url);
  const wallet = new ethers.Wallet(DEV0.key, p);
  const artifact = build.artifact("Collection");
  const factory = new ethers.ContractFactory(artifact.abi, artifact.bytecode, wallet);
  const deployed = await factory.deploy("Tenet Cats", "TCAT", "ipfs://cats/", 100n, 10n ** 16n,
                                        DEV2, 500n);
  await deployed.waitForDeployment();
  const address = await deployed.getAddress();
  nft = new ethers.Contract(address, [...ERC721_ABI, ...COLLECTION_ABI], wallet);
  nftAsDev1 = nft.connect(new ethers.Wallet(DEV1.key, p));
  royalties = new ethers.Contract(address, ERC2981_ABI, p);
});
after(async () => {
  await node?.stop();
  if (build) fs.rmSync(build.dir, { recursive: true, force: true });
});

/// The logs of a receipt parsed with the standard ABI (every log must parse).
function parsed(receipt) {
  return receipt.logs.map((log) => {
    const event = nft.interface.parseLog(log);
    assert.ok(event, `a log the standard ABI does not know: ${JSON.stringify(log)}`);
    return event;
  });
}

test("metadata and ERC-165 answer as the standard says", { skip: TENET_ONLY }, async () => {
  assert.equal(await nft.name(), "Tenet Cats");
  assert.equal(await nft.symbol(), "TCAT");
  assert.equal(await nft.supportsInterface("0x01ffc9a7"), true); // ERC-165
  assert.equal(await nft.supportsInterface("0x80ac58cd"), true); // ERC-721
  assert.equal(await nft.supportsInterface("0x5b5e139f"), true); // ERC-721 Metadata
  assert.equal(await nft.supportsInterface("0x2a55205a"), true); // ERC-2981
  assert.equal(await nft.supportsInterface("0xffffffff"), false); // ERC-165 says: never
  assert.equal(await nft.supportsInterface("0x780e9d63"), false); // ERC-721 Enumerable: no
});

test("the example's mint emits Transfer with three indexed topics", { skip: TENET_ONLY }, async () => {
  const receipt = await (await nft.owner_mint(DEV0.address, 2n)).wait();
  assert.equal(receipt.status, 1);
  const transfer = nft.interface.getEvent("Transfer");
  assert.equal(receipt.logs.length, 2);
  for (const [i, log] of receipt.logs.entries()) {
    assert.equal(log.topics.length, 4); // topic 0 + from, to, tokenId
    assert.equal(log.topics[0], transfer.topicHash);
    assert.equal(log.data, "0x");
    assert.equal(BigInt(log.topics[3]), BigInt(i + 1));
  }
  const events = parsed(receipt);
  assert.deepEqual(events.map((e) => [e.name, ...e.args]), [
    ["Transfer", ethers.ZeroAddress, DEV0.address, 1n],
    ["Transfer", ethers.ZeroAddress, DEV0.address, 2n],
  ]);
  assert.equal(await nft.ownerOf(1n), DEV0.address);
  assert.equal(await nft.balanceOf(DEV0.address), 2n);
  assert.equal(await nft.tokenURI(2n), "ipfs://cats/2.json");
  const found = await nft.queryFilter(nft.filters.Transfer(ethers.ZeroAddress, null, 2n), 0, "latest");
  assert.equal(found.length, 1);
  assert.equal(found[0].transactionHash, receipt.hash);
});

test("approve / getApproved, then transferFrom by the approved account", { skip: TENET_ONLY }, async () => {
  const receipt = await (await nft.approve(DEV1.address, 1n)).wait();
  assert.deepEqual(parsed(receipt).map((e) => [e.name, ...e.args]),
                   [["Approval", DEV0.address, DEV1.address, 1n]]);
  assert.equal(receipt.logs[0].topics.length, 4);
  assert.equal(await nft.getApproved(1n), DEV1.address);
  const moved = await (await nftAsDev1.transferFrom(DEV0.address, DEV2, 1n)).wait();
  assert.deepEqual(parsed(moved).map((e) => [e.name, ...e.args]),
                   [["Transfer", DEV0.address, DEV2, 1n]]);
  assert.equal(await nft.ownerOf(1n), DEV2);
  assert.equal(await nft.getApproved(1n), ethers.ZeroAddress); // cleared by the transfer
});

test("setApprovalForAll / isApprovedForAll; the operator moves with both safeTransferFrom overloads", { skip: TENET_ONLY }, async () => {
  const receipt = await (await nft.setApprovalForAll(DEV1.address, true)).wait();
  const [event] = parsed(receipt);
  assert.equal(event.name, "ApprovalForAll");
  assert.deepEqual([...event.args], [DEV0.address, DEV1.address, true]);
  assert.equal(receipt.logs[0].topics.length, 3); // owner and operator indexed, approved in data
  assert.equal(await nft.isApprovedForAll(DEV0.address, DEV1.address), true);

  // The three-argument overload (selector 0x42842e0e), by its full signature.
  const safe3 = nftAsDev1["safeTransferFrom(address,address,uint256)"];
  assert.equal(safe3.fragment.selector, "0x42842e0e");
  const tx3 = await safe3(DEV0.address, DEV1.address, 2n);
  assert.equal(tx3.data.slice(0, 10), "0x42842e0e");
  assert.deepEqual(parsed(await tx3.wait()).map((e) => [e.name, ...e.args]),
                   [["Transfer", DEV0.address, DEV1.address, 2n]]);
  assert.equal(await nft.ownerOf(2n), DEV1.address);

  // The overload with data (0xb88d4fde): DEV1 sends it back with some bytes.
  const safe4 = nftAsDev1["safeTransferFrom(address,address,uint256,bytes)"];
  assert.equal(safe4.fragment.selector, "0xb88d4fde");
  const tx4 = await safe4(DEV1.address, DEV0.address, 2n, "0xc0ffee");
  assert.equal(tx4.data.slice(0, 10), "0xb88d4fde");
  assert.deepEqual(parsed(await tx4.wait()).map((e) => [e.name, ...e.args]),
                   [["Transfer", DEV1.address, DEV0.address, 2n]]);
  assert.equal(await nft.ownerOf(2n), DEV0.address);
  assert.equal(await nft.balanceOf(DEV1.address), 0n);
});

test("OpenZeppelin's custom errors decode with the standard ABI", { skip: TENET_ONLY }, async () => {
  await assert.rejects(nft.ownerOf(99n), (error) => {
    assert.equal(error.revert?.name, "ERC721NonexistentToken");
    assert.deepEqual([...error.revert.args], [99n]);
    return true;
  });
  await assert.rejects(nft.balanceOf(ethers.ZeroAddress), (error) => {
    assert.equal(error.revert?.name, "ERC721InvalidOwner");
    return true;
  });
  // DEV2 owns token 1; DEV1 is an operator of DEV0 only.
  await assert.rejects(nftAsDev1.transferFrom.staticCall(DEV2, DEV1.address, 1n), (error) => {
    assert.equal(error.revert?.name, "ERC721InsufficientApproval");
    assert.deepEqual([...error.revert.args], [DEV1.address, 1n]);
    return true;
  });
  // A contract without onERC721Received (the collection itself) refuses a safe transfer.
  const self = await nft.getAddress();
  await assert.rejects(nft["safeTransferFrom(address,address,uint256)"].staticCall(DEV0.address, self, 2n),
                       (error) => {
    assert.equal(error.revert?.name, "ERC721InvalidReceiver");
    assert.deepEqual([...error.revert.args], [self]);
    return true;
  });
});

test("ERC-2981 royaltyInfo: 5 % to the receiver", { skip: TENET_ONLY }, async () => {
  const [receiver, amount] = await royalties.royaltyInfo(1n, ethers.parseEther("2"));
  assert.equal(receiver, DEV2);
  assert.equal(amount, ethers.parseEther("0.1"));
});
