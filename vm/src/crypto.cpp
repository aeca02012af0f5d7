/// \file
/// Hashes (Crypto++) and secp256k1 signatures (libsecp256k1 with its recovery module).

#include "tenet/vm/crypto.hpp"

#include <cryptopp/keccak.h>
#include <cryptopp/sha.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <algorithm>

namespace tenet::vm {
namespace {

/// The order n of the secp256k1 group.
constexpr Word kCurveOrder{0xBFD25E8CD0364141ULL, 0xBAAEDCE6AF48A03BULL, 0xFFFFFFFFFFFFFFFEULL,
                           0xFFFFFFFFFFFFFFFFULL};

/// The process-wide secp256k1 context, created on first use and never destroyed.
/// libsecp256k1 functions take it as const, so sharing it between threads is safe.
const secp256k1_context* secp256k1_ctx() {
  static const secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  return ctx;
}

/// The Ethereum address of a public key: the last 20 bytes of keccak256(x ‖ y).
Address address_of_public_key(const secp256k1_pubkey& key) {
  std::array<uint8_t, 65> uncompressed{};
  std::size_t length = uncompressed.size();
  secp256k1_ec_pubkey_serialize(secp256k1_ctx(), uncompressed.data(), &length, &key,
                                SECP256K1_EC_UNCOMPRESSED);
  const Hash256 digest = keccak256(std::span<const uint8_t>(uncompressed).subspan(1));
  Address a;
  std::copy(digest.begin() + 12, digest.end(), a.bytes.begin());
  return a;
}

/// True for a scalar in [1, n-1].
bool is_valid_scalar(const Word& w) {
  return !w.is_zero() && lt(w, kCurveOrder);
}

}  // namespace

// One hash object per thread, reused: constructing a Crypto++ hash object costs 10–40 ns a
// call (against ~380 ns for Keccak-256 of a short input and ~70 ns for SHA-256; docs/gas.md,
// "Why these prices"). Final() restarts the object, so each call starts from the initial
// state.

Hash256 keccak256(std::span<const uint8_t> data) {
  thread_local CryptoPP::Keccak_256 hash;
  hash.Update(data.data(), data.size());
  Hash256 out{};
  hash.Final(out.data());
  return out;
}

Hash256 sha256(std::span<const uint8_t> data) {
  thread_local CryptoPP::SHA256 hash;
  hash.Update(data.data(), data.size());
  Hash256 out{};
  hash.Final(out.data());
  return out;
}

std::array<uint8_t, 4> selector_of(std::string_view signature) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(signature.data());
  const Hash256 digest = keccak256(std::span<const uint8_t>(bytes, signature.size()));
  return {digest[0], digest[1], digest[2], digest[3]};
}

std::optional<Address> ecrecover(const Hash256& digest, const Word& v, const Word& r,
                                 const Word& s) {
  if (v != Word{27} && v != Word{28}) return std::nullopt;
  if (!is_valid_scalar(r) || !is_valid_scalar(s)) return std::nullopt;
  std::array<uint8_t, 64> compact{};
  word_to_be(r, compact.data());
  word_to_be(s, compact.data() + 32);
  const int recid = static_cast<int>(v.low64() - 27);
  secp256k1_ecdsa_recoverable_signature signature;
  if (!secp256k1_ecdsa_recoverable_signature_parse_compact(secp256k1_ctx(), &signature,
                                                           compact.data(), recid)) {
    return std::nullopt;
  }
  secp256k1_pubkey key;
  if (!secp256k1_ecdsa_recover(secp256k1_ctx(), &key, &signature, digest.data()))
    return std::nullopt;
  return address_of_public_key(key);
}

std::optional<std::array<uint8_t, 64>> public_key_of(const Hash256& private_key) {
  secp256k1_pubkey key;
  if (!secp256k1_ec_pubkey_create(secp256k1_ctx(), &key, private_key.data())) return std::nullopt;
  std::array<uint8_t, 65> uncompressed{};
  std::size_t length = uncompressed.size();
  secp256k1_ec_pubkey_serialize(secp256k1_ctx(), uncompressed.data(), &length, &key,
                                SECP256K1_EC_UNCOMPRESSED);
  std::array<uint8_t, 64> out{};
  std::copy(uncompressed.begin() + 1, uncompressed.end(), out.begin());
  return out;
}

std::optional<Address> address_of(const Hash256& private_key) {
  secp256k1_pubkey key;
  if (!secp256k1_ec_pubkey_create(secp256k1_ctx(), &key, private_key.data())) return std::nullopt;
  return address_of_public_key(key);
}

std::optional<Signature> sign(const Hash256& private_key, const Hash256& digest) {
  secp256k1_ecdsa_recoverable_signature signature;
  // A null nonce function selects the default, RFC 6979; the result has low s.
  if (!secp256k1_ecdsa_sign_recoverable(secp256k1_ctx(), &signature, digest.data(),
                                        private_key.data(), nullptr, nullptr)) {
    return std::nullopt;
  }
  std::array<uint8_t, 64> compact{};
  int recid = 0;
  secp256k1_ecdsa_recoverable_signature_serialize_compact(secp256k1_ctx(), compact.data(), &recid,
                                                          &signature);
  Signature out;
  out.v = static_cast<uint8_t>(27 + recid);
  std::copy(compact.begin(), compact.begin() + 32, out.r.begin());
  std::copy(compact.begin() + 32, compact.end(), out.s.begin());
  return out;
}

}  // namespace tenet::vm
