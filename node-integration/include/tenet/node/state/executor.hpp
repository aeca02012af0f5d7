#pragma once
/// \file
/// Running one transaction on a JournaledHost the way a block does (nonce, fees, intrinsic
/// gas, refunds, coinbase tip, burnt base fee), and the read-only runs behind eth_call and
/// eth_estimateGas. The same function mines, replays (--verify) and restarts: one path.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tenet/node/common/refusal.hpp"
#include "tenet/node/state/state_override.hpp"
#include "tenet/node/state/state_view.hpp"
#include "tenet/node/tx/transaction.hpp"
#include "tenet/vm/journaled_host.hpp"

namespace tenet::node {

/// The block a transaction runs in (what the VM's context instructions read). Built by
/// chain/block_env.hpp (new_block_env, existing_block_env), so that mining, --verify's
/// replay, eth_call and traces fill every field the same way.
struct BlockEnv {
  uint64_t number = 0;
  uint64_t timestamp = 0;
  uint64_t gas_limit = 0;
  Address coinbase;
  Word base_fee;
  Word chain_id;
  /// block.difficulty: the header's (every block of a node has genesis' difficulty).
  Word difficulty;
  /// BLOCKHASH: the hashes of this block's ancestors (empty: zero for every block).
  vm::BlockHashLookup block_hash;
};

/// The VM context of a transaction from `origin` paying `gas_price` per gas in `block`
/// (what tx.origin, tx.gas_price and the block.* instructions read).
vm::TxContext tx_context(const BlockEnv& block, const Address& origin, const Word& gas_price);

/// What one executed transaction did. Failed transactions (revert, out of gas, trap, invalid
/// code) are still included in a block: they keep the nonce and pay the fee.
struct TxOutcome {
  vm::Status status = vm::Status::Success;
  /// Gas charged: gas limit − gas left (the whole limit unless Success/Revert).
  uint64_t gas_used = 0;
  /// The price per gas paid (effective_gas_price at the block's base fee).
  Word effective_gas_price;
  /// The logs of a successful transaction (none when it failed).
  std::vector<vm::LogEntry> logs;
  /// A deployment's CREATE address (named even when the creation failed, as geth does).
  std::optional<Address> contract_address;
  /// Return data, or revert data.
  Bytes output;
  /// The VM's reason for a trap/invalid/VM-level refusal (diagnostic only).
  std::string reason;
};

/// Checks the data of a deployment: a container (framing within 24,576 bytes, then the
/// validator without cheat codes, for it and for every child it embeds, depth first) followed by
/// the constructor arguments. Returns the container's size (where the arguments start), or
/// "invalid container: <message>" (a child's message is prefixed "child N: "). The pool's
/// admission and execute_transaction use this one check.
Result<std::size_t, Refusal> check_deployment_code(ByteView data);

/// Ethereum's intrinsic gas (tx/intrinsic_gas.hpp) plus vm::cold_code_cost of the recipient's
/// code size for a call (docs/vm.md: a transaction pays its recipient's code load).
uint64_t transaction_intrinsic_gas(const Transaction& tx, std::size_t recipient_code_size);

/// Executes `tx` from `sender` in `host` (whose backend is the parent state, and which may
/// hold the block's earlier transactions). Refuses — leaving the host exactly as it was — a
/// transaction check_transaction refuses, a nonce ≠ the sender's ("nonce too low" / "nonce too
/// high"), gas limit above `block_gas_left` ("exceeds block gas limit"), fee cap below the base
/// fee, intrinsic gas above the gas limit, a deployment check_deployment_code refuses, balance
/// below gas × fee cap + value.
/// Otherwise: begin_transaction(sender, to), warms the coinbase and the access list, charges
/// gas × price, runs the call (nonce + 1 first) or the creation (the container from `data`,
/// constructor arguments after it), refunds the gas left, pays the coinbase (price − base fee)
/// per gas used and burns the base fee. Logs: those the transaction emitted.
Result<TxOutcome, Refusal> execute_transaction(vm::JournaledHost& host, const BlockEnv& block,
                                               const Transaction& tx, const Address& sender,
                                               uint64_t block_gas_left);

/// An eth_call / eth_estimateGas request (every field optional as in JSON-RPC).
struct CallRequest {
  std::optional<Address> from;
  std::optional<Address> to;
  std::optional<uint64_t> gas;
  Word value;
  Word gas_price;
  Bytes data;
  std::vector<AccessListEntry> access_list;
};

/// Runs `request` on `host` without fees or nonce checks (gas default: the block gas limit;
/// from default: the zero address); a creation when `to` is absent. The caller discards the
/// host (or rolls it back) afterwards.
TxOutcome simulate_call(vm::JournaledHost& host, const BlockEnv& block, const CallRequest& request);

/// The least gas limit with which `request` succeeds on `state` (with `overlay`, may be null):
/// runs at the cap (gas or the block limit); a failure there is returned as the outcome;
/// otherwise tries gas_used, then binary-searches (at most 24 runs; the 63/64 rule can need
/// more than gas_used). Each run uses a fresh host on `vm`.
Result<uint64_t, TxOutcome> estimate_gas(const StateView& state,
                                         const std::vector<StateOverride>* overlay,
                                         const BlockEnv& block, const CallRequest& request,
                                         vm::Vm& vm);

}  // namespace tenet::node
