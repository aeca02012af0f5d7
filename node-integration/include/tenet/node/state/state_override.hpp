#pragma once
/// \file
/// A change of state made outside a transaction (anvil_setBalance/Nonce/Code/StorageAt, and
/// their hardhat_ names): visible at once at "latest", applied first in the next block and
/// stored in its body, so a replay (--verify, restart) reaches the same state.

#include <cstdint>
#include <vector>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// One override: which field of which account becomes what.
struct StateOverride {
  /// The field set.
  enum class Kind : uint8_t { Balance, Nonce, Code, Storage };
  Kind kind{};
  Address address;
  /// The storage slot (Storage only).
  Word key;
  /// The new balance, nonce (below 2^64) or slot value.
  Word value;
  /// The new code (Code only; a valid container or empty).
  Bytes code;
  friend bool operator==(const StateOverride&, const StateOverride&) = default;
};

/// RLP of a list of overrides (how a block body and the pending list store them).
Bytes encode_overrides(const std::vector<StateOverride>& overrides);
/// The inverse of encode_overrides.
Result<std::vector<StateOverride>> decode_overrides(ByteView rlp);

}  // namespace tenet::node
