// Test vectors for stdlib/tests/crypto.t.tn, computed with ethers v6.
//
//   node stdlib/tests/vectors/crypto_vectors.mjs
//
// ethers is taken from tests/ethers (run `npm ci` there first), or from the path in
// $ETHERS. The private key is the first anvil/hardhat development key (public, never
// for real funds). Everything below is deterministic (RFC 6979 signatures), so the
// output is the same on every run; crypto.t.tn holds it as constants.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ethers = require(process.env.ETHERS ??
    path.join(here, "../../../tests/ethers/node_modules/ethers"));

const KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const wallet = new ethers.Wallet(KEY);
const N = BigInt("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
const hex32 = (n) => ethers.toBeHex(n, 32);
const out = (name, value) => console.log(`${name} = ${value}`);

out("key", KEY);
out("address", wallet.address);

// ECDSA over a raw digest.
const digest = ethers.keccak256(ethers.toUtf8Bytes("tenet std/crypto"));
const raw = wallet.signingKey.sign(digest);
out("raw.digest", digest);
out("raw.v", raw.v);
out("raw.r", raw.r);
out("raw.s", raw.s);
out("raw.serialized", raw.serialized);
// Its malleable twin: s' = n - s with v flipped recovers the same key; OpenZeppelin rejects it.
const twinS = hex32(N - BigInt(raw.s));
out("twin.v", raw.v === 27 ? 28 : 27);
out("twin.s", twinS);
// (ethers itself refuses to recover from it: "non-canonical s".)

// EIP-191 personal messages.
for (const [name, message] of [["msg.hello", "Hello, Tenet!"], ["msg.empty", ""],
                               ["msg.long", "x".repeat(100)]]) {
    out(`${name}.hash`, ethers.hashMessage(message));
    out(`${name}.sig`, await wallet.signMessage(message));
}
const h = ethers.keccak256(ethers.toUtf8Bytes("an order id"));
out("msg.hash32.hash", h);
out("msg.hash32.digest", ethers.hashMessage(ethers.getBytes(h)));
out("msg.hash32.sig", await wallet.signMessage(ethers.getBytes(h)));

// EIP-712: a Permit, as ERC-2612 defines it.
const domain = { name: "Tenet Token", version: "1", chainId: 31337,
                 verifyingContract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" };
const types = { Permit: [
    { name: "owner", type: "address" }, { name: "spender", type: "address" },
    { name: "value", type: "uint256" }, { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" }] };
const permit = { owner: wallet.address, spender: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                 value: 1000n * 10n ** 18n, nonce: 0n, deadline: 1893456000n };
out("eip712.domain_type_hash", ethers.id(
    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"));
out("eip712.name_hash", ethers.id(domain.name));
out("eip712.version_hash", ethers.id(domain.version));
out("eip712.domain_separator", ethers.TypedDataEncoder.hashDomain(domain));
out("eip712.permit_type_hash", ethers.id(ethers.TypedDataEncoder.from(types).encodeType("Permit")));
out("eip712.permit_struct_hash", ethers.TypedDataEncoder.hashStruct("Permit", types, permit));
out("eip712.digest", ethers.TypedDataEncoder.hash(domain, types, permit));
out("eip712.sig", await wallet.signTypedData(domain, types, permit));

// A sorted-pair Merkle tree over five leaves. Leaf = keccak256(keccak256(abi.encode(
// address, uint256))), the double hash of @openzeppelin/merkle-tree's StandardMerkleTree;
// a node = keccak256 of its two children, smaller first (OpenZeppelin's MerkleProof,
// merkletreejs `sortPairs: true`); a last node without a sibling moves up unchanged
// (merkletreejs without `duplicateOdd`).
const coder = ethers.AbiCoder.defaultAbiCoder();
const accounts = [1, 2, 3, 4, 5].map((i) => ethers.getAddress(hex32(i * 0x1111).slice(-40)));
const leaves = accounts.map((a, i) => ethers.keccak256(ethers.keccak256(
    coder.encode(["address", "uint256"], [a, (i + 1) * 100]))));
const hashPair = (a, b) => ethers.keccak256(ethers.concat(BigInt(a) < BigInt(b) ? [a, b] : [b, a]));
const layers = [leaves];
while (layers.at(-1).length > 1) {
    const below = layers.at(-1), above = [];
    for (let i = 0; i < below.length; i += 2)
        above.push(i + 1 < below.length ? hashPair(below[i], below[i + 1]) : below[i]);
    layers.push(above);
}
const proof = (index) => {
    const p = [];
    for (const layer of layers.slice(0, -1)) {
        const sibling = index ^ 1;
        if (sibling < layer.length) p.push(layer[sibling]);
        index >>= 1;
    }
    return p;
};
out("merkle.root", layers.at(-1)[0]);
leaves.forEach((leaf, i) => {
    out(`merkle.leaf${i}.account`, accounts[i]);
    out(`merkle.leaf${i}.amount`, (i + 1) * 100);
    out(`merkle.leaf${i}`, leaf);
    out(`merkle.proof${i}`, `[${proof(i).join(", ")}]`);
});
