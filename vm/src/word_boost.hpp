#pragma once
/// \file
/// Boost.Multiprecision's fixed-width integers, the reference of the differential tests in
/// `tests/vm/word_test.cpp`. The VM itself does not use them (`word.cpp` divides with its
/// own limb arithmetic); the header sits beside `word.cpp` and is not installed, so code
/// using `Word` never compiles Boost's `cpp_int`.

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>

#include "tenet/vm/word.hpp"

namespace tenet::vm {

/// Boost's fixed 256-bit unsigned integer (wraps modulo 2^256, no allocation).
using U256 = boost::multiprecision::number<
    boost::multiprecision::cpp_int_backend<256, 256, boost::multiprecision::unsigned_magnitude,
                                           boost::multiprecision::unchecked, void>,
    boost::multiprecision::et_off>;
/// Boost's fixed 512-bit unsigned integer, for `addmod`/`mulmod` intermediates.
using U512 = boost::multiprecision::number<
    boost::multiprecision::cpp_int_backend<512, 512, boost::multiprecision::unsigned_magnitude,
                                           boost::multiprecision::unchecked, void>,
    boost::multiprecision::et_off>;

static_assert(sizeof(boost::multiprecision::limb_type) == sizeof(uint64_t),
              "Boost limbs must be 64 bits");

/// Converts to Boost's 256-bit integer, limb by limb.
inline U256 to_u256(const Word& w) {
  U256 v;
  auto& backend = v.backend();
  backend.resize(4, 4);
  for (unsigned i = 0; i < 4; ++i) backend.limbs()[i] = w.limb[i];
  backend.normalize();
  return v;
}

/// Converts from Boost's 256-bit integer, limb by limb.
inline Word from_u256(const U256& v) {
  Word w;
  const auto& backend = v.backend();
  const unsigned n = std::min<unsigned>(backend.size(), 4);
  for (unsigned i = 0; i < n; ++i) w.limb[i] = backend.limbs()[i];
  return w;
}

}  // namespace tenet::vm
