#pragma once
/// \file
/// A block as the node stores it: the header and a body of the transactions with their
/// senders (recovered once, at submission), which were impersonated (anvil_impersonateAccount:
/// placeholder signature r = sender, s = 1), and the state overrides applied before them.

#include <vector>

#include "tenet/node/chain/header.hpp"
#include "tenet/node/state/state_override.hpp"
#include "tenet/node/tx/transaction.hpp"

namespace tenet::node {

/// A mined block.
struct Block {
  Header header;
  std::vector<Transaction> transactions;
  /// senders[i] sent transactions[i].
  std::vector<Address> senders;
  /// impersonated[i]: transactions[i] was sent for an impersonated account (not signed).
  std::vector<bool> impersonated;
  /// anvil_set* overrides applied before the first transaction.
  std::vector<StateOverride> overrides;
  friend bool operator==(const Block&, const Block&) = default;
};

/// RLP of the body (transactions as raw envelopes, senders, impersonated flags, overrides),
/// and its inverse.
Bytes encode_body(const Block& block);
Result<Block> decode_body(const Header& header, ByteView rlp);

/// Where a transaction is: its block and index in it.
struct TxLocation {
  Hash256 block_hash{};
  uint64_t block_number = 0;
  uint32_t index = 0;
};

}  // namespace tenet::node
