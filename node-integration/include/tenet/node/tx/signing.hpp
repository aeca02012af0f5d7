#pragma once
/// \file
/// Transaction signatures: the hash that is signed, the sender recovered from it (low s
/// only), and signing with a private key (RFC 6979, as vm::sign).

#include <optional>

#include "tenet/node/common/refusal.hpp"
#include "tenet/node/common/types.hpp"
#include "tenet/node/tx/transaction.hpp"

namespace tenet::node {

/// The hash a sender signs: keccak256 of RLP[nonce, gasPrice, gas, to, value, data] for a
/// legacy transaction (plus [chainId, 0, 0] with EIP-155), of 0x01 ‖ RLP[chainId, nonce,
/// gasPrice, gas, to, value, data, accessList] for type 1, and of 0x02 ‖ RLP[chainId, nonce,
/// maxPriorityFee, maxFee, gas, to, value, data, accessList] for type 2.
Hash256 signing_hash(const Transaction& tx);

/// The sender of `tx`. Refused ("invalid signature: …") when the y parity is not 0 or 1, r is
/// not in [1, n-1], s is not in [1, n/2] (high s is refused, as Ethereum has since Homestead)
/// or no public key recovers.
Result<Address, Refusal> recover_sender(const Transaction& tx);

/// `tx` signed with `private_key` (its y parity, r and s set; low s); nullopt if the key is
/// invalid. The chain id is the caller's (set it before signing).
std::optional<Transaction> sign_transaction(Transaction tx, const Hash256& private_key);

}  // namespace tenet::node
