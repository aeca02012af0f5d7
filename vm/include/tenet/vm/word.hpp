#pragma once
/// \file
/// The 256-bit machine word.
///
/// `Word` is a trivially copyable struct of four 64-bit limbs (least significant
/// first). Every operation is written by hand on the limbs: the hot ones (add, sub,
/// compare, bitwise) inline here, the rest in `word.cpp` (division, modulo, `addmod` and
/// `mulmod` by Knuth's algorithm D on 64-bit limbs). `tests/vm/word_test.cpp` checks them
/// against Boost.Multiprecision (`vm/src/word_boost.hpp`, used by the tests only) on
/// random and edge-case inputs.

#include <array>
#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <optional>
#include <type_traits>

namespace tenet::vm {

/// A 256-bit word: four 64-bit limbs, `limb[0]` least significant.
struct Word {
  std::array<uint64_t, 4> limb{};

  constexpr Word() = default;
  /// A word holding the 64-bit value `v`.
  constexpr Word(uint64_t v) : limb{v, 0, 0, 0} {}  // NOLINT: implicit by design
  /// A word from its four limbs, least significant first.
  constexpr Word(uint64_t l0, uint64_t l1, uint64_t l2, uint64_t l3) : limb{l0, l1, l2, l3} {}

  /// True when the word is zero.
  constexpr bool is_zero() const { return (limb[0] | limb[1] | limb[2] | limb[3]) == 0; }
  /// True when the word fits in 64 bits.
  constexpr bool fits_u64() const { return (limb[1] | limb[2] | limb[3]) == 0; }
  /// The low 64 bits.
  constexpr uint64_t low64() const { return limb[0]; }
  /// Bit 255, the sign of the two's-complement reading.
  constexpr bool is_negative() const { return (limb[3] >> 63) != 0; }

  friend constexpr bool operator==(const Word&, const Word&) = default;
};

static_assert(sizeof(Word) == 32);
static_assert(std::is_trivially_copyable_v<Word>);

// ---- Construction and conversion -------------------------------------------------------

/// Reads 32 big-endian bytes.
Word word_from_be(const uint8_t* bytes32);
/// Reads up to 32 big-endian bytes, right-aligned (a shorter input is zero-extended).
Word word_from_be(std::span<const uint8_t> bytes);
/// Writes the word as 32 big-endian bytes.
void word_to_be(const Word& w, uint8_t* out32);
/// The word as a 32-byte big-endian array.
std::array<uint8_t, 32> word_to_be(const Word& w);
/// Lower-case hex with a `0x` prefix and no leading zeros (`0x0` for zero).
std::string to_hex(const Word& w);
/// Decimal digits.
std::string to_decimal(const Word& w);
/// Parses a decimal or `0x`-hex literal (underscores allowed); nullopt if malformed
/// or out of range.
std::optional<Word> parse_word(std::string_view text);

// ---- Arithmetic (wrapping modulo 2^256) ------------------------------------------------

/// a + b mod 2^256.
inline Word add(const Word& a, const Word& b) {
  Word r;
  unsigned __int128 t = static_cast<unsigned __int128>(a.limb[0]) + b.limb[0];
  r.limb[0] = static_cast<uint64_t>(t);
  t = static_cast<unsigned __int128>(a.limb[1]) + b.limb[1] + static_cast<uint64_t>(t >> 64);
  r.limb[1] = static_cast<uint64_t>(t);
  t = static_cast<unsigned __int128>(a.limb[2]) + b.limb[2] + static_cast<uint64_t>(t >> 64);
  r.limb[2] = static_cast<uint64_t>(t);
  r.limb[3] = a.limb[3] + b.limb[3] + static_cast<uint64_t>(t >> 64);
  return r;
}
/// a + b, and whether it carried out of 256 bits.
inline Word add_carry(const Word& a, const Word& b, bool& carry) {
  Word r;
  unsigned __int128 t = 0;
  for (int i = 0; i < 4; ++i) {
    t = static_cast<unsigned __int128>(a.limb[i]) + b.limb[i] + static_cast<uint64_t>(t >> 64);
    r.limb[i] = static_cast<uint64_t>(t);
  }
  carry = (t >> 64) != 0;
  return r;
}
/// a - b mod 2^256.
inline Word sub(const Word& a, const Word& b) {
  Word r;
  uint64_t borrow = 0;
  for (int i = 0; i < 3; ++i) {
    const uint64_t d = a.limb[i] - b.limb[i];
    r.limb[i] = d - borrow;
    borrow = (a.limb[i] < b.limb[i]) | (d < borrow);
  }
  r.limb[3] = a.limb[3] - b.limb[3] - borrow;
  return r;
}
/// a * b mod 2^256.
Word mul(const Word& a, const Word& b);
/// The full 512-bit product's high half is non-zero (a * b overflows 256 bits).
bool mul_overflows(const Word& a, const Word& b);
/// Unsigned a / b; 0 when b is 0.
Word udiv(const Word& a, const Word& b);
/// Unsigned a % b; 0 when b is 0.
Word umod(const Word& a, const Word& b);
/// Signed a / b truncating toward zero; 0 when b is 0; MIN / -1 = MIN.
Word sdiv(const Word& a, const Word& b);
/// Signed a % b with the dividend's sign; 0 when b is 0.
Word smod(const Word& a, const Word& b);
/// (a + b) % m with a 257-bit intermediate; 0 when m is 0.
Word addmod(const Word& a, const Word& b, const Word& m);
/// (a * b) % m with a 512-bit intermediate; 0 when m is 0.
Word mulmod(const Word& a, const Word& b, const Word& m);
/// a ** e mod 2^256.
Word exp(const Word& a, const Word& e);
/// Two's-complement negation.
inline Word negate(const Word& a) { return sub(Word{}, a); }

// ---- Comparison -------------------------------------------------------------------------

/// Unsigned a < b.
inline bool lt(const Word& a, const Word& b) {
  if (a.limb[3] != b.limb[3]) return a.limb[3] < b.limb[3];
  if (a.limb[2] != b.limb[2]) return a.limb[2] < b.limb[2];
  if (a.limb[1] != b.limb[1]) return a.limb[1] < b.limb[1];
  return a.limb[0] < b.limb[0];
}
/// Signed (two's-complement) a < b.
inline bool slt(const Word& a, const Word& b) {
  const bool an = a.is_negative(), bn = b.is_negative();
  if (an != bn) return an;
  return lt(a, b);
}

// ---- Bitwise ----------------------------------------------------------------------------

/// Bitwise and.
inline Word bit_and(const Word& a, const Word& b) {
  return {a.limb[0] & b.limb[0], a.limb[1] & b.limb[1], a.limb[2] & b.limb[2], a.limb[3] & b.limb[3]};
}
/// Bitwise or.
inline Word bit_or(const Word& a, const Word& b) {
  return {a.limb[0] | b.limb[0], a.limb[1] | b.limb[1], a.limb[2] | b.limb[2], a.limb[3] | b.limb[3]};
}
/// Bitwise exclusive or.
inline Word bit_xor(const Word& a, const Word& b) {
  return {a.limb[0] ^ b.limb[0], a.limb[1] ^ b.limb[1], a.limb[2] ^ b.limb[2], a.limb[3] ^ b.limb[3]};
}
/// Bitwise not.
inline Word bit_not(const Word& a) { return {~a.limb[0], ~a.limb[1], ~a.limb[2], ~a.limb[3]}; }
/// a << s; 0 when s >= 256.
Word shl(const Word& a, const Word& s);
/// Logical a >> s; 0 when s >= 256.
Word shr(const Word& a, const Word& s);
/// Arithmetic a >> s; 0 or all ones (by the sign) when s >= 256.
Word sar(const Word& a, const Word& s);
/// Byte i of the word counting from the most significant (0..31); 0 when i >= 32.
Word byte_at(const Word& a, const Word& i);
/// Sign-extends from bit `bit` (0..255): bit `bit` is copied into every higher bit.
Word sign_extend_bit(const Word& a, unsigned bit);
/// Keeps the low `bits` bits (1..256), clearing the rest.
Word mask_low(const Word& a, unsigned bits);
/// The word whose low `bits` bits (0..256) are one and the rest zero: 2^bits − 1.
Word low_bits(unsigned bits);
/// Number of leading zero bits (256 for zero).
unsigned count_leading_zeros(const Word& a);
/// Number of trailing zero bits (256 for zero).
unsigned count_trailing_zeros(const Word& a);
/// Number of one bits.
unsigned popcount(const Word& a);
/// The 32 bytes in reverse order.
Word byte_swap(const Word& a);

}  // namespace tenet::vm
