// Proof of work (pow.hpp): hash × difficulty ≤ 2^256 with a 512-bit product; the nonce is
// searched from 0 over the header's encoding, patching the 8 nonce bytes in place.

#include "tenet/node/chain/pow.hpp"

#include <cstring>

#include "tenet/node/rlp/rlp.hpp"

namespace tenet::node {

bool meets_difficulty(const Hash256& hash, const Word& difficulty) {
  const Word h = vm::word_from_be(hash.data());
  const Word d = difficulty.is_zero() ? Word{1} : difficulty;
  // The 512-bit product h × d, limbs least significant first.
  uint64_t product[8] = {};
  for (int i = 0; i < 4; ++i) {
    unsigned __int128 carry = 0;
    for (int j = 0; j < 4; ++j) {
      const unsigned __int128 t =
          static_cast<unsigned __int128>(h.limb[i]) * d.limb[j] + product[i + j] + carry;
      product[i + j] = static_cast<uint64_t>(t);
      carry = t >> 64;
    }
    product[i + 4] = static_cast<uint64_t>(carry);
  }
  const bool high_zero = (product[5] | product[6] | product[7]) == 0;
  if (!high_zero) return false;
  if (product[4] == 0) return true;
  // Exactly 2^256 is allowed (hash ≤ ⌊2^256 / d⌋ when d divides 2^256).
  return product[4] == 1 && (product[0] | product[1] | product[2] | product[3]) == 0;
}

void seal(Header& header) {
  header.nonce = {};
  Bytes encoded = encode_header(header);
  // The nonce is the 8-byte string before the base fee: [0x88, n0..n7] ‖ RLP(base fee).
  rlp::Writer base_fee;
  base_fee.word(header.base_fee);
  const std::size_t at = encoded.size() - base_fee.items().size() - 8;
  for (uint64_t n = 0;; ++n) {
    for (int i = 0; i < 8; ++i) encoded[at + i] = static_cast<uint8_t>(n >> (56 - 8 * i));
    if (meets_difficulty(vm::keccak256(encoded), header.difficulty)) {
      std::memcpy(header.nonce.data(), encoded.data() + at, 8);
      return;
    }
  }
}

}  // namespace tenet::node
