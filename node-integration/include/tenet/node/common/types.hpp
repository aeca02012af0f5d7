#pragma once
/// \file
/// The vocabulary every part of the node shares: byte strings and views, and the VM's words,
/// addresses, hashes and results under the node's namespace.

#include <cstdint>
#include <span>
#include <vector>

#include "tenet/vm/address.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/error.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::node {

/// An owned byte string.
using Bytes = std::vector<uint8_t>;
/// A view of bytes.
using ByteView = std::span<const uint8_t>;
/// A 256-bit word.
using Word = vm::Word;
/// A 20-byte account address.
using Address = vm::Address;
/// A 32-byte hash.
using Hash256 = vm::Hash256;
/// A value or an error (vm::Error unless said otherwise).
template <typename T, typename E = vm::Error>
using Result = vm::Result<T, E>;

}  // namespace tenet::node
