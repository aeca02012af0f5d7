// Verifying what tenet node answers without trusting it: the block hash recomputed from the
// London header fields (keccak256 of their RLP) and EIP-1186 proofs walked from a state root,
// written from the Yellow Paper (appendix D) with ethers' RLP and keccak only.
import assert from "node:assert/strict";
import { ethers } from "ethers";

/// An RLP integer: minimal big-endian bytes, none for zero.
function quantity(value) {
  const n = BigInt(value);
  return n === 0n ? "0x" : ethers.toBeHex(n);
}

/// keccak256 of the RLP of a block's 16 London header fields, from an eth_getBlockBy* answer.
export function headerHash(block) {
  return ethers.keccak256(ethers.encodeRlp([
    block.parentHash, block.sha3Uncles, block.miner, block.stateRoot, block.transactionsRoot,
    block.receiptsRoot, block.logsBloom, quantity(block.difficulty), quantity(block.number),
    quantity(block.gasLimit), quantity(block.gasUsed), quantity(block.timestamp), block.extraData,
    block.mixHash, block.nonce, quantity(block.baseFeePerGas),
  ]));
}

function nibbles(hex) {
  return [...ethers.getBytes(hex)].flatMap((b) => [b >> 4, b & 15]);
}

/// Hex-prefix decoding of a leaf's or extension's path: [nibbles, isLeaf].
function hexPrefix(encoded) {
  const all = nibbles(encoded);
  const flag = all[0];
  return [all.slice(flag & 1 ? 1 : 2), (flag & 2) !== 0];
}

/// Walks `proof` (hex RLP nodes, root first) for `key` (hex bytes, already hashed for secure
/// tries) from `root`, checking every hash link; returns the value (hex) or null when the
/// proof shows the key is absent. Throws when the proof does not hold.
export function verifyProof(root, key, proof) {
  let path = nibbles(key);
  let next = 0;
  const load = (reference) => {
    if (Array.isArray(reference)) return reference; // a node under 32 bytes, inline
    assert.ok(next < proof.length, `proof ends before ${reference}`);
    const encoded = proof[next++];
    assert.equal(ethers.keccak256(encoded), reference, `proof node ${next - 1} does not hash to its reference`);
    return ethers.decodeRlp(encoded);
  };
  if (proof.length === 0) {
    assert.equal(root, "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421", "empty proof of a non-empty trie");
    return null;
  }
  let node = load(root);
  for (;;) {
    if (!Array.isArray(node)) {
      // RLP("") = 0x80: the empty trie's root node, as some nodes send it.
      assert.equal(node, "0x", "a trie node is a list");
      return null;
    }
    if (node.length === 17) {
      if (path.length === 0) return node[16] === "0x" ? null : node[16];
      const child = node[path[0]];
      path = path.slice(1);
      if (child === "0x") return null;
      node = load(child);
    } else {
      assert.equal(node.length, 2, "a trie node has 2 or 17 items");
      const [segment, leaf] = hexPrefix(node[0]);
      const matches = segment.every((n, i) => path[i] === n);
      if (leaf) return matches && segment.length === path.length ? node[1] : null;
      if (!matches) return null;
      path = path.slice(segment.length);
      node = load(node[1]);
    }
  }
}

/// Verifies an eth_getProof answer against `stateRoot`: the account proof proves the account
/// fields it states (or its absence), and each storage proof proves its value under storageHash.
export function verifyAccountProof(stateRoot, address, answer) {
  const leaf = verifyProof(stateRoot, ethers.keccak256(address), answer.accountProof);
  if (leaf === null) {
    assert.equal(BigInt(answer.nonce), 0n);
    assert.equal(BigInt(answer.balance), 0n);
  } else {
    const [nonce, balance, storageHash, codeHash] = ethers.decodeRlp(leaf);
    assert.equal(BigInt(nonce === "0x" ? 0 : nonce), BigInt(answer.nonce), "nonce");
    assert.equal(BigInt(balance === "0x" ? 0 : balance), BigInt(answer.balance), "balance");
    assert.equal(storageHash, answer.storageHash, "storageHash");
    assert.equal(codeHash, answer.codeHash, "codeHash");
  }
  for (const slot of answer.storageProof) {
    const key = ethers.keccak256(ethers.zeroPadValue(ethers.toBeHex(BigInt(slot.key)), 32));
    const value = verifyProof(answer.storageHash, key, slot.proof);
    const proven = value === null ? 0n : BigInt(ethers.decodeRlp(value));
    assert.equal(proven, BigInt(slot.value), `storage slot ${slot.key}`);
  }
}
