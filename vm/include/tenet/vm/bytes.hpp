#pragma once
/// \file
/// Big-endian integers in byte strings: the one reader and writer used by the container
/// format, the instruction decoder, the assembler and the compiler. Every multi-byte
/// number in Tenet bytecode is big-endian (docs/bytecode.md).

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tenet::vm {

/// The unsigned big-endian integer in the `n` bytes at `p` (`n` at most 8).
constexpr uint64_t load_be(const uint8_t* p, unsigned n) {
  uint64_t v = 0;
  for (unsigned i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}

/// The big-endian `T` in the `sizeof(T)` bytes at `p`.
template <std::unsigned_integral T>
constexpr T load_be(const uint8_t* p) {
  return static_cast<T>(load_be(p, sizeof(T)));
}

/// Writes the low `n` bytes of `v` big-endian to `p` (`n` at most 8).
constexpr void store_be(uint64_t v, uint8_t* p, unsigned n) {
  for (unsigned i = n; i-- > 0;) {
    p[i] = static_cast<uint8_t>(v);
    v >>= 8;
  }
}

/// Appends the low `n` bytes of `v` big-endian to `out` (`n` at most 8).
inline void append_be(std::vector<uint8_t>& out, uint64_t v, unsigned n) {
  for (unsigned i = n; i-- > 0;) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

}  // namespace tenet::vm
