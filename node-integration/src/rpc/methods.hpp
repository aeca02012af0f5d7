#pragma once
/// \file
/// What the method handlers share: the call they answer (the node, the artifacts, the params)
/// and the reads most of them start with (a block reference resolved to a header, the state
/// there with "latest"'s pending overrides, a parameter by position). The handlers themselves
/// are declared from the method table (method_table.hpp) and defined in methods_*.cpp.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "envelope.hpp"
#include "params.hpp"
#include "tenet/node/rpc/artifacts.hpp"
#include "tenet/node/rpc/rpc_handler.hpp"
#include "tenet/node/service/node_service.hpp"
#include "tenet/node/state/trie_backend.hpp"
#include "tenet/vm/state_backend.hpp"

namespace tenet::node::rpc {

/// One call of a method: the node, the artifacts and the params (an array whose size the
/// table's bounds have been checked against).
struct MethodCall {
  NodeService& service;
  const ArtifactIndex& artifacts;
  const nlohmann::json& params;
  /// Who asks (remote or not, the connection's subscriptions).
  const RequestContext& context;
  /// Parameter `i`, or null when the array is shorter (an omitted optional parameter).
  const nlohmann::json& param(std::size_t i) const;
};

/// A method's handler.
using MethodHandler = MethodResult (*)(const MethodCall& call);

/// The answer to a failed read of the store (a missing or malformed trie node): -32603
/// "internal error: …". Not a refusal: the node's data is damaged.
MethodError internal_error(const std::string& message);

/// A refusal as a method's error.
inline MethodError refused(RefusalKind kind, std::string detail = {}) {
  return error_of(Refusal{kind, std::move(detail)});
}

/// The header `ref` names: latest → the head; earliest → block 0; a number → the canonical
/// block (refused above the head); a hash → that block (with requireCanonical, only when
/// canonical). Refusals name parameter `index`: "invalid params: parameter 2: block 0x9 not
/// found (head is 0x5)".
Result<Header, MethodError> resolve_block(const MethodCall& call, const BlockRef& ref,
                                          std::size_t index);
/// Parameter `index` as a block reference (omitted: latest), resolved.
Result<Header, MethodError> block_param(const MethodCall& call, std::size_t index);

/// Reads of the state after one block: the pending overrides are laid over the head's state
/// ("latest" shows anvil_set* at once); older blocks are read as they were.
class StateAt {
 public:
  /// The state after `header` (with the head's pending overrides when it is the head).
  StateAt(const MethodCall& call, const Header& header);
  StateAt(const StateAt&) = delete;
  StateAt& operator=(const StateAt&) = delete;
  /// The account (none when it does not exist), or the store's error.
  Result<std::optional<vm::AccountRecord>, MethodError> account(const Address& address);
  /// A storage slot.
  Result<Word, MethodError> storage(const Address& address, const Word& key);
  /// The code of an account (empty when none).
  Result<Bytes, MethodError> code(const Address& address);
  /// The plain view (proofs read the committed state only).
  const StateView& view() const { return view_; }

 private:
  std::shared_ptr<const ChainHead> head_;
  StateView view_;
  std::optional<TrieBackend> backend_;
};

/// The eth_call / eth_estimateGas request of parameter 0 (gas capped at `at`'s gas limit).
Result<CallRequest, MethodError> state_call_request(const MethodCall& call, const Header& at);

/// Refuses a call or estimate whose sender (`request.from`, default the zero address) cannot
/// pay its value plus gas × gas price (when a price is given) at `at`: -32000 "insufficient
/// funds for gas * price + value: address 0x… have B want C", as geth and anvil answer and
/// ethers maps to INSUFFICIENT_FUNDS — not a revert.
Result<bool, MethodError> check_call_funds(const MethodCall& call, const Header& at,
                                           const CallRequest& request);

/// The where-is of a mined transaction: block, index, and the block's base fee.
struct MinedTx {
  Block block;
  Hash256 block_hash{};
  uint32_t index = 0;
};
/// The canonical transaction `hash`, or none.
std::optional<MinedTx> find_mined(const NodeService& service, const Hash256& hash);

/// The RLP size of a whole block ([header, transactions, ommers]), as "size" reports it.
uint64_t block_size(const Block& block);

/// The eth_call / eth_estimateGas error of a failed run: code 3, "execution reverted…"
/// (toolchain §4 Errors: the artifacts name custom errors) with the revert data; out of gas,
/// a trap or invalid code say so after "execution reverted: ".
MethodError revert_error(const ArtifactIndex& artifacts, const TxOutcome& outcome);

}  // namespace tenet::node::rpc
