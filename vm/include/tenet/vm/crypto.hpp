#pragma once
/// \file
/// Hash functions and signature recovery (Crypto++ and libsecp256k1).

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "tenet/vm/address.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::vm {

/// A 32-byte digest.
using Hash256 = std::array<uint8_t, 32>;

/// Keccak-256 (Ethereum's, the original padding, not SHA3-256).
Hash256 keccak256(std::span<const uint8_t> data);
/// SHA-256.
Hash256 sha256(std::span<const uint8_t> data);
/// The 4-byte ABI selector of a signature such as "transfer(address,uint256)".
std::array<uint8_t, 4> selector_of(std::string_view signature);

/// Recovers the signer of `digest` from an Ethereum signature (v is 27 or 28; r and s
/// as words). As in Ethereum's ECRECOVER precompile, any s in [1, n-1] is accepted
/// (high s is not rejected). Returns nullopt when the signature is invalid (bad v,
/// r or s outside [1, n-1], or no point recovers).
std::optional<Address> ecrecover(const Hash256& digest, const Word& v, const Word& r, const Word& s);

/// The public key (64 bytes, x ‖ y) of a 32-byte secp256k1 private key; nullopt if the
/// key is zero or not below the curve order.
std::optional<std::array<uint8_t, 64>> public_key_of(const Hash256& private_key);
/// The Ethereum address of a private key (last 20 bytes of keccak256 of the public key).
std::optional<Address> address_of(const Hash256& private_key);

/// A recoverable signature: v (27 or 28), r, s.
struct Signature {
  uint8_t v = 0;
  Hash256 r{};
  Hash256 s{};
};
/// Signs a 32-byte digest deterministically (RFC 6979) with low s; nullopt if the key
/// is invalid.
std::optional<Signature> sign(const Hash256& private_key, const Hash256& digest);

}  // namespace tenet::vm
