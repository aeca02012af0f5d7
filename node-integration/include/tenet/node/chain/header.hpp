#pragma once
/// \file
/// A block header in the London layout (16 fields; what ethers and cast read), its RLP and
/// its hash = keccak256(RLP(header)) — the hash clients recompute (docs/node/chain.md).

#include <array>
#include <cstdint>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// A 2048-bit logs bloom.
using Bloom = std::array<uint8_t, 256>;

/// keccak256(RLP([])): the ommers hash of every block (there are no ommers).
extern const Hash256 kEmptyOmmersHash;

/// A London header. difficulty is --difficulty for every block; mix hash is zero; extra data
/// empty; beneficiary the zero address (the coinbase).
struct Header {
  Hash256 parent_hash{};
  Hash256 ommers_hash{};
  Address beneficiary;
  Hash256 state_root{};
  Hash256 transactions_root{};
  Hash256 receipts_root{};
  Bloom logs_bloom{};
  Word difficulty;
  uint64_t number = 0;
  uint64_t gas_limit = 0;
  uint64_t gas_used = 0;
  uint64_t timestamp = 0;
  Bytes extra_data;
  Hash256 mix_hash{};
  std::array<uint8_t, 8> nonce{};
  Word base_fee;
  friend bool operator==(const Header&, const Header&) = default;
};

/// RLP of the 16 fields in order.
Bytes encode_header(const Header& header);
/// The inverse (strict RLP, exactly 16 fields).
Result<Header> decode_header(ByteView rlp);
/// keccak256(encode_header(header)).
Hash256 header_hash(const Header& header);

}  // namespace tenet::node
