/// \file
/// The out-of-line 256-bit word operations: conversions, multiplication, division,
/// exponentiation, shifts and bit counting.
///
/// Division (udiv, umod, sdiv and smod on magnitudes, addmod on the 257-bit sum, mulmod on
/// the 512-bit product) is Knuth's algorithm D (TAOCP vol. 2, 4.3.1) on 64-bit limbs with
/// `unsigned __int128`: the divisor is normalised (shifted so its top bit is set), and each
/// quotient limb is estimated from the remainder's top three limbs by the divisor's top two
/// through a precomputed reciprocal (Möller and Granlund, "Improved division by invariant
/// integers", 2011, algorithms 5 and 6); the estimate is exact or one too large, which one
/// add-back corrects. A one-limb divisor takes 128/64-bit divisions by reciprocal
/// (algorithm 4); a < b and operands that fit in 64 bits take shortcuts. No Boost here:
/// Boost.Multiprecision is only the reference of tests/vm/word_test.cpp.

#include "tenet/vm/word.hpp"

#include <cstring>

#include "tenet/vm/bytes.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::vm {
namespace {

using u128 = unsigned __int128;

constexpr Word kAllOnes{~0ULL, ~0ULL, ~0ULL, ~0ULL};

// The division code is not vectorised: its operands are often words just written limb by
// limb (a magnitude, a VM stack slot), and GCC's 16-byte loads across those 8-byte stores
// stall on store forwarding (measured: SDIV ~60 ns vectorised, ~45 ns not). GCC only: clang
// (the fuzz build) does not know these pragmas.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("no-tree-vectorize")
#endif

/// The number of significant limbs of an n-limb number (0 for zero).
int significant_limbs(const uint64_t* x, int n) {
  while (n > 0 && x[n - 1] == 0) --n;
  return n;
}

/// The reciprocal of a normalised divisor d (top bit set): ⌊(2^128 − 1) / d⌋ − 2^64.
/// (2^128 − 1) − 2^64·d = (~d)·2^64 + (2^64 − 1), and ~d < d keeps the quotient in 64 bits.
uint64_t reciprocal(uint64_t d) {
  return static_cast<uint64_t>(((static_cast<u128>(~d) << 64) | ~uint64_t{0}) / d);
}

/// Shifts the Size-limb x left by s bits (0..63) into out, which gets Size + 1 limbs.
/// `(x >> 1) >> (63 − s)` is x's top s bits, and zero when s is 0, without a branch.
template <int Size>
void shift_left(const uint64_t* x, unsigned s, uint64_t* out) {
  out[Size] = (x[Size - 1] >> 1) >> (63 - s);
  for (int i = Size - 1; i > 0; --i) out[i] = (x[i] << s) | ((x[i - 1] >> 1) >> (63 - s));
  out[0] = x[0] << s;
}

/// (hi·2^64 + lo) / d for a normalised d with hi < d, through d's reciprocal `inv`
/// (Möller–Granlund algorithm 4: one multiplication, at most two corrections); returns the
/// quotient and sets `rem`.
uint64_t divide_2by1(uint64_t hi, uint64_t lo, uint64_t d, uint64_t inv, uint64_t& rem) {
  u128 q = static_cast<u128>(inv) * hi;
  q += (static_cast<u128>(hi) << 64) | lo;
  uint64_t q1 = static_cast<uint64_t>(q >> 64) + 1;
  const uint64_t q0 = static_cast<uint64_t>(q);
  uint64_t r = lo - q1 * d;
  // The first correction is taken about half the time: masks, not a branch.
  const uint64_t mask = 0 - static_cast<uint64_t>(r > q0);
  q1 += mask;
  r += d & mask;
  if (r >= d) [[unlikely]] {
    ++q1;
    r -= d;
  }
  rem = r;
  return q1;
}

/// The reciprocal of a normalised two-limb divisor (d1, d0): ⌊(2^192 − 1) / d⌋ − 2^64
/// (Möller–Granlund algorithm 6, from the reciprocal of d1).
uint64_t reciprocal_3by2(uint64_t d1, uint64_t d0) {
  uint64_t v = reciprocal(d1);
  uint64_t p = d1 * v + d0;
  if (p < d0) {
    --v;
    if (p >= d1) {
      --v;
      p -= d1;
    }
    p -= d1;
  }
  const u128 t = static_cast<u128>(v) * d0;
  const uint64_t t1 = static_cast<uint64_t>(t >> 64), t0 = static_cast<uint64_t>(t);
  p += t1;
  if (p < t1) {
    --v;
    if (p > d1 || (p == d1 && t0 >= d0)) --v;
  }
  return v;
}

/// (u2, u1, u0) / (d1, d0) for a normalised divisor with (u2, u1) < (d1, d0), through the
/// divisor's `reciprocal_3by2` (Möller–Granlund algorithm 5); returns the quotient and sets
/// the two-limb remainder `rem`.
uint64_t divide_3by2(uint64_t u2, uint64_t u1, uint64_t u0, uint64_t d1, uint64_t d0, uint64_t inv,
                     u128& rem) {
  u128 q = static_cast<u128>(inv) * u2;
  q += (static_cast<u128>(u2) << 64) | u1;
  uint64_t q1 = static_cast<uint64_t>(q >> 64);
  const uint64_t q0 = static_cast<uint64_t>(q);
  const uint64_t r1 = u1 - q1 * d1;
  const u128 d = (static_cast<u128>(d1) << 64) | d0;
  u128 r = ((static_cast<u128>(r1) << 64) | u0) - static_cast<u128>(d0) * q1 - d;
  ++q1;
  // The first correction is taken about half the time: masks, not a branch.
  const uint64_t mask = 0 - static_cast<uint64_t>(static_cast<uint64_t>(r >> 64) >= q0);
  q1 += mask;
  r += d & ((static_cast<u128>(mask) << 64) | mask);
  if (r >= d) [[unlikely]] {
    ++q1;
    r -= d;
  }
  rem = r;
  return q1;
}

/// u[0..M) −= q·v[0..M), limb by limb: on return `carry` is the product's limb still owed
/// above u[M − 1] and `borrow` the subtraction's borrow out of it (both start at 0).
template <int M>
[[gnu::always_inline]] inline void subtract_product(uint64_t* u, const uint64_t* v, uint64_t q,
                                                    uint64_t& carry, uint64_t& borrow) {
  for (int i = 0; i < M; ++i) {
    const u128 p = static_cast<u128>(q) * v[i] + carry;
    carry = static_cast<uint64_t>(p >> 64);
    const uint64_t low = static_cast<uint64_t>(p);
    const uint64_t t = u[i] - low;
    const uint64_t b = u[i] < low;
    u[i] = t - borrow;
    borrow = b | (t < borrow);
  }
}

/// u[0..N] −= q·v[0..N) (N + 1 limbs of u); true when it went below zero.
template <int N>
bool multiply_subtract(uint64_t* u, const uint64_t* v, uint64_t q) {
  uint64_t carry = 0, borrow = 0;
  subtract_product<N>(u, v, q, carry, borrow);
  const uint64_t t = u[N] - carry;
  const uint64_t b = u[N] < carry;
  u[N] = t - borrow;
  return (b | (t < borrow)) != 0;
}

/// u[0..N) += v[0..N), dropping the carry out (it cancels an earlier borrow).
template <int N>
void add_back(uint64_t* u, const uint64_t* v) {
  uint64_t carry = 0;
  for (int i = 0; i < N; ++i) {
    const u128 t = static_cast<u128>(u[i]) + v[i] + carry;
    u[i] = static_cast<uint64_t>(t);
    carry = static_cast<uint64_t>(t >> 64);
  }
}

/// One step of Knuth's algorithm D: the quotient limb of the remainder window u[0..N] by
/// the normalised N-limb divisor v (N >= 2, window < v·2^64), leaving the window's
/// remainder in u[0..N) and zero in u[N]. The limb is estimated from the window's top three
/// limbs by the divisor's top two (exact or one too large), then the lower limbs' product is
/// subtracted, with one add-back when the estimate was one too large.
template <int N>
uint64_t quotient_limb(uint64_t* u, const uint64_t* v, uint64_t inv) {
  const uint64_t d1 = v[N - 1], d0 = v[N - 2];
  if (u[N] == d1 && u[N - 1] == d0) [[unlikely]] {
    // The estimate would be 2^64 or more; the quotient limb is exactly 2^64 − 1: the window
    // is at least (d1, d0)·2^(64(N−1)) and v below ((d1, d0) + 1)·2^(64(N−2)), so their
    // quotient exceeds 2^64 − 1 (and the window < v·2^64 keeps it below 2^64).
    multiply_subtract<N>(u, v, ~uint64_t{0});
    return ~uint64_t{0};
  }
  u128 r;
  uint64_t q = divide_3by2(u[N], u[N - 1], u[N - 2], d1, d0, inv, r);
  // Subtract q·v[0..N-2) from the lower limbs, carrying into the top two.
  uint64_t carry = 0, borrow = 0;
  subtract_product<N - 2>(u, v, q, carry, borrow);
  const u128 owed = static_cast<u128>(carry) + borrow;
  const bool negative = r < owed;
  r -= owed;
  u[N - 2] = static_cast<uint64_t>(r);
  u[N - 1] = static_cast<uint64_t>(r >> 64);
  u[N] = 0;
  if (negative) [[unlikely]] {
    --q;
    add_back<N>(u, v);
  }
  return q;
}

/// Knuth's algorithm D for an N-limb divisor (N >= 2): divides the normalised un + 1 limbs
/// of u (un >= N) by the normalised divisor v; the quotient's un − N + 1 limbs go to q
/// when it is not null, and the remainder is left in u[0..N).
template <int N>
void divide_knuth(uint64_t* u, int un, const uint64_t* v, uint64_t* q) {
  const uint64_t inv = reciprocal_3by2(v[N - 1], v[N - 2]);
  for (int j = un - N; j >= 0; --j) {
    const uint64_t limb = quotient_limb<N>(u + j, v, inv);
    if (q) q[j] = limb;
  }
}

/// Divides the un-limb u by the n-limb v (1 <= n <= un <= Size, v[n-1] != 0; u has Size
/// limbs, zero above un). Writes the quotient's un − n + 1 limbs to q when it is not null,
/// and the remainder's n limbs to r.
template <int Size>
void divide_limbs(const uint64_t* u, int un, const uint64_t* v, int n, uint64_t* q, uint64_t* r) {
  const unsigned s = static_cast<unsigned>(__builtin_clzll(v[n - 1]));
  uint64_t un_norm[Size + 1];
  shift_left<Size>(u, s, un_norm);
  if (n == 1) {
    const uint64_t d = v[0] << s, inv = reciprocal(d);
    uint64_t rem = un_norm[un];
    for (int j = un - 1; j >= 0; --j) {
      const uint64_t limb = divide_2by1(rem, un_norm[j], d, inv, rem);
      if (q) q[j] = limb;
    }
    r[0] = rem >> s;
    return;
  }
  uint64_t vn[5];
  shift_left<4>(v, s, vn);  // the limbs above n stay zero: the shift only fills v's top limb
  if (n == 2) divide_knuth<2>(un_norm, un, vn, q);
  if (n == 3) divide_knuth<3>(un_norm, un, vn, q);
  if (n == 4) divide_knuth<4>(un_norm, un, vn, q);
  for (int i = 0; i < n; ++i) r[i] = (un_norm[i] >> s) | ((un_norm[i + 1] << 1) << (63 - s));
}

/// Unsigned a < b on four limbs each.
bool limbs_less(const uint64_t* a, const uint64_t* b) {
  for (int i = 3; i >= 0; --i) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

/// a / b and a % b on four limbs each, b != 0, into either of q and r (four zeroed limbs)
/// that is not null. Everything is read and written limb by limb: a Word copied whole right
/// after limb-wise stores stalls on store forwarding, which showed in the timings.
void divide(const uint64_t* a, const uint64_t* b, uint64_t* q, uint64_t* r) {
  const int n = significant_limbs(b, 4);
  const int un = significant_limbs(a, 4);
  if (un < n || (un == n && limbs_less(a, b))) {  // a < b: quotient 0, remainder a
    if (r) {
      for (int i = 0; i < 4; ++i) r[i] = a[i];
    }
    return;
  }
  if (un == 1) {  // both fit in 64 bits
    if (q) q[0] = a[0] / b[0];
    if (r) r[0] = a[0] % b[0];
    return;
  }
  uint64_t unused[4];
  divide_limbs<4>(a, un, b, n, q, r ? r : unused);
}

/// Negates the four limbs in place when `negative`, without a branch:
/// (x xor mask) + (mask & 1), where the mask is all ones or zero.
void negate_if(uint64_t* x, bool negative) {
  const uint64_t mask = 0 - static_cast<uint64_t>(negative);
  uint64_t carry = mask & 1;
  for (int i = 0; i < 4; ++i) {
    x[i] = (x[i] ^ mask) + carry;
    carry = x[i] < carry;
  }
}

/// The magnitudes of a and b (two's complement; |MIN| reads as 2^255) divided, into q or r.
void divide_magnitudes(const Word& a, const Word& b, uint64_t* q, uint64_t* r) {
  uint64_t ma[4], mb[4];
  for (int i = 0; i < 4; ++i) {
    ma[i] = a.limb[i];
    mb[i] = b.limb[i];
  }
  negate_if(ma, a.is_negative());
  negate_if(mb, b.is_negative());
  divide(ma, mb, q, r);
}

/// The 8-limb x (least significant first) modulo the non-zero m.
Word remainder_of(const uint64_t* x, const Word& m) {
  const int n = significant_limbs(m.limb.data(), 4);
  const int un = significant_limbs(x, 8);
  Word r;
  if (un <= 4) {
    divide(x, m.limb.data(), nullptr, r.limb.data());
  } else {
    divide_limbs<8>(x, un, m.limb.data(), n, nullptr, r.limb.data());
  }
  return r;
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif

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
  Word q;
  if (!b.is_zero()) divide(a.limb.data(), b.limb.data(), q.limb.data(), nullptr);
  return q;
}

Word umod(const Word& a, const Word& b) {
  Word r;
  if (!b.is_zero()) divide(a.limb.data(), b.limb.data(), nullptr, r.limb.data());
  return r;
}

Word sdiv(const Word& a, const Word& b) {
  Word q;
  if (b.is_zero()) return q;
  // MIN / −1 needs no case of its own: |MIN| reads as 2^255 unsigned, and negating the
  // quotient 2^255 gives MIN again.
  divide_magnitudes(a, b, q.limb.data(), nullptr);
  negate_if(q.limb.data(), a.is_negative() != b.is_negative());
  return q;
}

Word smod(const Word& a, const Word& b) {
  Word r;
  if (b.is_zero()) return r;
  divide_magnitudes(a, b, nullptr, r.limb.data());
  negate_if(r.limb.data(), a.is_negative());
  return r;
}

Word addmod(const Word& a, const Word& b, const Word& m) {
  if (m.is_zero()) return Word{};
  bool carry = false;
  const Word sum = add_carry(a, b, carry);
  if (lt(a, m) && lt(b, m)) {
    // a + b < 2m: one subtraction of m (mod 2^256) reduces the 257-bit sum.
    return carry || !lt(sum, m) ? sub(sum, m) : sum;
  }
  const std::array<uint64_t, 8> wide{sum.limb[0], sum.limb[1], sum.limb[2], sum.limb[3],
                                     carry ? 1u : 0u};
  return remainder_of(wide.data(), m);
}

Word mulmod(const Word& a, const Word& b, const Word& m) {
  if (m.is_zero()) return Word{};
  const std::array<uint64_t, 8> product = full_product(a, b);
  return remainder_of(product.data(), m);
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

Word low_bits(unsigned bits) {
  return mask_low(bit_not(Word{}), bits);
}

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
