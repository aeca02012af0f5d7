#pragma once
/// \file
/// Hierarchical deterministic keys, as wallets, anvil and Hardhat derive them: the BIP-39 seed
/// of a mnemonic, BIP-32 derivation over secp256k1, and the development accounts at
/// m/44'/60'/0'/0/i (docs/node/codec.md).

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// The well-known development mnemonic (anvil's and Hardhat's default).
inline constexpr std::string_view kDefaultMnemonic =
    "test test test test test test test test test test test junk";

/// The BIP-39 seed of `mnemonic`: PBKDF2-HMAC-SHA512, 2,048 rounds, salt "mnemonic" +
/// `passphrase`. The words are used as given (the checksum is not checked: no word list is
/// shipped); only ASCII text is accepted, for which BIP-39's NFKD normalisation is the
/// identity. Errors: an empty mnemonic, non-ASCII text.
Result<std::array<uint8_t, 64>> bip39_seed(std::string_view mnemonic,
                                           std::string_view passphrase = "");

/// A BIP-32 extended private key: the secp256k1 private key and its chain code.
struct ExtendedKey {
  Hash256 key{};
  Hash256 chain_code{};
};

/// The first index of a hardened child (2^31): index `i'` is `kHardened + i`.
inline constexpr uint32_t kHardened = 0x8000'0000u;

/// The BIP-32 master key of `seed` (HMAC-SHA512 keyed "Bitcoin seed"). Error if the seed is
/// not 16 to 64 bytes or gives an invalid key (probability below 2^-127).
Result<ExtendedKey> bip32_master(ByteView seed);
/// The child `index` of `parent` (hardened from kHardened on). Error when the child is invalid
/// (BIP-32 then says to use the next index; the probability is below 2^-127).
Result<ExtendedKey> bip32_child(const ExtendedKey& parent, uint32_t index);
/// The key at `path` under the master key of `seed`: "m" then "/i" steps, a hardened step
/// written `i'`, `ih` or `iH` (e.g. "m/44'/60'/0'/0/3"); each i below 2^31.
Result<ExtendedKey> bip32_derive(ByteView seed, std::string_view path);

/// A development account: its address and private key.
struct DevAccount {
  Address address;
  Hash256 private_key{};
};

/// The BIP-44 Ethereum path of account `index`: "m/44'/60'/0'/0/<index>".
std::string dev_account_path(unsigned index);
/// The first `count` accounts of `mnemonic` (no passphrase) at m/44'/60'/0'/0/i, i from 0.
Result<std::vector<DevAccount>> dev_accounts(std::string_view mnemonic, unsigned count);

}  // namespace tenet::node
