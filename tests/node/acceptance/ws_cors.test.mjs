// A browser dapp's view of the node: CORS on the HTTP answers (the preflight a browser sends
// before a JSON POST, Access-Control-Allow-Origin on the POST's answer, --allow-origin), and
// ethers' WebSocketProvider on the same port receiving new blocks (eth_subscribe newHeads)
// and a contract's events (eth_subscribe logs with the contract's address and topics).
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import { ethers } from "ethers";
import { CHAIN_ID, DEV0, DEV1, NODE_KIND, TENET_ONLY, buildPrograms, startNode } from "./support/node_process.mjs";
import { provider } from "./support/clients.mjs";

/// The skip option of a test whose assertion anvil does not meet (`wording`: anvil's answer).
const anvilSays = (wording) => NODE_KIND === "anvil" && `anvil 1.7.1 answers ${wording}`;

const ORIGIN = "https://example.org";

let node;
let programs;
before(async () => {
  if (!TENET_ONLY) programs = await buildPrograms();
  node = await startNode();
});
after(async () => {
  await node?.stop();
  if (programs) fs.rmSync(programs.dir, { recursive: true, force: true });
});

/// The preflight a browser sends before a cross-origin JSON POST with one custom header.
function preflight(url) {
  return fetch(url, {
    method: "OPTIONS",
    headers: { Origin: ORIGIN, "Access-Control-Request-Method": "POST",
               "Access-Control-Request-Headers": "content-type, x-request-id" },
  });
}

/// A cross-origin POST of eth_chainId; resolves to the fetch Response.
function corsPost(url) {
  return fetch(url, {
    method: "POST",
    headers: { Origin: ORIGIN, "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
  });
}

/// The comma-separated values of a header, lower case and trimmed.
const listOf = (value) => (value ?? "").split(",").map((v) => v.trim().toLowerCase()).filter(Boolean);

test("CORS preflight: Allow-Origin *, Allow-Methods with POST, Allow-Headers with content-type", async () => {
  const answer = await preflight(node.url);
  assert.ok(answer.ok, `status ${answer.status}`);
  assert.equal(answer.headers.get("access-control-allow-origin"), "*");
  assert.ok(listOf(answer.headers.get("access-control-allow-methods")).includes("post"),
            `methods: ${answer.headers.get("access-control-allow-methods")}`);
  assert.ok(listOf(answer.headers.get("access-control-allow-headers")).includes("content-type"),
            `headers: ${answer.headers.get("access-control-allow-headers")}`);
});

test("CORS preflight: 204, the requested headers echoed, POST and OPTIONS allowed, max age 86400",
     { skip: anvilSays('200 with "Access-Control-Allow-Headers: content-type" and "Allow-Methods: GET,POST"') },
     async () => {
  const answer = await preflight(node.url);
  assert.equal(answer.status, 204);
  assert.equal(await answer.text(), "");
  assert.deepEqual(listOf(answer.headers.get("access-control-allow-headers")), ["content-type", "x-request-id"]);
  assert.deepEqual(listOf(answer.headers.get("access-control-allow-methods")), ["post", "options"]);
  assert.equal(answer.headers.get("access-control-max-age"), "86400");
});

test("a cross-origin POST's answer carries Access-Control-Allow-Origin: *", async () => {
  const answer = await corsPost(node.url);
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get("access-control-allow-origin"), "*");
  assert.equal(BigInt((await answer.json()).result), CHAIN_ID);
});

test("--allow-origin https://example.org: the preflight and the POST answer that origin", async () => {
  const flags = ["--allow-origin", ORIGIN];
  const restricted = await startNode({ args: flags, anvilArgs: flags });
  try {
    const pre = await preflight(restricted.url);
    assert.ok(pre.ok, `status ${pre.status}`);
    assert.equal(pre.headers.get("access-control-allow-origin"), ORIGIN);
    const post = await corsPost(restricted.url);
    assert.equal(post.status, 200);
    assert.equal(post.headers.get("access-control-allow-origin"), ORIGIN);
    assert.equal(BigInt((await post.json()).result), CHAIN_ID);
  } finally {
    await restricted.stop();
  }
});

/// An ethers WebSocketProvider on the node's port (ws://127.0.0.1:PORT).
function wsProvider() {
  return new ethers.WebSocketProvider(node.url.replace(/^http/, "ws"), Number(CHAIN_ID));
}

/// Resolves once `count` eth_subscribe requests sent through `ws` from now on are answered
/// (read from ethers' "debug" events). ethers' `on(…)` does not wait for its eth_subscribe
/// (a contract's `on` does not even send it before returning): a transaction sent at once
/// could be mined before the subscription exists, and its block or logs never notified.
function subscribed(ws, count) {
  const pending = new Set();
  let answered = 0;
  return new Promise((resolve) => {
    ws.on("debug", (info) => {
      if (info.action === "sendRpcPayload" && info.payload.method === "eth_subscribe") pending.add(info.payload.id);
      if (info.action !== "receiveRpcResult") return;
      for (const { id } of info.result) {
        if (pending.delete(id) && ++answered === count) resolve();
      }
    });
  });
}

/// Rejects after `ms` naming `what` (so a missing notification fails instead of hanging).
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test("WebSocketProvider: provider.on('block') receives the block of a transfer (newHeads)", async () => {
  const ws = wsProvider();
  try {
    const blocks = [];
    let heard;
    const seen = new Promise((resolve) => { heard = resolve; });
    const ready = subscribed(ws, 1);
    await ws.on("block", (number) => { blocks.push(number); heard(number); });
    await within(5_000, "answer to eth_subscribe", ready);
    const http = provider(node.url);
    const wallet = new ethers.Wallet(DEV0.key, http);
    const receipt = await (await wallet.sendTransaction({ to: DEV1.address, value: 1n })).wait();
    assert.equal(await within(5_000, "newHeads notification", seen), receipt.blockNumber);
    assert.deepEqual(blocks, [receipt.blockNumber]); // one block mined, one notification
    // The header notified is the block the transfer is in.
    const block = await ws.getBlock(receipt.blockNumber);
    assert.equal(block.hash, receipt.blockHash);
    assert.deepEqual(block.transactions, [receipt.hash]);
    http.destroy();
  } finally {
    await ws.destroy();
  }
});

test("eth_subscribe newHeads gives an id; eth_unsubscribe answers true, then false", async () => {
  const ws = wsProvider();
  try {
    const id = await ws.send("eth_subscribe", ["newHeads"]);
    assert.match(id, /^0x[0-9a-f]+$/i);
    assert.equal(await ws.send("eth_unsubscribe", [id]), true);
    assert.equal(await ws.send("eth_unsubscribe", [id]), false);
  } finally {
    await ws.destroy();
  }
});

test("WebSocketProvider: a Token's Transfer reaches a contract listener and a {address, topics} listener (logs)",
     { skip: TENET_ONLY }, async () => {
  const http = provider(node.url);
  const ws = wsProvider();
  try {
    const wallet = new ethers.Wallet(DEV0.key, http);
    const artifact = programs.artifact("Token");
    const deployed = await new ethers.ContractFactory(artifact.abi, artifact.bytecode, wallet).deploy("Tenet Token", "TT", 1000n);
    await deployed.waitForDeployment();
    const address = await deployed.getAddress();

    // The same contract seen through the WebSocket provider: its events arrive by eth_subscribe.
    const watched = new ethers.Contract(address, artifact.abi, ws);
    const ready = subscribed(ws, 2);
    let contractHeard;
    const byContract = new Promise((resolve) => { contractHeard = resolve; });
    await watched.on("Transfer", (from, to, amount, payload) => contractHeard({ from, to, amount, log: payload.log }));
    const topic = watched.interface.getEvent("Transfer").topicHash;
    const filter = { address, topics: [topic, ethers.zeroPadValue(DEV0.address, 32)] };
    let filterHeard;
    const byFilter = new Promise((resolve) => { filterHeard = resolve; });
    await ws.on(filter, (log) => filterHeard(log));
    await within(5_000, "answers to eth_subscribe", ready);

    const tx = await deployed.transfer(DEV1.address, 250n);
    const receipt = await tx.wait();
    assert.equal(receipt.status, 1);

    const event = await within(5_000, "Transfer through the contract listener", byContract);
    assert.deepEqual([event.from, event.to, event.amount], [DEV0.address, DEV1.address, 250n]);
    assert.equal(event.log.transactionHash, tx.hash);
    assert.equal(event.log.blockNumber, receipt.blockNumber);

    const log = await within(5_000, "log through the {address, topics} listener", byFilter);
    assert.equal(log.address, address);
    assert.equal(log.transactionHash, tx.hash);
    assert.equal(log.blockHash, receipt.blockHash);
    assert.deepEqual(log.topics, [topic, ethers.zeroPadValue(DEV0.address, 32), ethers.zeroPadValue(DEV1.address, 32)]);
    assert.equal(BigInt(log.data), 250n);
  } finally {
    http.destroy();
    await ws.destroy();
  }
});
