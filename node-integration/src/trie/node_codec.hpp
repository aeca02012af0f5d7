#pragma once
// The trie's node codec, private to src/trie: the RLP shapes of trie nodes (over the node's
// one RLP codec, tenet::node::rlp: strict, canonical) and Ethereum's hex-prefix encoding of
// nibble paths.

#include <cstdint>
#include <string>
#include <vector>

#include "tenet/node/common/types.hpp"

namespace tenet::node::detail {

/// Appends the RLP of the byte string `bytes` to `out`.
void append_rlp_string(Bytes& out, ByteView bytes);
/// The RLP of a list whose items' encodings, concatenated, are `payload`.
Bytes rlp_list(ByteView payload);
/// The RLP of the unsigned integer `v` (big-endian, no leading zeros; 0 is the empty string).
Bytes rlp_uint(uint64_t v);

/// One decoded RLP item: a byte string (`payload` is its bytes) or a list (`payload` is its
/// items' encodings); `encoding` is the whole item, header included.
struct RlpItem {
  bool is_list = false;
  ByteView payload;
  ByteView encoding;
};

/// The items of the list that is the whole of `input`, strictly: canonical sizes (a single
/// byte below 0x80 is not wrapped, sizes are minimal, long forms only from 56 bytes), nothing
/// after the list. The error says what is wrong ("not a list", "trailing bytes", …).
Result<std::vector<RlpItem>> decode_rlp_list(ByteView input);

/// Hex-prefix encoding of the nibble path `nibbles` (values 0..15) flagged leaf or extension.
Bytes hex_prefix_encode(ByteView nibbles, bool leaf);
/// A decoded hex-prefix path.
struct HexPrefixPath {
  Bytes nibbles;
  bool leaf = false;
};
/// Decodes a hex-prefix path strictly (flag nibble 0..3, zero pad nibble when even).
Result<HexPrefixPath> hex_prefix_decode(ByteView encoded);

/// The nibbles (high first) of `bytes`.
Bytes to_nibbles(ByteView bytes);

/// `0x` and the lower-case hex digits of `hash`, for error messages.
std::string hash_text(const Hash256& hash);

}  // namespace tenet::node::detail
