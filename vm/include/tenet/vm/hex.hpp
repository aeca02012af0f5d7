#pragma once
/// \file
/// Hex text for byte strings, the one implementation used across the project.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/vm/error.hpp"

namespace tenet::vm {

/// `0x` followed by two lower-case hex digits per byte (`0x` for no bytes).
std::string hex_encode(std::span<const uint8_t> bytes);

/// Parses hex bytes: an optional `0x` prefix, then an even number of hex digits of
/// either case; whitespace anywhere is ignored. Errors name the problem ("hex data has an
/// odd number of digits", "invalid hex digit 'g'").
Result<std::vector<uint8_t>> hex_decode(std::string_view text);

}  // namespace tenet::vm
