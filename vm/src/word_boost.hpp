#pragma once
/// \file
/// Boost.Multiprecision's fixed-width integers (internal to the VM): `word.cpp` computes
/// division, modulo, `addmod` and `mulmod` with them, and `tests/vm/word_test.cpp` uses
/// them as the reference of its differential tests. Kept out of `word.hpp` so that code
/// using `Word` does not compile Boost's `cpp_int`.

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

/// Converts to Boost's 256-bit integer.
U256 to_u256(const Word& w);
/// Converts from Boost's 256-bit integer.
Word from_u256(const U256& v);

}  // namespace tenet::vm
