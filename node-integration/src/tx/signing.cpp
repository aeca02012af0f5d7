/// \file
/// Signing hashes, sender recovery and signing (signing.hpp).

#include "tenet/node/tx/signing.hpp"

#include "fields.hpp"

namespace tenet::node {
namespace {

/// n / 2 for secp256k1's group order n: the largest s Ethereum accepts (low s).
constexpr Word kSigningHalfCurveOrder{0xDFE92F46681B20A0ULL, 0x5D576E7357A4501DULL,
                                      0xFFFFFFFFFFFFFFFFULL, 0x7FFFFFFFFFFFFFFFULL};
/// The group order n.
constexpr Word kSigningCurveOrder{0xBFD25E8CD0364141ULL, 0xBAAEDCE6AF48A03BULL,
                                  0xFFFFFFFFFFFFFFFEULL, 0xFFFFFFFFFFFFFFFFULL};

}  // namespace

Hash256 signing_hash(const Transaction& tx) {
  rlp::Writer w;
  write_unsigned_fields(w, tx);
  if (tx.type == TxType::Legacy && tx.chain_id) w.uint(*tx.chain_id).uint(0).uint(0);
  return vm::keccak256(typed_envelope(tx.type, w));
}

Result<Address, Refusal> recover_sender(const Transaction& tx) {
  if (tx.y_parity > 1)
    return Refusal{RefusalKind::InvalidSignature,
                   "y parity " + std::to_string(tx.y_parity) + " is not 0 or 1"};
  if (tx.r.is_zero() || !vm::lt(tx.r, kSigningCurveOrder))
    return Refusal{RefusalKind::InvalidSignature, "r is not in [1, n-1]"};
  if (tx.s.is_zero()) return Refusal{RefusalKind::InvalidSignature, "s is zero"};
  if (vm::lt(kSigningHalfCurveOrder, tx.s))
    return Refusal{RefusalKind::InvalidSignature, "s is above n/2 (high s)"};
  auto sender = vm::ecrecover(signing_hash(tx), Word{27u + tx.y_parity}, tx.r, tx.s);
  if (!sender) return Refusal{RefusalKind::InvalidSignature, "no public key recovers"};
  return *sender;
}

std::optional<Transaction> sign_transaction(Transaction tx, const Hash256& private_key) {
  auto sig = vm::sign(private_key, signing_hash(tx));
  if (!sig) return std::nullopt;
  tx.y_parity = static_cast<uint8_t>(sig->v - 27);
  tx.r = vm::word_from_be(sig->r);
  tx.s = vm::word_from_be(sig->s);
  return tx;
}

}  // namespace tenet::node
