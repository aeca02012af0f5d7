/// \file
/// The out-of-line 256-bit word operations: conversions, multiplication, division
/// (through Boost.Multiprecision), exponentiation, shifts and bit counting.

#include "tenet/vm/word.hpp"

#include <algorithm>
#include <cstring>

#include "tenet/vm/bytes.hpp"
#include "tenet/vm/hex.hpp"

#include "word_boost.hpp"

namespace tenet::vm {
namespace {

using Limb = boost::multiprecision::limb_type;
static_assert(sizeof(Limb) == sizeof(uint64_t), "Boost limbs must be 64 bits");

constexpr Word kAllOnes{~0ULL, ~0ULL, ~0ULL, ~0ULL};
constexpr Word kSignedMin{0, 0, 0, 1ULL << 63};

/// The low 256 bits of a Boost integer of any fixed width, limb by limb.
template <typename Number>
Word low_word_of(const Number& v) {
  Word w;
  const auto& backend = v.backend();
  const unsigned n = std::min<unsigned>(backend.size(), 4);
  for (unsigned i = 0; i < n; ++i) w.limb[i] = backend.limbs()[i];
  return w;
}

/// A Boost integer of any fixed width (at least 256 bits) holding the word.
template <typename Number>
Number number_of(const Word& w) {
  Number v;
  auto& backend = v.backend();
  backend.resize(4, 4);
  for (unsigned i = 0; i < 4; ++i) backend.limbs()[i] = w.limb[i];
  backend.normalize();
  return v;
}

/// The full 512-bit product, eight limbs least significant first.
std::array<uint64_t, 8> full_product(const Word& a, const Word& b) {
  std::array<uint64_t, 8> r{};
  for (int i = 0; i < 4; ++i) {
    uint64_t carry = 0;
    for (int j = 0; j < 4; ++j) {
      const unsigned __int128 t =
          static_cast<unsigned __int128>(a.limb[i]) * b.limb[j] + r[i + j] + carry;
      r[i + j] = static_cast<uint64_t>(t);
      carry = static_cast<uint64_t>(t >> 64);
    }
    r[i + 4] = carry;
  }
  return r;
}

/// The absolute value of a two's-complement word (MIN stays 2^255 read unsigned).
Word magnitude(const Word& a) {
  return a.is_negative() ? negate(a) : a;
}

/// The shift amount when it is below 256, or 256 for any larger word.
unsigned shift_amount(const Word& s) {
  if (!s.fits_u64() || s.low64() >= 256) return 256;
  return static_cast<unsigned>(s.low64());
}

/// Divides `w` in place by a non-zero 64-bit `divisor`, returning the remainder.
uint64_t divide_small(Word& w, uint64_t divisor) {
  unsigned __int128 rem = 0;
  for (int i = 3; i >= 0; --i) {
    const unsigned __int128 cur = (rem << 64) | w.limb[i];
    w.limb[i] = static_cast<uint64_t>(cur / divisor);
    rem = cur % divisor;
  }
  return static_cast<uint64_t>(rem);
}

/// w = w * base + digit; false when the result does not fit in 256 bits.
bool append_digit(Word& w, uint64_t base, uint64_t digit) {
  uint64_t carry = digit;
  for (int i = 0; i < 4; ++i) {
    const unsigned __int128 t = static_cast<unsigned __int128>(w.limb[i]) * base + carry;
    w.limb[i] = static_cast<uint64_t>(t);
    carry = static_cast<uint64_t>(t >> 64);
  }
  return carry == 0;
}

/// The value of a digit character in `base` (10 or 16), or -1.
int digit_value(char c, unsigned base) {
  const int value = hex_digit_value(c);
  return value < static_cast<int>(base) ? value : -1;
}

}  // namespace

// ---- Construction and conversion -------------------------------------------------------

Word word_from_be(const uint8_t* bytes32) {
  Word w;
  for (int i = 0; i < 4; ++i) w.limb[3 - i] = load_be<uint64_t>(bytes32 + 8 * i);
  return w;
}

Word word_from_be(std::span<const uint8_t> bytes) {
  if (bytes.size() > 32) bytes = bytes.last(32);
  std::array<uint8_t, 32> padded{};
  if (!bytes.empty()) std::memcpy(padded.data() + (32 - bytes.size()), bytes.data(), bytes.size());
  return word_from_be(padded.data());
}

void word_to_be(const Word& w, uint8_t* out32) {
  for (int i = 0; i < 4; ++i) store_be(w.limb[3 - i], out32 + 8 * i, 8);
}

std::array<uint8_t, 32> word_to_be(const Word& w) {
  std::array<uint8_t, 32> out{};
  word_to_be(w, out.data());
  return out;
}

U256 to_u256(const Word& w) {
  return number_of<U256>(w);
}

Word from_u256(const U256& v) {
  return low_word_of(v);
}

std::string to_hex(const Word& w) {
  return hex_encode_quantity(word_to_be(w));
}

std::string to_decimal(const Word& w) {
  constexpr uint64_t kChunk = 10'000'000'000'000'000'000ULL;  // 10^19
  if (w.is_zero()) return "0";
  Word rest = w;
  std::string reversed;
  while (!rest.is_zero()) {
    uint64_t chunk = divide_small(rest, kChunk);
    for (int i = 0; i < 19 && (chunk != 0 || !rest.is_zero()); ++i) {
      reversed.push_back(static_cast<char>('0' + chunk % 10));
      chunk /= 10;
    }
  }
  return {reversed.rbegin(), reversed.rend()};
}

std::optional<Word> parse_word(std::string_view text) {
  unsigned base = 10;
  if (text.starts_with("0x")) {
    base = 16;
    text.remove_prefix(2);
  }
  if (text.empty()) return std::nullopt;
  Word w;
  bool after_digit = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      // An underscore must sit between two digits.
      if (!after_digit || i + 1 == text.size()) return std::nullopt;
      after_digit = false;
      continue;
    }
    const int digit = digit_value(text[i], base);
    if (digit < 0) return std::nullopt;
    if (!append_digit(w, base, static_cast<uint64_t>(digit))) return std::nullopt;
    after_digit = true;
  }
  return w;
}

// ---- Arithmetic -------------------------------------------------------------------------

Word mul(const Word& a, const Word& b) {
  Word r;
  for (int i = 0; i < 4; ++i) {
    uint64_t carry = 0;
    for (int j = 0; i + j < 4; ++j) {
      const unsigned __int128 t =
          static_cast<unsigned __int128>(a.limb[i]) * b.limb[j] + r.limb[i + j] + carry;
      r.limb[i + j] = static_cast<uint64_t>(t);
      carry = static_cast<uint64_t>(t >> 64);
    }
  }
  return r;
}

bool mul_overflows(const Word& a, const Word& b) {
  const auto p = full_product(a, b);
  return (p[4] | p[5] | p[6] | p[7]) != 0;
}

Word udiv(const Word& a, const Word& b) {
  if (b.is_zero()) return Word{};
  return from_u256(to_u256(a) / to_u256(b));
}

Word umod(const Word& a, const Word& b) {
  if (b.is_zero()) return Word{};
  return from_u256(to_u256(a) % to_u256(b));
}

Word sdiv(const Word& a, const Word& b) {
  if (b.is_zero()) return Word{};
  if (a == kSignedMin && b == kAllOnes) return kSignedMin;
  const Word q = udiv(magnitude(a), magnitude(b));
  return a.is_negative() != b.is_negative() ? negate(q) : q;
}

Word smod(const Word& a, const Word& b) {
  if (b.is_zero()) return Word{};
  const Word r = umod(magnitude(a), magnitude(b));
  return a.is_negative() ? negate(r) : r;
}

Word addmod(const Word& a, const Word& b, const Word& m) {
  if (m.is_zero()) return Word{};
  const U512 sum = number_of<U512>(a) + number_of<U512>(b);
  return low_word_of(sum % number_of<U512>(m));
}

Word mulmod(const Word& a, const Word& b, const Word& m) {
  if (m.is_zero()) return Word{};
  const U512 product = number_of<U512>(a) * number_of<U512>(b);
  return low_word_of(product % number_of<U512>(m));
}

Word exp(const Word& a, const Word& e) {
  Word result{1};
  Word base = a;
  const unsigned bits = 256 - count_leading_zeros(e);
  for (unsigned i = 0; i < bits; ++i) {
    if ((e.limb[i / 64] >> (i % 64)) & 1) result = mul(result, base);
    if (i + 1 < bits) base = mul(base, base);
  }
  return result;
}

// ---- Bitwise ----------------------------------------------------------------------------

Word shl(const Word& a, const Word& s) {
  const unsigned n = shift_amount(s);
  if (n >= 256) return Word{};
  const unsigned limbs = n / 64, bits = n % 64;
  Word r;
  for (unsigned i = limbs; i < 4; ++i) {
    r.limb[i] = a.limb[i - limbs] << bits;
    if (bits != 0 && i > limbs) r.limb[i] |= a.limb[i - limbs - 1] >> (64 - bits);
  }
  return r;
}

Word shr(const Word& a, const Word& s) {
  const unsigned n = shift_amount(s);
  if (n >= 256) return Word{};
  const unsigned limbs = n / 64, bits = n % 64;
  Word r;
  for (unsigned i = 0; i + limbs < 4; ++i) {
    r.limb[i] = a.limb[i + limbs] >> bits;
    if (bits != 0 && i + limbs + 1 < 4) r.limb[i] |= a.limb[i + limbs + 1] << (64 - bits);
  }
  return r;
}

Word sar(const Word& a, const Word& s) {
  // For a negative value, shifting the complement in zeros and complementing back
  // shifts in ones; this also gives all ones for amounts of 256 and more.
  if (a.is_negative()) return bit_not(shr(bit_not(a), s));
  return shr(a, s);
}

Word byte_at(const Word& a, const Word& i) {
  if (!i.fits_u64() || i.low64() >= 32) return Word{};
  const unsigned from_low = 31 - static_cast<unsigned>(i.low64());
  return Word{(a.limb[from_low / 8] >> (8 * (from_low % 8))) & 0xff};
}

Word sign_extend_bit(const Word& a, unsigned bit) {
  if (bit >= 255) return a;
  const Word low_mask = mask_low(kAllOnes, bit + 1);
  const bool sign = (a.limb[bit / 64] >> (bit % 64)) & 1;
  return sign ? bit_or(a, bit_not(low_mask)) : bit_and(a, low_mask);
}

Word mask_low(const Word& a, unsigned bits) {
  if (bits >= 256) return a;
  Word r;
  const unsigned full = bits / 64, rest = bits % 64;
  for (unsigned i = 0; i < full; ++i) r.limb[i] = a.limb[i];
  if (rest != 0) r.limb[full] = a.limb[full] & ((1ULL << rest) - 1);
  return r;
}

Word low_bits(unsigned bits) { return mask_low(bit_not(Word{}), bits); }

unsigned count_leading_zeros(const Word& a) {
  for (int i = 3; i >= 0; --i) {
    if (a.limb[i] != 0) return static_cast<unsigned>((3 - i) * 64 + __builtin_clzll(a.limb[i]));
  }
  return 256;
}

unsigned count_trailing_zeros(const Word& a) {
  for (int i = 0; i < 4; ++i) {
    if (a.limb[i] != 0) return static_cast<unsigned>(i * 64 + __builtin_ctzll(a.limb[i]));
  }
  return 256;
}

unsigned popcount(const Word& a) {
  unsigned n = 0;
  for (const uint64_t l : a.limb) n += static_cast<unsigned>(__builtin_popcountll(l));
  return n;
}

Word byte_swap(const Word& a) {
  return {__builtin_bswap64(a.limb[3]), __builtin_bswap64(a.limb[2]), __builtin_bswap64(a.limb[1]),
          __builtin_bswap64(a.limb[0])};
}

}  // namespace tenet::vm
