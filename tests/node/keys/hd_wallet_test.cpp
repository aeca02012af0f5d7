// Keys: BIP-32 test vectors 1 and 2 (bitcoin/bips bip-0032.mediawiki, "Test Vectors"), the ten
// accounts anvil and Hardhat derive from the default mnemonic (figures checked with ethers
// 6.17.0: Mnemonic.fromPhrase + HDNodeWallet.fromMnemonic at m/44'/60'/0'/0/i), and
// ethereum/tests BasicTests/keyaddrtest.json (key → address).

#include "tenet/node/keys/hd_wallet.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "node/support/vectors.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::node {
namespace {

using test::from_hex;
using test::to_hex;

/// The bytes of a Base58Check string (Bitcoin's alphabet), checksum verified and removed.
Bytes hd_wallet_test_base58check(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  Bytes be;
  for (char c : text) {
    const size_t digit = kAlphabet.find(c);
    EXPECT_NE(digit, std::string_view::npos) << text;
    unsigned carry = static_cast<unsigned>(digit);
    for (size_t i = be.size(); i-- > 0;) {
      const unsigned v = be[i] * 58u + carry;
      be[i] = static_cast<uint8_t>(v & 0xff);
      carry = v >> 8;
    }
    for (; carry != 0; carry >>= 8) be.insert(be.begin(), static_cast<uint8_t>(carry & 0xff));
  }
  EXPECT_GE(be.size(), 4u);
  const Bytes payload(be.begin(), be.end() - 4);
  const Hash256 check = vm::sha256(vm::sha256(payload));
  EXPECT_TRUE(std::equal(be.end() - 4, be.end(), check.begin())) << text;
  return payload;
}

/// Checks the key at `path` against the "ext prv" of the BIP: chain code at bytes 13..45,
/// key at 46..78 of the 78-byte serialisation.
void hd_wallet_test_expect(const Bytes& seed, const std::string& path, std::string_view xprv) {
  const Bytes s = hd_wallet_test_base58check(xprv);
  ASSERT_EQ(s.size(), 78u);
  auto key = bip32_derive(seed, path);
  ASSERT_TRUE(key.ok()) << path << ": " << key.error().message;
  EXPECT_EQ(to_hex(key->chain_code), to_hex(ByteView(s).subspan(13, 32))) << path;
  EXPECT_EQ(to_hex(key->key), to_hex(ByteView(s).subspan(46, 32))) << path;
}

TEST(Bip32, TestVector1) {
  const Bytes seed = from_hex("000102030405060708090a0b0c0d0e0f");
  const std::vector<std::pair<std::string, std::string_view>> chain = {
      {"m",
       "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3T"
       "GtRBeJgk33yuGBxrMPHi"},
      {"m/0H",
       "xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7X"
       "nxHrnYeSvkzY7d2bhkJ7"},
      {"m/0H/1",
       "xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2"
       "EU4pWcQDnRnrVA1xe8fs"},
      {"m/0H/1/2H",
       "xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANT"
       "tpgP4mLTj34bhnZX7UiM"},
      {"m/0H/1/2H/2",
       "xprvA2JDeKCSNNZky6uBCviVfJSKyQ1mDYahRjijr5idH2WwLsEd4Hsb2Tyh8RfQMuPh7f7RtyzTtdrbdqqsunu5Mm3"
       "wDvUAKRHSC34sJ7in334"},
      {"m/0H/1/2H/2/1000000000",
       "xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUih"
       "UZREPSL39UNdE3BBDu76"},
  };
  for (const auto& [path, xprv] : chain) hd_wallet_test_expect(seed, path, xprv);
}

TEST(Bip32, TestVector2) {
  const Bytes seed = from_hex(
      "fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b"
      "7875726f6c696663605d5a5754514e4b484542");
  const std::vector<std::pair<std::string, std::string_view>> chain = {
      {"m",
       "xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn"
       "3LqFtT2emdEXVYsCzC2U"},
      {"m/0",
       "xprv9vHkqa6EV4sPZHYqZznhT2NPtPCjKuDKGY38FBWLvgaDx45zo9WQRUT3dKYnjwih2yJD9mkrocEZXo1ex8G81dw"
       "SM1fwqWpWkeS3v86pgKt"},
      {"m/0/2147483647'",
       "xprv9wSp6B7kry3Vj9m1zSnLvN3xH8RdsPP1Mh7fAaR7aRLcQMKTR2vidYEeEg2mUCTAwCd6vnxVrcjfy2kRgVsFawN"
       "zmjuHc2YmYRmagcEPdU9"},
      {"m/0/2147483647'/1",
       "xprv9zFnWC6h2cLgpmSA46vutJzBcfJ8yaJGg8cX1e5StJh45BBciYTRXSd25UEPVuesF9yog62tGAQtHjXajPPdbRC"
       "HuWS6T8XA2ECKADdw4Ef"},
      {"m/0/2147483647'/1/2147483646'",
       "xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFs"
       "TjSyQbLYnMpCqE2VbFWc"},
      {"m/0/2147483647'/1/2147483646'/2",
       "xprvA2nrNbFZABcdryreWet9Ea4LvTJcGsqrMzxHx98MMrotbir7yrKCEXw7nadnHM8Dq38EGfSh6dqA9QWTyefMLEc"
       "BYJUuekgW4BYPJcr9E7j"},
  };
  for (const auto& [path, xprv] : chain) hd_wallet_test_expect(seed, path, xprv);
}

TEST(Bip32, PathErrors) {
  const Bytes seed(16, 1);
  EXPECT_EQ(bip32_derive(seed, "44'/60'").error().message,
            "invalid derivation path '44'/60'': it starts with 'm/'");
  EXPECT_EQ(bip32_derive(seed, "m/x").error().message,
            "invalid derivation path 'm/x': 'x' is not a number");
  EXPECT_EQ(bip32_derive(seed, "m/2147483648").error().message,
            "invalid derivation path 'm/2147483648': index 2147483648 is not below 2^31");
  EXPECT_EQ(bip32_derive(seed, "m//1").error().message,
            "invalid derivation path 'm//1': expected an index");
  EXPECT_EQ(bip32_master(Bytes(15, 1)).error().message, "a BIP-32 seed is 16 to 64 bytes, not 15");
}

TEST(Bip39, SeedOfTheDefaultMnemonic) {
  auto seed = bip39_seed(kDefaultMnemonic);
  ASSERT_TRUE(seed.ok());
  // ethers 6.17.0: Mnemonic.fromPhrase(...).computeSeed()
  EXPECT_EQ(
      to_hex(*seed),
      "0x9dfc3c64c2f8bede1533b6a79f8570e5943e0b8fd1cf77107adf7b72cef42185d564a3aee24cab43f80e3"
      "c4538087d70fc824eabbad596a23c97b6ee8322ccc0");
  EXPECT_EQ(bip39_seed("").error().message, "the mnemonic is empty");
  EXPECT_EQ(bip39_seed("caf\xc3\xa9").error().message,
            "the mnemonic and passphrase must be ASCII (Unicode normalisation is not supported)");
  EXPECT_NE(to_hex(*bip39_seed(kDefaultMnemonic, "x")), to_hex(*seed));
}

TEST(DevAccounts, AnvilAndHardhatAccounts) {
  // Address and key of accounts 0..9 (anvil's start-up listing; ethers gives the same).
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
       "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"},
      {"0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
       "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"},
      {"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
       "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"},
      {"0x90F79bf6EB2c4f870365E785982E1f101E93b906",
       "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"},
      {"0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
       "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"},
      {"0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
       "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"},
      {"0x976EA74026E726554dB657fA54763abd0C3a0aa9",
       "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e"},
      {"0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
       "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356"},
      {"0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
       "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97"},
      {"0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
       "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"},
  };
  auto accounts = dev_accounts(kDefaultMnemonic, 10);
  ASSERT_TRUE(accounts.ok()) << accounts.error().message;
  ASSERT_EQ(accounts->size(), 10u);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*accounts)[i].address, *vm::parse_address(expected[i].first)) << i;
    EXPECT_EQ(to_hex((*accounts)[i].private_key), expected[i].second) << i;
    // the same key through the full path
    auto direct =
        bip32_derive(*bip39_seed(kDefaultMnemonic), dev_account_path(static_cast<unsigned>(i)));
    EXPECT_EQ(to_hex(direct->key), expected[i].second) << i;
  }
  EXPECT_EQ(dev_account_path(3), "m/44'/60'/0'/0/3");
  EXPECT_TRUE(dev_accounts(kDefaultMnemonic, 0)->empty());
}

TEST(KeyAddressVectors, BasicTestsKeyaddrtest) {
  const auto cases = test::load_vector_file("BasicTests/keyaddrtest.json");
  ASSERT_EQ(cases.size(), 2u);
  for (const auto& c : cases) {
    const Bytes key_bytes = from_hex(c["key"].get<std::string>());
    Hash256 key{};
    ASSERT_EQ(key_bytes.size(), 32u);
    std::copy(key_bytes.begin(), key_bytes.end(), key.begin());
    auto address = vm::address_of(key);
    ASSERT_TRUE(address.has_value());
    EXPECT_EQ(to_hex(address->bytes), "0x" + c["addr"].get<std::string>()) << c["seed"];
    // sig_of_emptystring is not used: the file does not say which digest was signed
    // (neither keccak256("") nor the zero hash recovers the address); see the README.
  }
}

}  // namespace
}  // namespace tenet::node
