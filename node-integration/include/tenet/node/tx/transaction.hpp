#pragma once
/// \file
/// Ethereum's signed transactions of types 0 (legacy, with or without EIP-155's chain id),
/// 1 (EIP-2930) and 2 (EIP-1559): the value, the strict decoder of the raw bytes a client
/// sends, the encoder, and the transaction hash clients compute (docs/node/codec.md).

#include <cstdint>
#include <optional>
#include <vector>

#include "tenet/node/common/refusal.hpp"
#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// The transaction types the node accepts (3 and 4 are refused).
enum class TxType : uint8_t { Legacy = 0, AccessList = 1, DynamicFee = 2 };

/// One EIP-2930 access list entry: an address and storage keys to warm.
struct AccessListEntry {
  Address address;
  std::vector<Word> storage_keys;
  friend bool operator==(const AccessListEntry&, const AccessListEntry&) = default;
};

/// A signed transaction. Fields a type does not have stay zero: legacy and type 1 use
/// `gas_price`; type 2 uses `max_priority_fee` and `max_fee`; legacy has no access list and
/// `chain_id` only with EIP-155. `to` is absent for a deployment. The signature is
/// (`y_parity`, `r`, `s`); a legacy transaction's v is `legacy_v`.
struct Transaction {
  TxType type{};
  std::optional<uint64_t> chain_id;
  uint64_t nonce = 0;
  uint64_t gas_limit = 0;
  Word gas_price;
  Word max_priority_fee;
  Word max_fee;
  Word value;
  std::optional<Address> to;
  Bytes data;
  std::vector<AccessListEntry> access_list;
  uint8_t y_parity = 0;
  Word r;
  Word s;
  friend bool operator==(const Transaction&, const Transaction&) = default;
};

/// Decodes a raw transaction: 0x01 ‖ RLP or 0x02 ‖ RLP (typed), or an RLP list (legacy).
/// Strict: canonical RLP only, exactly the type's fields, integers without leading zeros
/// (nonce and gas limit below 2^64, values ≤ 32 bytes), `to` empty or 20 bytes, storage keys
/// 32 bytes, y parity 0 or 1, legacy v 27, 28 or 35 + 2 × chain id + {0, 1}. Refusals:
/// types 0x03–0x7f "transaction type not supported: type N"; chain ids of 2^64 and above
/// "invalid chain id"; a bad v or y parity "invalid signature"; anything else "invalid
/// transaction: <field>: <rlp error>". The signature itself is checked by recover_sender.
Result<Transaction, Refusal> decode_transaction(ByteView raw);

/// A legacy transaction's v: 27 + y parity, or 35 + 2 × chain id + y parity with EIP-155.
Word legacy_v(const Transaction& tx);

/// The raw bytes of `tx` (what decode_transaction reads; decode then encode is the identity).
Bytes encode_transaction(const Transaction& tx);

/// The transaction hash: keccak256 of encode_transaction (Ethereum's, as clients compute it).
Hash256 transaction_hash(const Transaction& tx);

}  // namespace tenet::node
