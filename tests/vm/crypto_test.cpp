/// \file
/// Hashes, addresses, the CREATE rule and secp256k1 signatures against published
/// vectors (NIST, go-ethereum, RFC 6979 secp256k1 known answers) and independently
/// computed values.

#include "tenet/vm/crypto.hpp"
#include "vm_test_support.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tenet/vm/address.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::vm {
namespace {

using testing::bytes_of;

/// A 32-byte value from 64 hex digits.
Hash256 hash_of(std::string_view hex) {
  const auto bytes = bytes_of(hex);
  Hash256 out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

/// Lower-case hex without a prefix (the test's own encoder).
template <typename Bytes>
std::string hex_of(const Bytes& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

std::span<const uint8_t> text_bytes(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

Word word_of_hex(std::string_view hex) {
  return word_from_be(std::span<const uint8_t>(bytes_of(hex)));
}

Address address_of_hex(std::string_view hex) {
  return *parse_address(hex);
}

/// The secp256k1 group order n.
constexpr std::string_view kOrderHex =
    "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

// ---- Hashes -----------------------------------------------------------------------------

TEST(CryptoKeccak, EmptyInput) {
  EXPECT_EQ(hex_of(keccak256({})),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
}

TEST(CryptoKeccak, Abc) {
  EXPECT_EQ(hex_of(keccak256(text_bytes("abc"))),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST(CryptoKeccak, InputLongerThanOneBlock) {
  // 200 bytes span two 136-byte blocks; the value comes from an independent Keccak.
  const std::string input(200, 'a');
  EXPECT_EQ(hex_of(keccak256(text_bytes(input))),
            "96ea54061def936c4be90b518992fdc6f12f535068a256229aca54267b4d084d");
}

TEST(CryptoKeccak, RateBoundaries) {
  // Inputs of 'a' around the 136-byte rate: the padding fits in the block (135), needs a
  // block of its own (136), or follows one full block (137, 272, 1000). Values from an
  // independent Keccak written from FIPS 202 (sections 3.2 and 5.1, padding byte 0x01),
  // itself checked against Python's hashlib.sha3_256 (padding 0x06) for 0..299 bytes.
  const std::pair<std::size_t, std::string_view> vectors[] = {
      {135, "34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446"},
      {136, "a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e"},
      {137, "d869f639c7046b4929fc92a4d988a8b22c55fbadb802c0c66ebcd484f1915f39"},
      {272, "cf7fcd4f705ee749930d19ca84561a9bf62516bd90a471545fa2f49fdc7e63c8"},
      {1000, "b6a4ac1f51884d71f30fa397a5e155de3099e11fc0edef5d08b646e621e19de9"},
  };
  for (const auto& [length, digest] : vectors) {
    const std::string input(length, 'a');
    EXPECT_EQ(hex_of(keccak256(text_bytes(input))), digest) << length << " bytes";
  }
}

TEST(CryptoHashes, EachCallStartsAfresh) {
  // The hash objects are reused between calls: interleaved calls of different lengths
  // must each give the digest of their own input alone.
  const std::string long_input(1000, 'a');
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(hex_of(keccak256(text_bytes(long_input))),
              "b6a4ac1f51884d71f30fa397a5e155de3099e11fc0edef5d08b646e621e19de9");
    EXPECT_EQ(hex_of(keccak256({})),
              "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    EXPECT_EQ(hex_of(sha256(text_bytes("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex_of(sha256({})),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}

TEST(CryptoSha256, NistVectors) {
  EXPECT_EQ(hex_of(sha256({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex_of(sha256(text_bytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex_of(sha256(text_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(CryptoSha256, OneMillionA) {
  const std::string input(1'000'000, 'a');
  EXPECT_EQ(hex_of(sha256(text_bytes(input))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(CryptoSelector, KnownSelectors) {
  EXPECT_EQ(hex_of(selector_of("transfer(address,uint256)")), "a9059cbb");
  EXPECT_EQ(hex_of(selector_of("balanceOf(address)")), "70a08231");
  EXPECT_EQ(hex_of(selector_of("approve(address,uint256)")), "095ea7b3");
}

// ---- Addresses --------------------------------------------------------------------------

TEST(AddressText, RoundTripsLowerCase) {
  const auto a = parse_address("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->bytes[0], 0x7e);
  EXPECT_EQ(a->bytes[19], 0xdf);
  EXPECT_EQ(to_hex(*a), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
}

TEST(AddressText, AcceptsMixedCaseDigits) {
  const auto a = parse_address("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(to_hex(*a), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
}

TEST(AddressText, ZeroAddress) {
  const Address zero;
  EXPECT_TRUE(zero.is_zero());
  EXPECT_EQ(to_hex(zero), "0x0000000000000000000000000000000000000000");
  EXPECT_EQ(parse_address("0x0000000000000000000000000000000000000000"), zero);
}

TEST(AddressText, RejectsMalformed) {
  EXPECT_FALSE(parse_address(""));
  EXPECT_FALSE(parse_address("0x"));
  EXPECT_FALSE(parse_address("7e5f4552091a69125d5dfcb7b8c2659029395bdf"));     // no prefix
  EXPECT_FALSE(parse_address("0x7e5f4552091a69125d5dfcb7b8c2659029395bd"));    // 39 digits
  EXPECT_FALSE(parse_address("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf0"));  // 41 digits
  EXPECT_FALSE(parse_address("0x7e5f4552091a69125d5dfcb7b8c2659029395bdg"));   // not hex
  EXPECT_FALSE(parse_address("0x7e5f4552091a69125d5dfcb7b8c2659029395bd "));   // space
  EXPECT_FALSE(parse_address("1x7e5f4552091a69125d5dfcb7b8c2659029395bdf"));   // bad prefix
}

TEST(AddressWord, RightAlignedInWord) {
  const Address a = address_of_hex("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
  const Word w = to_word(a);
  EXPECT_EQ(to_hex(w), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
  EXPECT_EQ(to_address(w), a);
}

TEST(AddressWord, ToAddressKeepsLow160Bits) {
  const Word w = word_of_hex("ffffffffffffffffffffffff7e5f4552091a69125d5dfcb7b8c2659029395bdf");
  EXPECT_EQ(to_hex(to_address(w)), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
  EXPECT_EQ(to_hex(to_address(Word{1})), "0x0000000000000000000000000000000000000001");
}

// ---- CREATE addresses -------------------------------------------------------------------

constexpr std::string_view kCreator = "0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0";

TEST(AddressCreate, PublishedVectors) {
  const Address sender = address_of_hex(kCreator);
  EXPECT_EQ(to_hex(create_address(sender, 0)), "0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d");
  EXPECT_EQ(to_hex(create_address(sender, 1)), "0x343c43a37d37dff08ae8c4a11544c718abb4fcf8");
  EXPECT_EQ(to_hex(create_address(sender, 2)), "0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91");
  EXPECT_EQ(to_hex(create_address(sender, 3)), "0xfffd933a0bc612844eaf0c6fe3e5b8e9b6c1d19c");
}

/// The last 20 bytes of keccak256 over a hand-written RLP encoding.
std::string hashed_rlp(std::string_view rlp_hex) {
  const Hash256 digest = keccak256(bytes_of(rlp_hex));
  return "0x" + hex_of(std::span<const uint8_t>(digest).subspan(12));
}

TEST(AddressCreate, NonceEncodingBoundaries) {
  const Address sender = address_of_hex(kCreator);
  // Expected addresses from an independent Python Keccak + RLP; the hand-written RLP
  // shows each nonce encoding: 127 is one byte, 128 and 255 take 0x81 + one byte,
  // 256 takes 0x82 + two bytes, 2^64-1 takes 0x88 + eight bytes.
  struct Case {
    uint64_t nonce;
    std::string_view rlp;
    std::string_view address;
  };
  const Case cases[] = {
      {127, "d6946ac7ea33f8831ea9dcc53393aaa88b25a785dbf07f",
       "0x06d9a77f5e4b311bae8d559db9cdb4df94104aa0"},
      {128, "d7946ac7ea33f8831ea9dcc53393aaa88b25a785dbf08180",
       "0x08e190dcb7b73f5fcdabb43e102215c83659a76d"},
      {255, "d7946ac7ea33f8831ea9dcc53393aaa88b25a785dbf081ff",
       "0x3ef7c1a519e4b4431e317d7839340e3139b03c65"},
      {256, "d8946ac7ea33f8831ea9dcc53393aaa88b25a785dbf0820100",
       "0x3837c1ae70354f670550c746580199ac6a73cb0a"},
      {~0ULL, "de946ac7ea33f8831ea9dcc53393aaa88b25a785dbf088ffffffffffffffff",
       "0x9bc924993b60399df164c3763a964301d3db95ca"},
      {0, "d6946ac7ea33f8831ea9dcc53393aaa88b25a785dbf080",
       "0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.nonce);
    EXPECT_EQ(hashed_rlp(c.rlp), c.address);
    EXPECT_EQ(to_hex(create_address(sender, c.nonce)), c.address);
  }
}

// ---- Keys, signing and recovery ---------------------------------------------------------

TEST(CryptoKeys, PrivateKeyOneIsTheGenerator) {
  const Hash256 one = hash_of("0000000000000000000000000000000000000000000000000000000000000001");
  const auto key = public_key_of(one);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(hex_of(*key),
            "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
            "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
  const auto address = address_of(one);
  ASSERT_TRUE(address.has_value());
  EXPECT_EQ(to_hex(*address), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
}

TEST(CryptoKeys, GoEthereumTestKey) {
  const Hash256 key = hash_of("289c2857d4598e37fb9647507e47a309d6133539bf21a8b9cb6df88fd5232032");
  const auto pub = public_key_of(key);
  ASSERT_TRUE(pub.has_value());
  EXPECT_EQ(hex_of(*pub),
            "7db227d7094ce215c3a0f57e1bcc732551fe351f94249471934567e0f5dc1bf7"
            "95962b8cccb87a2eb56b29fbe37d614e2f4c3c45b789ae4f1f51f4cb21972ffd");
  EXPECT_EQ(to_hex(*address_of(key)), "0x970e8128ab834e8eac17ab8e3812f010678cf791");
}

TEST(CryptoKeys, RejectsKeysOutOfRange) {
  EXPECT_FALSE(public_key_of(Hash256{}));
  EXPECT_FALSE(address_of(Hash256{}));
  EXPECT_FALSE(public_key_of(hash_of(kOrderHex)));
  EXPECT_FALSE(
      address_of(hash_of("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")));
  EXPECT_FALSE(sign(Hash256{}, Hash256{}));
  EXPECT_TRUE(
      public_key_of(hash_of("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")));
}

TEST(CryptoSign, Rfc6979KnownAnswers) {
  // secp256k1 + SHA-256("Satoshi Nakamoto"), low-s form (python-ecdsa, Trezor vectors).
  const Hash256 digest = sha256(text_bytes("Satoshi Nakamoto"));
  const auto one =
      sign(hash_of("0000000000000000000000000000000000000000000000000000000000000001"), digest);
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(hex_of(one->r), "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8");
  EXPECT_EQ(hex_of(one->s), "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5");
  const auto last =
      sign(hash_of("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"), digest);
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(hex_of(last->r), "fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d0");
  EXPECT_EQ(hex_of(last->s), "6b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5");
}

TEST(CryptoSign, SignThenRecoverRoundTrip) {
  const Word half_order = shr(word_of_hex(kOrderHex), Word{1});
  std::vector<Hash256> keys = {
      hash_of("0000000000000000000000000000000000000000000000000000000000000001"),
      hash_of("0000000000000000000000000000000000000000000000000000000000000002"),
      hash_of("289c2857d4598e37fb9647507e47a309d6133539bf21a8b9cb6df88fd5232032"),
      hash_of("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"),
  };
  std::mt19937_64 rng(20240601);
  for (int i = 0; i < 4; ++i) {
    Hash256 key{};
    for (auto& b : key) b = static_cast<uint8_t>(rng());
    keys.push_back(key);
  }
  int seen_v[2] = {0, 0};
  for (const Hash256& key : keys) {
    const auto signer = address_of(key);
    ASSERT_TRUE(signer.has_value());
    for (int m = 0; m < 4; ++m) {
      const std::string message = "message " + std::to_string(m);
      const Hash256 digest = keccak256(text_bytes(message));
      const auto sig = sign(key, digest);
      ASSERT_TRUE(sig.has_value());
      ASSERT_TRUE(sig->v == 27 || sig->v == 28);
      ++seen_v[sig->v - 27];
      const Word s = word_from_be(sig->s.data());
      EXPECT_FALSE(lt(half_order, s)) << "s must be low";
      const auto again = sign(key, digest);
      EXPECT_EQ(hex_of(again->r) + hex_of(again->s), hex_of(sig->r) + hex_of(sig->s));
      const auto recovered = ecrecover(digest, Word{sig->v}, word_from_be(sig->r.data()), s);
      ASSERT_TRUE(recovered.has_value());
      EXPECT_EQ(*recovered, *signer);
    }
  }
  EXPECT_GT(seen_v[0], 0);
  EXPECT_GT(seen_v[1], 0);
}

// go-ethereum crypto/signature_test.go: this signature recovers the public key
// 04e32df4…f652, whose address (keccak256 of x ‖ y, last 20 bytes) is 0xa19d…633b.
// (go-ethereum's testAddrHex 0x970e… belongs to its testPrivHex, not to this signature.)
constexpr std::string_view kGethDigest =
    "ce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008";
constexpr std::string_view kGethR =
    "90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e54998";
constexpr std::string_view kGethS =
    "4a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93";
constexpr std::string_view kGethPublicKey =
    "e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a"
    "0a2b2667f7e725ceea70c673093bf67663e0312623c8e091b13cf2c0f11ef652";

TEST(CryptoEcrecover, GoEthereumVector) {
  const Hash256 key_hash = keccak256(bytes_of(kGethPublicKey));
  const std::string expected = "0x" + hex_of(std::span<const uint8_t>(key_hash).subspan(12));
  EXPECT_EQ(expected, "0xa19d069d48d2e9392ec2bb41ecab0a72119d633b");
  const auto recovered =
      ecrecover(hash_of(kGethDigest), Word{28}, word_of_hex(kGethR), word_of_hex(kGethS));
  ASSERT_TRUE(recovered.has_value());
  EXPECT_EQ(to_hex(*recovered), expected);
  // The other recovery id gives a different key.
  const auto other =
      ecrecover(hash_of(kGethDigest), Word{27}, word_of_hex(kGethR), word_of_hex(kGethS));
  if (other) {
    EXPECT_NE(to_hex(*other), expected);
  }
}

TEST(CryptoEcrecover, AcceptsHighS) {
  // Like the ECRECOVER precompile: (r, n - s, v ^ 1) is the same signer.
  const Word n = word_of_hex(kOrderHex);
  const auto low =
      ecrecover(hash_of(kGethDigest), Word{28}, word_of_hex(kGethR), word_of_hex(kGethS));
  const auto high =
      ecrecover(hash_of(kGethDigest), Word{27}, word_of_hex(kGethR), sub(n, word_of_hex(kGethS)));
  ASSERT_TRUE(low.has_value());
  ASSERT_TRUE(high.has_value());
  EXPECT_EQ(*high, *low);
}

TEST(CryptoEcrecover, RejectsInvalidSignatures) {
  const Hash256 digest = hash_of(kGethDigest);
  const Word r = word_of_hex(kGethR), s = word_of_hex(kGethS);
  const Word n = word_of_hex(kOrderHex);
  EXPECT_FALSE(ecrecover(digest, Word{29}, r, s));
  EXPECT_FALSE(ecrecover(digest, Word{26}, r, s));
  EXPECT_FALSE(ecrecover(digest, Word{0}, r, s));
  EXPECT_FALSE(ecrecover(digest, Word{1}, r, s));
  EXPECT_FALSE(ecrecover(digest, Word{28, 0, 0, 1}, r, s));  // 28 + 2^192: v is a whole word
  EXPECT_FALSE(ecrecover(digest, Word{28}, Word{0}, s));
  EXPECT_FALSE(ecrecover(digest, Word{28}, r, Word{0}));
  EXPECT_FALSE(ecrecover(digest, Word{28}, n, s));
  EXPECT_FALSE(ecrecover(digest, Word{28}, add(n, Word{1}), s));
  EXPECT_FALSE(ecrecover(digest, Word{28}, r, n));
  EXPECT_FALSE(ecrecover(digest, Word{28}, bit_not(Word{}), s));
  EXPECT_FALSE(ecrecover(digest, Word{28}, r, bit_not(Word{})));
}

}  // namespace
}  // namespace tenet::vm
