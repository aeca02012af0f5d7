#pragma once
/// \file
/// Values as text ↔ ABI encoding. Arguments are parsed by their ABI type (toolchain.md
/// §1): decimal or `0x` hex integers (negative for intN), `true`/`false`, `0x…`
/// addresses and fixed bytes, strings (quotes optional at the top level, required with
/// JSON escapes inside arrays and tuples), `0x…` bytes, arrays `[1,2]` and tuples
/// `(1,"x")`, nested as deep as the type. Decoding writes values the same way.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tenet/abi/type.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::abi {

/// ABI-encodes `args` (one text per value) as the tuple of `types`. An error names the
/// argument: "argument 2: 'x' is not an integer"; the counts must match.
vm::Result<std::vector<uint8_t>> encode_values(std::span<const AbiType> types,
                                               std::span<const std::string> args);

/// Decodes `data` as the tuple of `types`, one string per value: integers in decimal,
/// `true`/`false`, addresses and fixed bytes as `0x` hex, a string as its text (quoted
/// JSON-style inside arrays and tuples), bytes as `0x` hex, arrays as `[a,b]`, tuples as
/// `(a,b)`. Malformed data (short, bad offsets, values out of their type's range) is an
/// error.
vm::Result<std::vector<std::string>> decode_values(std::span<const AbiType> types,
                                                   std::span<const uint8_t> data);

}  // namespace tenet::abi
