/// \file
/// BIP-39 seeds (Crypto++ PBKDF2), BIP-32 derivation (Crypto++ HMAC-SHA512, libsecp256k1
/// tweaks) and the development accounts (hd_wallet.hpp).

#include "tenet/node/keys/hd_wallet.hpp"

#include <cryptopp/hmac.h>
#include <cryptopp/pwdbased.h>
#include <cryptopp/sha.h>
#include <secp256k1.h>

#include <algorithm>
#include <string>

#include "tenet/vm/bytes.hpp"

namespace tenet::node {
namespace {

/// The process-wide secp256k1 context for key arithmetic (libsecp256k1 takes it as const:
/// sharing it between threads is safe).
const secp256k1_context* hd_wallet_secp256k1() {
  static const secp256k1_context* const ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
  return ctx;
}

/// HMAC-SHA512 of `data` under `key`, split into its left and right 32-byte halves.
ExtendedKey hd_wallet_hmac(ByteView key, ByteView data) {
  CryptoPP::HMAC<CryptoPP::SHA512> mac(key.data(), key.size());
  mac.Update(data.data(), data.size());
  std::array<uint8_t, 64> out{};
  mac.Final(out.data());
  ExtendedKey halves;
  std::copy(out.begin(), out.begin() + 32, halves.key.begin());
  std::copy(out.begin() + 32, out.end(), halves.chain_code.begin());
  return halves;
}

/// Parses one path step ("44'", "0"): the index with kHardened added for a hardened step.
Result<uint32_t> hd_wallet_parse_step(std::string_view step, std::string_view path) {
  const auto bad = [&](const std::string& why) {
    return vm::Error{"invalid derivation path '" + std::string(path) + "': " + why};
  };
  bool hardened = false;
  if (!step.empty() && (step.back() == '\'' || step.back() == 'h' || step.back() == 'H')) {
    hardened = true;
    step.remove_suffix(1);
  }
  if (step.empty() || step.size() > 10) return bad("expected an index");
  uint64_t index = 0;
  for (char c : step) {
    if (c < '0' || c > '9') return bad("'" + std::string(step) + "' is not a number");
    index = index * 10 + static_cast<uint64_t>(c - '0');
  }
  if (index >= kHardened) return bad("index " + std::string(step) + " is not below 2^31");
  return static_cast<uint32_t>(index) + (hardened ? kHardened : 0u);
}

}  // namespace

Result<std::array<uint8_t, 64>> bip39_seed(std::string_view mnemonic, std::string_view passphrase) {
  if (mnemonic.empty()) return vm::Error{"the mnemonic is empty"};
  const auto non_ascii = [](std::string_view s) {
    return std::any_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  };
  if (non_ascii(mnemonic) || non_ascii(passphrase))
    return vm::Error{
        "the mnemonic and passphrase must be ASCII (Unicode normalisation is not supported)"};
  const std::string salt = "mnemonic" + std::string(passphrase);
  std::array<uint8_t, 64> seed{};
  CryptoPP::PKCS5_PBKDF2_HMAC<CryptoPP::SHA512> pbkdf2;
  pbkdf2.DeriveKey(seed.data(), seed.size(), 0, reinterpret_cast<const uint8_t*>(mnemonic.data()),
                   mnemonic.size(), reinterpret_cast<const uint8_t*>(salt.data()), salt.size(),
                   2048, 0.0);
  return seed;
}

Result<ExtendedKey> bip32_master(ByteView seed) {
  if (seed.size() < 16 || seed.size() > 64)
    return vm::Error{"a BIP-32 seed is 16 to 64 bytes, not " + std::to_string(seed.size())};
  static constexpr std::string_view kBitcoinSeed = "Bitcoin seed";
  const ExtendedKey master = hd_wallet_hmac(
      ByteView(reinterpret_cast<const uint8_t*>(kBitcoinSeed.data()), kBitcoinSeed.size()), seed);
  if (!secp256k1_ec_seckey_verify(hd_wallet_secp256k1(), master.key.data()))
    return vm::Error{"the seed gives an invalid BIP-32 master key"};
  return master;
}

Result<ExtendedKey> bip32_child(const ExtendedKey& parent, uint32_t index) {
  Bytes data;
  data.reserve(37);
  if (index >= kHardened) {
    data.push_back(0);
    data.insert(data.end(), parent.key.begin(), parent.key.end());
  } else {
    secp256k1_pubkey point;
    if (!secp256k1_ec_pubkey_create(hd_wallet_secp256k1(), &point, parent.key.data()))
      return vm::Error{"invalid BIP-32 parent key"};
    std::array<uint8_t, 33> compressed{};
    size_t length = compressed.size();
    secp256k1_ec_pubkey_serialize(hd_wallet_secp256k1(), compressed.data(), &length, &point,
                                  SECP256K1_EC_COMPRESSED);
    data.insert(data.end(), compressed.begin(), compressed.end());
  }
  vm::append_be(data, index, 4);
  ExtendedKey child = hd_wallet_hmac(parent.chain_code, data);
  // child key = IL + parent key (mod n); fails when IL >= n or the sum is zero.
  Hash256 key = parent.key;
  if (!secp256k1_ec_seckey_tweak_add(hd_wallet_secp256k1(), key.data(), child.key.data()))
    return vm::Error{"BIP-32 child " + std::to_string(index) + " is invalid"};
  child.key = key;
  return child;
}

Result<ExtendedKey> bip32_derive(ByteView seed, std::string_view path) {
  if (path.empty() || path[0] != 'm' || (path.size() > 1 && path[1] != '/'))
    return vm::Error{"invalid derivation path '" + std::string(path) + "': it starts with 'm/'"};
  auto key = bip32_master(seed);
  if (!key) return key;
  size_t pos = 1;
  while (pos < path.size()) {
    const size_t next = std::min(path.find('/', pos + 1), path.size());
    auto index = hd_wallet_parse_step(path.substr(pos + 1, next - pos - 1), path);
    if (!index) return index.error();
    key = bip32_child(*key, *index);
    if (!key) return key;
    pos = next;
  }
  return key;
}

std::string dev_account_path(unsigned index) {
  return "m/44'/60'/0'/0/" + std::to_string(index);
}

Result<std::vector<DevAccount>> dev_accounts(std::string_view mnemonic, unsigned count) {
  auto seed = bip39_seed(mnemonic);
  if (!seed) return seed.error();
  // Derive m/44'/60'/0'/0 once, then each account is one normal child of it.
  auto parent = bip32_derive(*seed, "m/44'/60'/0'/0");
  if (!parent) return parent.error();
  std::vector<DevAccount> accounts;
  accounts.reserve(count);
  for (unsigned i = 0; i < count; ++i) {
    auto child = bip32_child(*parent, i);
    if (!child) return child.error();
    auto address = vm::address_of(child->key);
    if (!address) return vm::Error{"account " + std::to_string(i) + " has an invalid key"};
    accounts.push_back(DevAccount{*address, child->key});
  }
  return accounts;
}

}  // namespace tenet::node
