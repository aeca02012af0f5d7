#pragma once
// Internal to src/tx: the field layout shared by encoding and signing (one place for it).

#include "tenet/node/rlp/rlp.hpp"
#include "tenet/node/tx/transaction.hpp"

namespace tenet::node {

/// Appends the fields a sender signs, in the type's order: [chainId,] nonce, fee field(s),
/// gas, to, value, data[, accessList] (legacy: no chain id, no access list).
void write_unsigned_fields(rlp::Writer& w, const Transaction& tx);

/// `fields` as one RLP list, prefixed by the type byte for types 1 and 2.
Bytes typed_envelope(TxType type, const rlp::Writer& fields);

}  // namespace tenet::node
