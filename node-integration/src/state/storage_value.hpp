#pragma once
/// \file
/// Internal to src/state: how the tries key and store what the state holds — an account's
/// key is its 20 address bytes, a slot's key its 32 big-endian bytes (both hashed by the
/// SecureTrie), and a slot's value RLP(the word's big-endian bytes without leading zeros).

#include <array>

#include "tenet/node/common/types.hpp"

namespace tenet::node::detail {

/// The state trie's key of an account (before hashing): its 20 bytes.
inline ByteView account_key(const Address& address) {
  return ByteView(address.bytes.data(), address.bytes.size());
}

/// A storage trie's key of a slot (before hashing): its 32 big-endian bytes.
inline std::array<uint8_t, 32> slot_key(const Word& key) {
  return vm::word_to_be(key);
}

/// RLP of a non-zero slot value: its big-endian bytes without leading zeros, as a string.
Bytes encode_storage_value(const Word& value);

/// The inverse of encode_storage_value; refuses non-canonical RLP, a list, more than 32 bytes
/// and a leading zero byte.
Result<Word> decode_storage_value(ByteView rlp);

}  // namespace tenet::node::detail
