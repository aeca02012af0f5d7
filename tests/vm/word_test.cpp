/// \file
/// The 256-bit word against Boost.Multiprecision: randomised differential tests for
/// every operation (fixed seeds, inputs biased toward edge values) and named edge cases.

#include "tenet/vm/word.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <functional>
#include <ios>
#include <random>
#include <string>

#include "../../vm/src/word_boost.hpp"  // the Boost reference types (internal to the VM)

namespace tenet::vm {
namespace {

namespace mp = boost::multiprecision;

constexpr int kCases = 5000;

// ---- The reference side: Boost numbers built without the code under test ---------------

/// The word as a Boost 256-bit integer, limb by limb through shifts.
U256 ref(const Word& w) {
  U256 r = 0;
  for (int i = 3; i >= 0; --i) {
    r <<= 64;
    r |= U256(w.limb[i]);
  }
  return r;
}

/// The word as a Boost 512-bit integer.
U512 ref512(const Word& w) {
  U512 r = 0;
  for (int i = 3; i >= 0; --i) {
    r <<= 64;
    r |= U512(w.limb[i]);
  }
  return r;
}

/// 64 bits of a Boost integer starting at bit `64 * index`.
template <typename Number>
uint64_t limb_of(const Number& v, int index) {
  return static_cast<uint64_t>((v >> (64 * index)) & Number(~0ULL));
}

/// A word from the low 256 bits of a Boost integer.
template <typename Number>
Word word_of(const Number& v) {
  return Word{limb_of(v, 0), limb_of(v, 1), limb_of(v, 2), limb_of(v, 3)};
}

/// Hex of a word through Boost, for failure messages.
std::string show(const Word& w) {
  return "0x" + ref(w).str(0, std::ios_base::hex);
}

const U256 kRefAllOnes = ~U256(0);
const U256 kRefSignBit = U256(1) << 255;

bool ref_negative(const U256& v) {
  return mp::bit_test(v, 255);
}
U256 ref_negate(const U256& v) {
  return ~v + 1;
}
U256 ref_abs(const U256& v) {
  return ref_negative(v) ? ref_negate(v) : v;
}

// ---- Inputs biased toward edge values -------------------------------------------------

/// A deterministic source of words: edge constants, small and small negative numbers,
/// values near edges, random widths and fully random words.
class Inputs {
 public:
  explicit Inputs(uint64_t seed) : rng_(seed) {}

  uint64_t next() { return rng_(); }

  Word word() {
    switch (rng_() % 10) {
      case 0:
      case 1:
        return edge();
      case 2:
        return Word{rng_() % 256};
      case 3:
        return word_of(ref_negate(U256(rng_() % 256 + 1)));
      case 4:
        return word_of(ref(edge()) + U256(rng_() % 5) - U256(2));  // near an edge
      case 5:
      case 6:
      case 7:
        return random_width();
      default:
        return random();
    }
  }

  /// A shift amount or byte index: mostly below 300, sometimes huge.
  Word amount() {
    switch (rng_() % 8) {
      case 0: {
        static const uint64_t kNotable[] = {0,   1,   7,   8,   63,  64,  65, 127, 128,
                                            129, 191, 192, 255, 256, 257, 31, 32};
        return Word{kNotable[rng_() % std::size(kNotable)]};
      }
      case 1:
        return word();
      case 2:
        return Word{0, 1, 0, 0};  // 2^64
      default:
        return Word{rng_() % 300};
    }
  }

  /// A bit index in 0..255, biased toward byte and limb boundaries.
  unsigned bit() {
    if (rng_() % 3 == 0) {
      static const unsigned kNotable[] = {0, 7, 8, 15, 31, 63, 64, 127, 128, 191, 247, 254, 255};
      return kNotable[rng_() % std::size(kNotable)];
    }
    return static_cast<unsigned>(rng_() % 256);
  }

 private:
  Word edge() {
    static const Word kEdges[] = {
        Word{0},
        Word{1},
        Word{2},
        Word{~0ULL},                            // 2^64 - 1
        Word{0, 1, 0, 0},                       // 2^64
        Word{~0ULL, ~0ULL, 0, 0},               // 2^128 - 1
        Word{0, 0, 1, 0},                       // 2^128
        Word{0, 0, 0, 1},                       // 2^192
        Word{1ULL << 63},                       // 2^63
        Word{~0ULL, ~0ULL, ~0ULL, ~0ULL >> 1},  // 2^255 - 1 (MAX)
        Word{0, 0, 0, 1ULL << 63},              // 2^255 (MIN)
        Word{1, 0, 0, 1ULL << 63},              // 2^255 + 1
        Word{~0ULL - 1, ~0ULL, ~0ULL, ~0ULL},   // 2^256 - 2
        Word{~0ULL, ~0ULL, ~0ULL, ~0ULL},       // 2^256 - 1
    };
    return kEdges[rng_() % std::size(kEdges)];
  }

  Word random() { return Word{rng_(), rng_(), rng_(), rng_()}; }

  /// A random value of exactly `width` bits (top bit set), 1 <= width <= 256.
  Word random_width() {
    const unsigned width = 1 + static_cast<unsigned>(rng_() % 256);
    U256 v = ref(random());
    if (width < 256) v &= (U256(1) << width) - 1;
    mp::bit_set(v, width - 1);
    return word_of(v);
  }

  std::mt19937_64 rng_;
};

/// Checks a binary word operation against a Boost reference on kCases inputs.
void check_binary(uint64_t seed, const std::function<Word(const Word&, const Word&)>& op,
                  const std::function<U256(const U256&, const U256&)>& reference) {
  Inputs in(seed);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word(), b = in.word();
    ASSERT_EQ(ref(op(a, b)), reference(ref(a), ref(b))) << "a=" << show(a) << " b=" << show(b);
  }
}

/// Checks a shift-like operation (word, amount) against a Boost reference.
void check_shift(uint64_t seed, const std::function<Word(const Word&, const Word&)>& op,
                 const std::function<U256(const U256&, const U256&)>& reference) {
  Inputs in(seed);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word(), s = in.amount();
    ASSERT_EQ(ref(op(a, s)), reference(ref(a), ref(s))) << "a=" << show(a) << " s=" << show(s);
  }
}

/// Checks a ternary modular operation against a Boost reference.
void check_modular(uint64_t seed,
                   const std::function<Word(const Word&, const Word&, const Word&)>& op,
                   const std::function<U512(const U512&, const U512&)>& combine) {
  Inputs in(seed);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word(), b = in.word(), m = in.word();
    const U512 expected = m.is_zero() ? U512(0) : combine(ref512(a), ref512(b)) % ref512(m);
    ASSERT_EQ(ref512(op(a, b, m)), expected)
        << "a=" << show(a) << " b=" << show(b) << " m=" << show(m);
  }
}

// ---- Reference semantics written with explicit two's-complement logic -------------------

U256 ref_sdiv(const U256& a, const U256& b) {
  if (b == 0) return 0;
  const U256 q = ref_abs(a) / ref_abs(b);  // |MIN| reads as 2^255 unsigned
  return ref_negative(a) != ref_negative(b) ? ref_negate(q) : q;
}

U256 ref_smod(const U256& a, const U256& b) {
  if (b == 0) return 0;
  const U256 r = ref_abs(a) % ref_abs(b);
  return ref_negative(a) ? ref_negate(r) : r;
}

/// The shift amount, saturated at 256.
unsigned ref_amount(const U256& s) {
  return s >= 256 ? 256u : static_cast<unsigned>(s);
}

U256 ref_shl(const U256& a, const U256& s) {
  const unsigned n = ref_amount(s);
  return n >= 256 ? U256(0) : U256(a << n);
}

U256 ref_shr(const U256& a, const U256& s) {
  const unsigned n = ref_amount(s);
  return n >= 256 ? U256(0) : U256(a >> n);
}

U256 ref_sar(const U256& a, const U256& s) {
  const unsigned n = ref_amount(s);
  if (!ref_negative(a)) return n >= 256 ? U256(0) : U256(a >> n);
  if (n >= 256) return kRefAllOnes;
  if (n == 0) return a;
  return (a >> n) | (kRefAllOnes << (256 - n));  // fill the vacated high bits with ones
}

U256 ref_byte(const U256& a, const U256& i) {
  if (i >= 32) return 0;
  return (a >> (8 * (31 - static_cast<unsigned>(i)))) & 0xff;
}

U256 ref_sign_extend(const U256& a, unsigned bit) {
  if (bit >= 255) return a;
  const U256 low = (U256(1) << (bit + 1)) - 1;
  return mp::bit_test(a, bit) ? U256(a | ~low) : U256(a & low);
}

U256 ref_mask_low(const U256& a, unsigned bits) {
  if (bits >= 256) return a;
  return a & ((U256(1) << bits) - 1);
}

/// a ** e mod 2^256, left to right over the exponent's bits (the library goes right to
/// left), with Boost's wrapping multiplication.
U256 ref_exp(const U256& a, const U256& e) {
  U256 result = 1;
  if (e == 0) return result;
  for (int i = static_cast<int>(mp::msb(e)); i >= 0; --i) {
    result *= result;
    if (mp::bit_test(e, static_cast<unsigned>(i))) result *= a;
  }
  return result;
}

// ---- Differential tests -----------------------------------------------------------------

TEST(WordDifferential, Add) {
  check_binary(1, add, [](const U256& a, const U256& b) { return U256(a + b); });
  Inputs in(101);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word(), b = in.word();
    bool carry = false;
    const Word sum = add_carry(a, b, carry);
    const U512 wide = ref512(a) + ref512(b);
    ASSERT_EQ(ref512(sum), wide & ((U512(1) << 256) - 1)) << show(a) << " " << show(b);
    ASSERT_EQ(carry, (wide >> 256) != 0) << show(a) << " " << show(b);
  }
}

TEST(WordDifferential, Sub) {
  check_binary(2, sub, [](const U256& a, const U256& b) { return U256(a - b); });
  check_binary(
      102, [](const Word& a, const Word&) { return negate(a); },
      [](const U256& a, const U256&) { return ref_negate(a); });
}

TEST(WordDifferential, Mul) {
  // The low half of the full 512-bit product.
  check_binary(3, mul,
               [](const U256& a, const U256& b) { return ref(word_of(U512(U512(a) * U512(b)))); });
}

TEST(WordDifferential, MulOverflows) {
  Inputs in(4);
  int overflowed = 0;
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word(), b = in.word();
    const bool expected = (ref512(a) * ref512(b)) >> 256 != 0;
    overflowed += expected;
    ASSERT_EQ(mul_overflows(a, b), expected) << show(a) << " " << show(b);
  }
  EXPECT_GT(overflowed, kCases / 10);
  EXPECT_LT(overflowed, kCases - kCases / 10);
}

TEST(WordDifferential, UDiv) {
  check_binary(5, udiv,
               [](const U256& a, const U256& b) { return b == 0 ? U256(0) : U256(a / b); });
}

TEST(WordDifferential, UMod) {
  check_binary(6, umod,
               [](const U256& a, const U256& b) { return b == 0 ? U256(0) : U256(a % b); });
}

TEST(WordDifferential, SDiv) {
  check_binary(7, sdiv, ref_sdiv);
}

TEST(WordDifferential, SMod) {
  check_binary(8, smod, ref_smod);
}

TEST(WordDifferential, AddMod) {
  check_modular(9, addmod, [](const U512& a, const U512& b) { return U512(a + b); });
}

TEST(WordDifferential, MulMod) {
  check_modular(10, mulmod, [](const U512& a, const U512& b) { return U512(a * b); });
}

TEST(WordDifferential, Exp) {
  Inputs in(11);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word();
    // Mostly short exponents (cheap in Debug), a fifth of them full-width words.
    const Word e = in.next() % 5 == 0 ? in.word() : Word{in.next() % 1024};
    ASSERT_EQ(ref(exp(a, e)), ref_exp(ref(a), ref(e))) << "a=" << show(a) << " e=" << show(e);
  }
}

TEST(WordDifferential, Compare) {
  Inputs in(12);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word(), b = in.word();
    const Word c = in.next() % 8 == 0 ? a : b;  // equal operands now and then
    ASSERT_EQ(lt(a, c), ref(a) < ref(c)) << show(a) << " " << show(c);
    // Signed order is unsigned order after flipping the sign bit.
    ASSERT_EQ(slt(a, c), (ref(a) ^ kRefSignBit) < (ref(c) ^ kRefSignBit))
        << show(a) << " " << show(c);
    ASSERT_EQ(a == c, ref(a) == ref(c));
    ASSERT_EQ(a.is_zero(), ref(a) == 0);
    ASSERT_EQ(a.is_negative(), ref_negative(ref(a)));
    ASSERT_EQ(a.fits_u64(), ref(a) <= U256(~0ULL));
  }
}

TEST(WordDifferential, Shl) {
  check_shift(13, shl, ref_shl);
}

TEST(WordDifferential, Shr) {
  check_shift(14, shr, ref_shr);
}

TEST(WordDifferential, Sar) {
  check_shift(15, sar, ref_sar);
}

TEST(WordDifferential, ByteAt) {
  check_shift(16, byte_at, ref_byte);
}

TEST(WordDifferential, SignExtendBit) {
  Inputs in(17);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word();
    const unsigned bit = in.bit();
    ASSERT_EQ(ref(sign_extend_bit(a, bit)), ref_sign_extend(ref(a), bit))
        << show(a) << " bit " << bit;
  }
}

TEST(WordDifferential, MaskLow) {
  Inputs in(18);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word();
    const unsigned bits = in.bit() + 1;
    ASSERT_EQ(ref(mask_low(a, bits)), ref_mask_low(ref(a), bits)) << show(a) << " bits " << bits;
  }
}

TEST(WordDifferential, BitCounts) {
  Inputs in(19);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word();
    const U256 r = ref(a);
    const unsigned clz = r == 0 ? 256u : 255u - mp::msb(r);
    const unsigned ctz = r == 0 ? 256u : mp::lsb(r);
    unsigned ones = 0;
    for (int l = 0; l < 4; ++l) ones += static_cast<unsigned>(std::popcount(limb_of(r, l)));
    ASSERT_EQ(count_leading_zeros(a), clz) << show(a);
    ASSERT_EQ(count_trailing_zeros(a), ctz) << show(a);
    ASSERT_EQ(popcount(a), ones) << show(a);
  }
}

TEST(WordDifferential, ByteSwap) {
  Inputs in(20);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word();
    const U256 r = ref(a);
    U256 swapped = 0;
    for (unsigned b = 0; b < 32; ++b) swapped |= ((r >> (8 * b)) & 0xff) << (8 * (31 - b));
    ASSERT_EQ(ref(byte_swap(a)), swapped) << show(a);
  }
}

TEST(WordDifferential, Bitwise) {
  check_binary(21, bit_and, [](const U256& a, const U256& b) { return U256(a & b); });
  check_binary(22, bit_or, [](const U256& a, const U256& b) { return U256(a | b); });
  check_binary(23, bit_xor, [](const U256& a, const U256& b) { return U256(a ^ b); });
  check_binary(
      24, [](const Word& a, const Word&) { return bit_not(a); },
      [](const U256& a, const U256&) { return U256(~a); });
}

TEST(WordDifferential, Conversions) {
  Inputs in(25);
  for (int i = 0; i < kCases; ++i) {
    const Word a = in.word();
    const U256 r = ref(a);
    ASSERT_EQ(to_u256(a), r) << show(a);
    ASSERT_EQ(from_u256(r), a) << show(a);
    const auto be = word_to_be(a);
    for (unsigned b = 0; b < 32; ++b) {
      ASSERT_EQ(be[b], static_cast<uint8_t>(r >> (8 * (31 - b)))) << show(a) << " byte " << b;
    }
    ASSERT_EQ(word_from_be(be.data()), a);
    ASSERT_EQ(to_hex(a), show(a));
    ASSERT_EQ(to_decimal(a), r.str());
    ASSERT_EQ(parse_word(to_decimal(a)), a) << show(a);
    ASSERT_EQ(parse_word(to_hex(a)), a) << show(a);
  }
}

// ---- Named edge cases --------------------------------------------------------------------

const Word kMin{0, 0, 0, 1ULL << 63};
const Word kMax{~0ULL, ~0ULL, ~0ULL, ~0ULL >> 1};
const Word kAllOnes{~0ULL, ~0ULL, ~0ULL, ~0ULL};  // 2^256 - 1, also -1

Word from_text(std::string_view text) {
  return *parse_word(text);
}

TEST(WordEdge, DivisionAndModuloByZero) {
  for (const Word& a : {Word{0}, Word{1}, kMin, kMax, kAllOnes}) {
    EXPECT_EQ(udiv(a, Word{}), Word{});
    EXPECT_EQ(umod(a, Word{}), Word{});
    EXPECT_EQ(sdiv(a, Word{}), Word{});
    EXPECT_EQ(smod(a, Word{}), Word{});
    EXPECT_EQ(addmod(a, kAllOnes, Word{}), Word{});
    EXPECT_EQ(mulmod(a, kAllOnes, Word{}), Word{});
  }
}

TEST(WordEdge, SignedMinDividedByMinusOne) {
  EXPECT_EQ(sdiv(kMin, kAllOnes), kMin);
  EXPECT_EQ(smod(kMin, kAllOnes), Word{});
  EXPECT_EQ(sdiv(kMin, Word{1}), kMin);
  EXPECT_EQ(sdiv(kMax, kAllOnes), add(kMin, Word{1}));
  EXPECT_EQ(sdiv(kMin, kMin), Word{1});
  EXPECT_EQ(smod(kMin, Word{3}), negate(Word{2}));  // -2^255 = 3q - 2 with q truncated
}

TEST(WordEdge, SignedDivisionTruncatesTowardZero) {
  const Word minus7 = negate(Word{7});
  EXPECT_EQ(sdiv(minus7, Word{2}), negate(Word{3}));
  EXPECT_EQ(sdiv(Word{7}, negate(Word{2})), negate(Word{3}));
  EXPECT_EQ(sdiv(minus7, negate(Word{2})), Word{3});
  EXPECT_EQ(smod(minus7, Word{2}), negate(Word{1}));
  EXPECT_EQ(smod(Word{7}, negate(Word{2})), Word{1});
  EXPECT_EQ(smod(minus7, negate(Word{2})), negate(Word{1}));
}

TEST(WordEdge, ShiftsAtAndBeyondTheWidth) {
  const Word one{1};
  EXPECT_EQ(shl(one, Word{255}), kMin);
  EXPECT_EQ(shl(one, Word{256}), Word{});
  EXPECT_EQ(shl(kAllOnes, Word{257}), Word{});
  EXPECT_EQ(shl(kAllOnes, Word{0, 1, 0, 0}), Word{});  // 2^64
  EXPECT_EQ(shl(kAllOnes, kMin), Word{});              // 2^255
  EXPECT_EQ(shr(kMin, Word{255}), one);
  EXPECT_EQ(shr(kAllOnes, Word{256}), Word{});
  EXPECT_EQ(shr(kAllOnes, Word{257}), Word{});
  EXPECT_EQ(shr(kAllOnes, Word{0, 1, 0, 0}), Word{});
  EXPECT_EQ(shr(kAllOnes, kMin), Word{});
  EXPECT_EQ(shr(kAllOnes, Word{256, 1, 0, 0}), Word{});  // low limb 256, but huge
  EXPECT_EQ(shl(kAllOnes, Word{0, 0, 0, 1}), Word{});
  EXPECT_EQ(shl(kAllOnes, Word{0}), kAllOnes);
  EXPECT_EQ(shr(kAllOnes, Word{0}), kAllOnes);
}

TEST(WordEdge, ArithmeticShiftOfNegativeValues) {
  EXPECT_EQ(sar(kMin, Word{255}), kAllOnes);
  EXPECT_EQ(sar(kMin, Word{256}), kAllOnes);
  EXPECT_EQ(sar(kMin, Word{257}), kAllOnes);
  EXPECT_EQ(sar(negate(Word{1}), Word{0, 1, 0, 0}), kAllOnes);
  EXPECT_EQ(sar(negate(Word{2}), kMin), kAllOnes);
  EXPECT_EQ(sar(kMax, Word{256}), Word{});
  EXPECT_EQ(sar(kMax, Word{254}), Word{1});
  EXPECT_EQ(sar(negate(Word{16}), Word{2}), negate(Word{4}));
  EXPECT_EQ(sar(negate(Word{1}), Word{1}), kAllOnes);
  EXPECT_EQ(sar(kMin, Word{1}), Word(0, 0, 0, 0xC000000000000000ULL));
}

TEST(WordEdge, ByteIndexing) {
  const Word w = from_text("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
  EXPECT_EQ(byte_at(w, Word{0}), Word{0x01});
  EXPECT_EQ(byte_at(w, Word{7}), Word{0x08});
  EXPECT_EQ(byte_at(w, Word{8}), Word{0x09});
  EXPECT_EQ(byte_at(w, Word{31}), Word{0x20});
  EXPECT_EQ(byte_at(w, Word{32}), Word{});
  EXPECT_EQ(byte_at(w, Word{0, 1, 0, 0}), Word{});
  EXPECT_EQ(byte_at(w, kAllOnes), Word{});
  EXPECT_EQ(byte_swap(w),
            from_text("0x201f1e1d1c1b1a191817161514131211100f0e0d0c0b0a090807060504030201"));
}

TEST(WordEdge, SignExtension) {
  EXPECT_EQ(sign_extend_bit(Word{0x80}, 7), negate(Word{0x80}));
  EXPECT_EQ(sign_extend_bit(Word{0x7f}, 7), Word{0x7f});
  EXPECT_EQ(sign_extend_bit(Word{0x1ff}, 7), kAllOnes);
  EXPECT_EQ(sign_extend_bit(Word{0xff7f}, 7), Word{0x7f});  // higher bits are replaced
  EXPECT_EQ(sign_extend_bit(Word{0x8000}, 15), negate(Word{0x8000}));
  EXPECT_EQ(sign_extend_bit(Word{0x17fff}, 15), Word{0x7fff});
  EXPECT_EQ(sign_extend_bit(kMin, 255), kMin);
  EXPECT_EQ(sign_extend_bit(kMax, 255), kMax);
  // A bit that is not at a byte boundary: a 13-bit field.
  EXPECT_EQ(sign_extend_bit(Word{0x1000}, 12), negate(Word{0x1000}));
  EXPECT_EQ(sign_extend_bit(Word{0x0fff}, 12), Word{0x0fff});
  EXPECT_EQ(sign_extend_bit(Word{0xf0fff}, 12), Word{0x0fff});
  EXPECT_EQ(sign_extend_bit(Word{1}, 0), kAllOnes);
  EXPECT_EQ(sign_extend_bit(Word{2}, 0), Word{});
}

TEST(WordEdge, LowBits) {
  EXPECT_EQ(low_bits(0), Word{});
  EXPECT_EQ(low_bits(1), Word{1});
  EXPECT_EQ(low_bits(64), Word{~0ULL});
  EXPECT_EQ(low_bits(160), sub(shl(Word{1}, Word{160}), Word{1}));
  EXPECT_EQ(low_bits(256), bit_not(Word{}));
}

TEST(WordEdge, MaskLowBounds) {
  EXPECT_EQ(mask_low(kAllOnes, 1), Word{1});
  EXPECT_EQ(mask_low(kAllOnes, 64), Word{~0ULL});
  EXPECT_EQ(mask_low(kAllOnes, 65), Word(~0ULL, 1, 0, 0));
  EXPECT_EQ(mask_low(kAllOnes, 160), Word(~0ULL, ~0ULL, 0xffffffffULL, 0));
  EXPECT_EQ(mask_low(kAllOnes, 255), kMax);
  EXPECT_EQ(mask_low(kAllOnes, 256), kAllOnes);
}

TEST(WordEdge, BitCountsOfEdges) {
  EXPECT_EQ(count_leading_zeros(Word{}), 256u);
  EXPECT_EQ(count_trailing_zeros(Word{}), 256u);
  EXPECT_EQ(popcount(Word{}), 0u);
  EXPECT_EQ(count_leading_zeros(Word{1}), 255u);
  EXPECT_EQ(count_trailing_zeros(kMin), 255u);
  EXPECT_EQ(count_leading_zeros(kMin), 0u);
  EXPECT_EQ(popcount(kAllOnes), 256u);
  EXPECT_EQ(popcount(kMax), 255u);
}

TEST(WordEdge, Exponentiation) {
  EXPECT_EQ(exp(Word{2}, Word{255}), kMin);
  EXPECT_EQ(exp(Word{2}, Word{256}), Word{});
  EXPECT_EQ(exp(Word{0}, Word{0}), Word{1});
  EXPECT_EQ(exp(Word{0}, Word{1}), Word{});
  EXPECT_EQ(exp(kAllOnes, Word{0}), Word{1});
  EXPECT_EQ(exp(kAllOnes, Word{2}), Word{1});    // (-1)^2
  EXPECT_EQ(exp(kAllOnes, kAllOnes), kAllOnes);  // (-1)^odd
  EXPECT_EQ(exp(Word{10}, Word{18}), Word{1'000'000'000'000'000'000ULL});
  // 3^(2^256-1) mod 2^256 against Boost's modular exponentiation.
  const U512 modulus = U512(1) << 256;
  const U512 expected = mp::powm(U512(3), ref512(kAllOnes), modulus);
  EXPECT_EQ(ref512(exp(Word{3}, kAllOnes)), expected);
  EXPECT_EQ(ref512(exp(Word{7}, kMin)), mp::powm(U512(7), ref512(kMin), modulus));
}

TEST(WordEdge, MulWraps) {
  EXPECT_EQ(mul(kAllOnes, kAllOnes), Word{1});
  EXPECT_TRUE(mul_overflows(kAllOnes, Word{2}));
  EXPECT_FALSE(mul_overflows(kMin, Word{1}));
  EXPECT_TRUE(mul_overflows(kMin, Word{2}));
  EXPECT_FALSE(mul_overflows(Word{~0ULL, ~0ULL, 0, 0}, Word{~0ULL, ~0ULL, 0, 0}));
  EXPECT_TRUE(mul_overflows(Word{0, 0, 1, 0}, Word{0, 0, 1, 0}));
  EXPECT_FALSE(mul_overflows(Word{}, kAllOnes));
}

TEST(WordEdge, AddModWithOverflowingSum) {
  // (2^256-1) + (2^256-1) = 2^257 - 2 does not fit in 256 bits.
  EXPECT_EQ(addmod(kAllOnes, kAllOnes, Word{7}), Word{2});  // 2^257 ≡ 4 (mod 7), minus 2
  EXPECT_EQ(addmod(kAllOnes, Word{1}, kAllOnes), Word{1});
  EXPECT_EQ(addmod(kAllOnes, kAllOnes, kAllOnes), Word{});
  EXPECT_EQ(addmod(kMin, kMin, Word{3}), Word{1});  // 2^256 ≡ 1 (mod 3)
  EXPECT_EQ(addmod(Word{5}, Word{6}, Word{1}), Word{});
}

TEST(WordEdge, MulModWithFullProduct) {
  // (2^256-1)^2 mod (2^256-2) = 1, since 2^256-1 ≡ 1.
  EXPECT_EQ(mulmod(kAllOnes, kAllOnes, sub(kAllOnes, Word{1})), Word{1});
  EXPECT_EQ(mulmod(kAllOnes, kAllOnes, kAllOnes), Word{});
  const Word p = from_text("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
  const U512 expected = (ref512(kMax) * ref512(kAllOnes)) % ref512(p);
  EXPECT_EQ(ref512(mulmod(kMax, kAllOnes, p)), expected);
  EXPECT_EQ(mulmod(kMin, Word{2}, Word{0, 0, 0, 0}), Word{});
}

// ---- Division: every limb count, Knuth's corrections, structured operands ------------------

/// Checks udiv, umod, sdiv and smod of a by b against Boost.
void check_division(const Word& a, const Word& b) {
  const U256 ra = ref(a), rb = ref(b);
  ASSERT_EQ(ref(udiv(a, b)), rb == 0 ? U256(0) : U256(ra / rb))
      << "a=" << show(a) << " b=" << show(b);
  ASSERT_EQ(ref(umod(a, b)), rb == 0 ? U256(0) : U256(ra % rb))
      << "a=" << show(a) << " b=" << show(b);
  ASSERT_EQ(ref(sdiv(a, b)), ref_sdiv(ra, rb)) << "a=" << show(a) << " b=" << show(b);
  ASSERT_EQ(ref(smod(a, b)), ref_smod(ra, rb)) << "a=" << show(a) << " b=" << show(b);
}

/// Checks addmod and mulmod of a, b modulo m against Boost.
void check_modular_once(const Word& a, const Word& b, const Word& m) {
  const U512 rm = ref512(m);
  ASSERT_EQ(ref512(addmod(a, b, m)), m.is_zero() ? U512(0) : U512((ref512(a) + ref512(b)) % rm))
      << "a=" << show(a) << " b=" << show(b) << " m=" << show(m);
  ASSERT_EQ(ref512(mulmod(a, b, m)), m.is_zero() ? U512(0) : U512((ref512(a) * ref512(b)) % rm))
      << "a=" << show(a) << " b=" << show(b) << " m=" << show(m);
}

/// A word of exactly `limbs` significant limbs (1..4) in one of several shapes: random limbs,
/// a top limb of all ones, a top limb of 1, or every limb from a set of edge values.
Word word_with_limbs(std::mt19937_64& rng, int limbs) {
  static const uint64_t kLimbEdges[] = {
      0, 1, 2, (1ULL << 63) - 1, 1ULL << 63, (1ULL << 63) + 1, ~0ULL - 1, ~0ULL};
  Word w;
  const unsigned shape = static_cast<unsigned>(rng() % 5);
  for (int i = 0; i < limbs; ++i)
    w.limb[i] = shape == 4 ? kLimbEdges[rng() % std::size(kLimbEdges)] : rng();
  uint64_t& top = w.limb[limbs - 1];
  if (shape == 1) top = ~0ULL;
  if (shape == 2) top = 1;
  if (shape == 3) top >>= rng() % 64;  // any width within the top limb
  if (top == 0) top = 1;
  return w;
}

TEST(WordDivision, EveryLimbCountCombination) {
  std::mt19937_64 rng(31);
  for (int dividend_limbs = 1; dividend_limbs <= 4; ++dividend_limbs) {
    for (int divisor_limbs = 1; divisor_limbs <= 4; ++divisor_limbs) {
      for (int i = 0; i < 2000; ++i) {
        const Word a = word_with_limbs(rng, dividend_limbs),
                   b = word_with_limbs(rng, divisor_limbs);
        ASSERT_NO_FATAL_FAILURE(check_division(a, b));
        // The dividend just above and below a multiple of the divisor.
        const Word multiple = mul(b, Word{rng() % 1000 + 1});
        ASSERT_NO_FATAL_FAILURE(check_division(multiple, b));
        ASSERT_NO_FATAL_FAILURE(check_division(sub(multiple, Word{1}), b));
        ASSERT_NO_FATAL_FAILURE(check_division(add(multiple, Word{1}), b));
      }
    }
  }
}

TEST(WordDivision, ModularEveryLimbCountCombination) {
  std::mt19937_64 rng(32);
  for (int a_limbs = 1; a_limbs <= 4; ++a_limbs) {
    for (int b_limbs = 1; b_limbs <= 4; ++b_limbs) {
      for (int m_limbs = 1; m_limbs <= 4; ++m_limbs) {
        for (int i = 0; i < 400; ++i) {
          ASSERT_NO_FATAL_FAILURE(check_modular_once(word_with_limbs(rng, a_limbs),
                                                     word_with_limbs(rng, b_limbs),
                                                     word_with_limbs(rng, m_limbs)));
        }
      }
    }
  }
}

TEST(WordDivision, StructuredOperands) {
  std::mt19937_64 rng(33);
  for (int i = 0; i < 2000; ++i) {
    const Word a = word_with_limbs(rng, 1 + static_cast<int>(rng() % 4));
    const Word b = word_with_limbs(rng, 1 + static_cast<int>(rng() % 4));
    ASSERT_NO_FATAL_FAILURE(check_division(a, a));                                // a == b
    ASSERT_NO_FATAL_FAILURE(check_division(lt(a, b) ? a : b, lt(a, b) ? b : a));  // a < b
    ASSERT_NO_FATAL_FAILURE(check_division(a, Word{1}));
    ASSERT_NO_FATAL_FAILURE(check_division(a, kAllOnes));
    ASSERT_NO_FATAL_FAILURE(check_division(negate(a), b));
    ASSERT_NO_FATAL_FAILURE(check_division(a, negate(b)));
    ASSERT_NO_FATAL_FAILURE(check_division(negate(a), negate(b)));
  }
  for (unsigned i = 0; i < 256; i += 7) {  // powers of two and their neighbours
    for (unsigned j = 0; j < 256; j += 5) {
      const Word p = shl(Word{1}, Word{i}), q = shl(Word{1}, Word{j});
      ASSERT_NO_FATAL_FAILURE(check_division(p, q));
      ASSERT_NO_FATAL_FAILURE(check_division(sub(p, Word{1}), q));
      ASSERT_NO_FATAL_FAILURE(check_division(p, sub(q, Word{1})));
      ASSERT_NO_FATAL_FAILURE(check_division(kAllOnes, q));
      ASSERT_NO_FATAL_FAILURE(check_modular_once(p, kAllOnes, sub(q, Word{1})));
    }
  }
}

TEST(WordDivision, ModuliNearTheTop) {
  // m = 2^256 − k, with full operands: the 512-bit product is reduced by a modulus of
  // four full limbs, and a + b overflows 2^256.
  std::mt19937_64 rng(34);
  for (int i = 0; i < 3000; ++i) {
    const Word m = sub(kAllOnes, Word{rng() % 1000});
    const Word a = rng() % 4 == 0 ? kAllOnes : word_with_limbs(rng, 4);
    const Word b = rng() % 4 == 0 ? sub(m, Word{1}) : word_with_limbs(rng, 4);
    ASSERT_NO_FATAL_FAILURE(check_modular_once(a, b, m));
    ASSERT_NO_FATAL_FAILURE(check_modular_once(a, b, kMin));
    ASSERT_NO_FATAL_FAILURE(check_modular_once(a, b, add(kMin, Word{rng() % 1000 + 1})));
  }
}

TEST(WordDivision, AddModOverflowPastTheWidth) {
  std::mt19937_64 rng(35);
  for (int i = 0; i < 3000; ++i) {
    // Both operands at or above 2^255: the sum needs 257 bits.
    const Word a = bit_or(word_with_limbs(rng, 4), kMin), b = bit_or(word_with_limbs(rng, 4), kMin);
    for (int m_limbs = 1; m_limbs <= 4; ++m_limbs) {
      ASSERT_NO_FATAL_FAILURE(check_modular_once(a, b, word_with_limbs(rng, m_limbs)));
    }
    ASSERT_NO_FATAL_FAILURE(check_modular_once(a, b, a));  // one operand equal to the modulus
    ASSERT_NO_FATAL_FAILURE(check_modular_once(a, b, add(a, Word{1})));
  }
}

TEST(WordDivision, QuotientEstimateCorrections) {
  // Operands found by simulating the algorithm: the quotient limb estimated from the top
  // limbs is one too large (add-back), or the window's top limbs equal the divisor's
  // (the estimate would reach 2^64), with three- and four-limb divisors.
  const Word cases[][2] = {
      {Word{0x7ffffffffffffffe, 1, 0x7fffffffffffffff, 0},
       Word{0x7fffffffffffffff, 1, 0x7fffffffffffffff, 0}},
      {Word{2, 0xe51c573cce5ea231, 0x8000000000000000, 0},
       Word{0x7fffffffffffffff, 0xe51c573cce5ea231, 0x8000000000000000, 0}},
      {Word{0x8000000000000000, 0x107dfbda4fda9d77, 0x8000000000000001, ~0ULL},
       Word{0x8000000000000001, 0x107dfbda4fda9d77, 0x8000000000000001, ~0ULL}},
      {Word{0xfffffffffffffffd, 0x8000000000000001, 0, ~0ULL},
       Word{0xfffffffffffffffe, 0x8000000000000001, 0, ~0ULL}},
      {Word{0, 0x14c6bf7d664fb7a6, 0xf7a0999e36f905a9, 0xd831a83fb7c22657},
       Word{0x62b62a2f7576026e, 0xf7a0999e36f905a9, 0xd831a83fb7c22657, 0}},
      {Word{0x2340069eef2af878, 1, 0x8000000000000000, 0xfffffffffffffffe},
       Word{2, 0x8000000000000000, 0xfffffffffffffffe, 0}},
  };
  for (const auto& c : cases) ASSERT_NO_FATAL_FAILURE(check_division(c[0], c[1]));
  const char* modular[][3] = {
      {"0x35b7e44863087e52fffffffffffffffefffffffffffffffdffffffffffffffff",
       "0x1000000000000000000000000000000000000000000000000",
       "0x35b7e44863087e52fffffffffffffffefffffffffffffffe"},
      {"0x8000000000000001fb314b37d7d0912a8000000000000000ffffffffffffffff", "0xffffffffffffffff",
       "0x8000000000000001fb314b37d7d0912a8000000000000001"},
      {"0x2b0537e65affb22905c6af0758d5563dffffffffffffffffffffffffffffffff",
       "0xffffffffffffffffffffffffffffffff",
       "0x2b0537e65affb22905c6af0758d5563dfffffffffffffffffffffffffffffffe"},
      {"0x2a3a16d922790bb01fffffffffffffffffffffffffffffffe", "0x10000000000000000",
       "0x2a3a16d922790bb01ffffffffffffffffffffffffffffffff"},
  };
  for (const auto& c : modular) {
    ASSERT_NO_FATAL_FAILURE(check_modular_once(from_text(c[0]), from_text(c[1]), from_text(c[2])));
  }
}

TEST(WordDivision, TopLimbAllOnes) {
  // Divisors whose top limb is all ones (no normalising shift) of each length, and
  // dividends of all ones: every quotient-limb estimate sits at its largest.
  for (int n = 1; n <= 4; ++n) {
    Word b;
    b.limb[n - 1] = ~0ULL;
    for (const Word& low :
         {Word{}, Word{1}, Word{~0ULL, ~0ULL, ~0ULL, 0}, Word{~0ULL - 1, 0, 0, 0}}) {
      const Word divisor = n == 1 ? b : bit_or(b, mask_low(low, 64 * static_cast<unsigned>(n - 1)));
      ASSERT_NO_FATAL_FAILURE(check_division(kAllOnes, divisor));
      ASSERT_NO_FATAL_FAILURE(check_division(sub(kAllOnes, divisor), divisor));
      ASSERT_NO_FATAL_FAILURE(check_modular_once(kAllOnes, kAllOnes, divisor));
    }
  }
}

// ---- Text ---------------------------------------------------------------------------------

constexpr std::string_view kMaxDecimal =
    "115792089237316195423570985008687907853269984665640564039457584007913129639935";

TEST(WordText, HexFormatting) {
  EXPECT_EQ(to_hex(Word{}), "0x0");
  EXPECT_EQ(to_hex(Word{1}), "0x1");
  EXPECT_EQ(to_hex(Word{0xabcdef}), "0xabcdef");
  EXPECT_EQ(to_hex(Word{0, 1, 0, 0}), "0x10000000000000000");
  EXPECT_EQ(to_hex(kMin), "0x8000000000000000000000000000000000000000000000000000000000000000");
  EXPECT_EQ(to_hex(kAllOnes), "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
}

TEST(WordText, DecimalFormatting) {
  EXPECT_EQ(to_decimal(Word{}), "0");
  EXPECT_EQ(to_decimal(Word{9}), "9");
  EXPECT_EQ(to_decimal(Word{10'000'000'000'000'000'000ULL}), "10000000000000000000");
  EXPECT_EQ(to_decimal(Word{0, 1, 0, 0}), "18446744073709551616");
  EXPECT_EQ(to_decimal(kAllOnes), kMaxDecimal);
}

TEST(WordText, ParsesDecimalAndHex) {
  EXPECT_EQ(parse_word("0"), Word{});
  EXPECT_EQ(parse_word("42"), Word{42});
  EXPECT_EQ(parse_word("007"), Word{7});
  EXPECT_EQ(parse_word("0x0"), Word{});
  EXPECT_EQ(parse_word("0xff"), Word{255});
  EXPECT_EQ(parse_word("0xFF"), Word{255});
  EXPECT_EQ(parse_word("0xdead_beef"), Word{0xdeadbeef});
  EXPECT_EQ(parse_word("1_000_000"), Word{1'000'000});
  EXPECT_EQ(parse_word(kMaxDecimal), kAllOnes);
  EXPECT_EQ(parse_word("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            kAllOnes);
  EXPECT_EQ(parse_word("0x00000000000000000000000000000000000000000000000000000000000000001"),
            Word{1});
  EXPECT_EQ(parse_word("18446744073709551616"), Word(0, 1, 0, 0));
}

TEST(WordText, RejectsMalformedAndOverflowing) {
  EXPECT_FALSE(parse_word(""));
  EXPECT_FALSE(parse_word("0x"));
  EXPECT_FALSE(parse_word("_"));
  EXPECT_FALSE(parse_word("_1"));
  EXPECT_FALSE(parse_word("1_"));
  EXPECT_FALSE(parse_word("1__0"));
  EXPECT_FALSE(parse_word("0x_1"));
  EXPECT_FALSE(parse_word("0x1_"));
  EXPECT_FALSE(parse_word("12a"));
  EXPECT_FALSE(parse_word("ff"));
  EXPECT_FALSE(parse_word("0xfg"));
  EXPECT_FALSE(parse_word("-1"));
  EXPECT_FALSE(parse_word("+1"));
  EXPECT_FALSE(parse_word(" 1"));
  EXPECT_FALSE(parse_word("1 "));
  EXPECT_FALSE(parse_word("0b101"));
  EXPECT_FALSE(parse_word("1.5"));
  EXPECT_FALSE(
      parse_word("115792089237316195423570985008687907853269984665640564039457584007913129639936"));
  EXPECT_FALSE(parse_word(
      "1000000000000000000000000000000000000000000000000000000000000000000000000000000"));
  EXPECT_FALSE(parse_word("0x10000000000000000000000000000000000000000000000000000000000000000"));
}

TEST(WordText, BigEndianBytes) {
  const Word w = from_text("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
  const auto be = word_to_be(w);
  for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(be[i], i + 1);
  uint8_t out[32] = {};
  word_to_be(w, out);
  EXPECT_EQ(word_from_be(out), w);
  const uint8_t short_input[] = {0x12, 0x34};
  EXPECT_EQ(word_from_be(std::span<const uint8_t>(short_input)), Word{0x1234});
  EXPECT_EQ(word_from_be(std::span<const uint8_t>()), Word{});
  std::array<uint8_t, 40> long_input{};
  long_input[0] = 0xff;  // dropped: only the last 32 bytes count
  long_input[39] = 0x01;
  long_input[8] = 0x80;
  EXPECT_EQ(word_from_be(std::span<const uint8_t>(long_input)), add(kMin, Word{1}));
  EXPECT_EQ(word_from_be(std::span<const uint8_t>(be)), w);
}

}  // namespace
}  // namespace tenet::vm
