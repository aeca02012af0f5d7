// RLP: ethereum/tests RLPTests (rlptest.json both ways, every invalidRLPTest.json case refused
// with its error), plus the canonical-form checks the vectors do not cover.

#include "tenet/node/rlp/rlp.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "node/support/vectors.hpp"

namespace tenet::node::rlp {
namespace {

using test::from_hex;
using test::to_hex;

/// The big-endian bytes, without leading zeros, of a decimal number of any size.
Bytes rlp_test_decimal_bytes(std::string_view digits) {
  Bytes be;  // big-endian, grows as needed
  for (char c : digits) {
    unsigned carry = static_cast<unsigned>(c - '0');
    for (size_t i = be.size(); i-- > 0;) {
      const unsigned v = be[i] * 10u + carry;
      be[i] = static_cast<uint8_t>(v & 0xff);
      carry = v >> 8;
    }
    while (carry != 0) {
      be.insert(be.begin(), static_cast<uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  return be;
}

/// Appends the vector's "in" value to `w`: strings, integers, "#<decimal>" big integers, lists.
void rlp_test_write(Writer& w, const nlohmann::json& in) {
  if (in.is_array()) {
    Writer inner;
    for (const auto& e : in) rlp_test_write(inner, e);
    w.list(inner);
  } else if (in.is_number_unsigned()) {
    w.uint(in.get<uint64_t>());
  } else {
    const auto s = in.get<std::string>();
    if (!s.empty() && s[0] == '#') {
      w.bytes(rlp_test_decimal_bytes(std::string_view(s).substr(1)));
    } else {
      w.bytes(ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
    }
  }
}

/// True when the decoded item has the vector's "in" value.
bool rlp_test_matches(const Item& item, const nlohmann::json& in) {
  if (in.is_array()) {
    if (!item.list) return false;
    ListReader r(item);
    for (const auto& e : in) {
      auto next = r.item();
      if (!next || !rlp_test_matches(*next, e)) return false;
    }
    return r.done();
  }
  if (item.list) return false;
  Writer expected;
  rlp_test_write(expected, in);
  return Bytes(item.encoded.begin(), item.encoded.end()) == expected.items();
}

TEST(RlpVectors, ValidEncodeAndDecode) {
  const auto cases = test::load_vector_file("RLPTests/rlptest.json");
  ASSERT_EQ(cases.size(), 28u);
  for (const auto& [name, c] : cases.items()) {
    Writer w;
    rlp_test_write(w, c["in"]);
    EXPECT_EQ(to_hex(w.items()), c["out"].get<std::string>()) << name;
    const Bytes out = from_hex(c["out"].get<std::string>());
    auto item = decode(out);
    ASSERT_TRUE(item.ok()) << name << ": " << item.error().message();
    EXPECT_TRUE(rlp_test_matches(*item, c["in"])) << name;
  }
}

TEST(RlpVectors, InvalidAllRefusedWithTheirError) {
  const std::map<std::string, DecodeError> expected = {
      {"int32Overflow", DecodeError::Truncated},
      {"int32Overflow2", DecodeError::Truncated},
      {"wrongSizeList", DecodeError::NonCanonicalSize},
      {"wrongSizeList2", DecodeError::NonCanonicalSize},
      {"incorrectLengthInArray", DecodeError::LeadingZeroSize},
      {"randomRLP", DecodeError::LeadingZeroSize},
      {"bytesShouldBeSingleByte00", DecodeError::SingleByteWrapped},
      {"bytesShouldBeSingleByte01", DecodeError::SingleByteWrapped},
      {"bytesShouldBeSingleByte7F", DecodeError::SingleByteWrapped},
      {"leadingZerosInLongLengthArray1", DecodeError::LeadingZeroSize},
      {"leadingZerosInLongLengthArray2", DecodeError::LeadingZeroSize},
      {"leadingZerosInLongLengthList1", DecodeError::LeadingZeroSize},
      {"leadingZerosInLongLengthList2", DecodeError::LeadingZeroSize},
      {"nonOptimalLongLengthArray1", DecodeError::NonCanonicalSize},
      {"nonOptimalLongLengthArray2", DecodeError::NonCanonicalSize},
      {"nonOptimalLongLengthList1", DecodeError::NonCanonicalSize},
      {"nonOptimalLongLengthList2", DecodeError::NonCanonicalSize},
      {"emptyEncoding", DecodeError::Truncated},
      {"lessThanShortLengthArray1", DecodeError::Truncated},
      {"lessThanShortLengthArray2", DecodeError::Truncated},
      {"lessThanShortLengthList1", DecodeError::Truncated},
      {"lessThanShortLengthList2", DecodeError::Truncated},
      {"lessThanLongLengthArray1", DecodeError::Truncated},
      {"lessThanLongLengthArray2", DecodeError::Truncated},
      {"lessThanLongLengthList1", DecodeError::Truncated},
      {"lessThanLongLengthList2", DecodeError::SizeOverflow},
  };
  const auto cases = test::load_vector_file("RLPTests/invalidRLPTest.json");
  ASSERT_EQ(cases.size(), expected.size());
  for (const auto& [name, c] : cases.items()) {
    auto item = decode(from_hex(c["out"].get<std::string>()));
    ASSERT_FALSE(item.ok()) << name;
    ASSERT_TRUE(expected.count(name)) << name;
    EXPECT_EQ(item.error().error, expected.at(name)) << name << ": " << item.error().message();
  }
}

/// The error of decoding `hex`, or a failure if it decodes.
DecodeError rlp_test_error_of(std::string_view hex) {
  auto item = decode(from_hex(hex));
  EXPECT_FALSE(item.ok()) << hex;
  return item.ok() ? DecodeError::TooManyItems : item.error().error;
}

TEST(RlpDecode, CanonicalFormChecks) {
  EXPECT_EQ(rlp_test_error_of("0x"), DecodeError::Truncated);
  EXPECT_TRUE(decode(from_hex("0x8180")).ok());  // one byte >= 0x80 is wrapped
  EXPECT_EQ(rlp_test_error_of("0x817f"), DecodeError::SingleByteWrapped);
  EXPECT_EQ(rlp_test_error_of("0x0000"), DecodeError::TrailingBytes);
  EXPECT_EQ(rlp_test_error_of("0xc0c0"), DecodeError::TrailingBytes);
  EXPECT_EQ(rlp_test_error_of("0xb800"), DecodeError::LeadingZeroSize);
  EXPECT_EQ(rlp_test_error_of("0xb837"), DecodeError::NonCanonicalSize);
  EXPECT_EQ(rlp_test_error_of("0xbfffffffffffffffff"), DecodeError::SizeOverflow);
  EXPECT_EQ(rlp_test_error_of("0xc281"), DecodeError::Truncated);  // child past its list
  EXPECT_EQ(rlp_test_error_of("0xc3830001"), DecodeError::Truncated);
  EXPECT_EQ(rlp_test_error_of("0xc2817f"), DecodeError::SingleByteWrapped);  // nested check
}

TEST(RlpDecode, NestingLimit) {
  Writer nested;  // depth 1: []
  for (unsigned depth = 2; depth <= kMaxDepth; ++depth) {
    Writer outer;
    outer.list(nested);
    nested = outer;
  }
  const Bytes deep = nested.list_bytes();  // kMaxDepth lists, innermost empty
  EXPECT_TRUE(decode(deep).ok());
  Writer one_more;
  one_more.list(nested);
  auto r = decode(one_more.list_bytes());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().error, DecodeError::TooDeep);
  // the 65th list starts after 55 one-byte headers and 9 two-byte ones
  EXPECT_EQ(r.error().message(), "rlp: lists nested too deep at byte 73");
}

TEST(RlpDecode, MessagesNameTheOffset) {
  auto r = decode(from_hex("0xc3c2817f"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 2u);
  EXPECT_EQ(decode(from_hex("0xc3c2817f"), 1).error().offset, 3u);  // counted from a base
  EXPECT_EQ(decode(from_hex("0x8000"), 5).error().message(),
            "rlp: input contains more than one value at byte 6");
  EXPECT_EQ(
      r.error().message(),
      "rlp: non-canonical size information (single byte below 0x80 wrapped in a string) at byte 2");
}

TEST(RlpListReader, TypedAccessors) {
  // [0x0400, "", 0x00 (leading zero), [], 20-byte address, 33-byte integer, 19-byte address]
  Writer w;
  w.uint(0x400).bytes({}).raw(std::array<uint8_t, 1>{0x00}).list(Writer{});
  Address a;
  a.bytes[0] = 0xaa;
  w.address(a);
  const Bytes big(33, 0x11);
  w.bytes(big).bytes(Bytes(19, 0x22));
  const Bytes encoded = w.list_bytes();
  auto item = decode(encoded);
  ASSERT_TRUE(item.ok());
  ListReader r(*item);
  EXPECT_EQ(*r.uint64(), 0x400u);
  EXPECT_EQ(*r.uint64(), 0u);
  auto lz = r.word();
  ASSERT_FALSE(lz.ok());
  EXPECT_EQ(lz.error().error, DecodeError::LeadingZeroInteger);
  auto not_string = r.bytes();
  ASSERT_FALSE(not_string.ok());
  EXPECT_EQ(not_string.error().error, DecodeError::ExpectedString);
  EXPECT_EQ(*r.address(), a);
  auto wide = r.word();
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.error().error, DecodeError::IntegerTooLarge);
  auto short_address = r.address();
  ASSERT_FALSE(short_address.ok());
  EXPECT_EQ(short_address.error().error, DecodeError::WrongAddressSize);
  EXPECT_TRUE(r.done());
  EXPECT_TRUE(r.finish().ok());
  auto past = r.item();
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().error, DecodeError::TooFewItems);
}

TEST(RlpListReader, IntegerLimitsAndExtraItems) {
  Writer w;
  w.uint(UINT64_MAX).bytes(Bytes(9, 0x01)).word(Word{0, 0, 0, 1ull << 63}).uint(7);
  const Bytes encoded = w.list_bytes();
  auto item = decode(encoded);
  ASSERT_TRUE(item.ok());
  ListReader r(*item);
  EXPECT_EQ(*r.uint64(), UINT64_MAX);
  auto nine = r.uint64();
  ASSERT_FALSE(nine.ok());
  EXPECT_EQ(nine.error().error, DecodeError::IntegerTooLarge);
  EXPECT_EQ(*r.word(), (Word{0, 0, 0, 1ull << 63}));
  auto extra = r.finish();
  ASSERT_FALSE(extra.ok());
  EXPECT_EQ(extra.error().error, DecodeError::TooManyItems);
  auto not_list = r.list();
  ASSERT_FALSE(not_list.ok());
  EXPECT_EQ(not_list.error().error, DecodeError::ExpectedList);
}

TEST(RlpWriter, LongFormsAndRoundTrip) {
  Writer w;
  w.bytes(Bytes(56, 0xab));
  EXPECT_EQ(w.items()[0], 0xb8);
  EXPECT_EQ(w.items()[1], 56);
  Writer outer;
  outer.list(w);
  EXPECT_EQ(to_hex(ByteView(outer.items()).first(3)), "0xf83ab8");
  auto item = decode(outer.items());
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(Bytes(item->encoded.begin(), item->encoded.end()), outer.items());
  EXPECT_EQ(to_hex(Writer{}.list_bytes()), "0xc0");
  EXPECT_EQ(to_hex(Writer{}.word(Word{}).items()), "0x80");
}

}  // namespace
}  // namespace tenet::node::rlp

namespace tenet::node::rlp {
namespace {

/// `item` re-encoded from its decoded tree (strings and lists, nothing copied raw).
Bytes rlp_test_reencode(const Item& item) {
  Writer w;
  if (!item.list) {
    w.bytes(item.payload);
    return w.items();
  }
  Writer inner;
  ListReader r(item);
  while (!r.done()) inner.raw(rlp_test_reencode(*r.item()));
  w.list(inner);
  return w.items();
}

/// A random canonical tree of depth at most `depth`.
void rlp_test_random_tree(Writer& w, std::mt19937& rng, unsigned depth) {
  const unsigned kind = rng() % 4;
  if (kind == 0 && depth > 0) {
    Writer inner;
    const unsigned n = rng() % 5;
    for (unsigned i = 0; i < n; ++i) rlp_test_random_tree(inner, rng, depth - 1);
    w.list(inner);
  } else if (kind == 1) {
    w.uint(rng() % 2 ? rng() % 200 : (uint64_t{rng()} << 32 | rng()));
  } else {
    Bytes b(rng() % 3 == 0 ? 56 + rng() % 300 : rng() % 60);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    w.bytes(b);
  }
}

TEST(RlpDecode, AcceptedInputsReencodeToThemselves) {
  std::mt19937 rng(11);
  size_t accepted_mutants = 0;
  for (int round = 0; round < 2000; ++round) {
    Writer w;
    rlp_test_random_tree(w, rng, 4);
    const Bytes canonical = w.items();
    auto item = decode(canonical);
    ASSERT_TRUE(item.ok()) << to_hex(canonical) << ": " << item.error().message();
    ASSERT_EQ(rlp_test_reencode(*item), canonical);
    // One mutated byte, a dropped byte, an extra byte: refused, or canonical again.
    Bytes mutant = canonical;
    mutant[rng() % mutant.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
    for (const Bytes& m : {mutant, Bytes(canonical.begin(), canonical.end() - 1), [&] {
                             Bytes e = canonical;
                             e.push_back(0);
                             return e;
                           }()}) {
      auto r = decode(m);
      if (!r.ok()) continue;
      ++accepted_mutants;
      EXPECT_EQ(rlp_test_reencode(*r), m) << to_hex(m);
    }
  }
  EXPECT_GT(accepted_mutants, 0u);  // the check above did run on some
}

}  // namespace
}  // namespace tenet::node::rlp
