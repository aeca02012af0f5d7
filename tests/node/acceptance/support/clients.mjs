// Client helpers shared by the test files: an ethers provider configured as the plan says,
// cast run as a child process, and the check of a JSON-RPC error against toolchain.md §4.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ethers } from "ethers";
import { CAST_BIN, CHAIN_ID } from "./node_process.mjs";

const run = promisify(execFile);

/// An ethers JsonRpcProvider with a static network (no eth_chainId before every call), the
/// request cache off and a 50 ms polling interval.
export function provider(url) {
  return new ethers.JsonRpcProvider(url, Number(CHAIN_ID),
                                    { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
}

/// Runs `cast <args…>` and resolves to its standard output, trimmed; rejects with cast's
/// standard error when it exits non-zero.
export async function cast(...args) {
  try {
    const { stdout } = await run(CAST_BIN, args, { timeout: 30_000 });
    return stdout.trim();
  } catch (error) {
    throw new Error(`cast ${args.join(" ")} failed: ${error.stderr ?? error.message}`);
  }
}

/// Asserts that a JSON-RPC answer is an error with `code` whose message contains `phrase`
/// (toolchain.md §4's error table); a null `code` checks the phrase alone. The phrase is matched case-insensitively, as ethers
/// matches it (providers/provider-jsonrpc.js: /nonce/i and /too low/i, /insufficient funds/i).
export function assertRpcError(answer, code, phrase) {
  assert.ok(answer.error, `expected an error, got ${JSON.stringify(answer)}`);
  if (code !== null) assert.equal(answer.error.code, code, `code of ${JSON.stringify(answer.error)}`);
  assert.match(answer.error.message, new RegExp(phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"),
               `message of ${JSON.stringify(answer.error)}`);
}
