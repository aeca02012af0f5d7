// The trie's private RLP and hex-prefix codec (see node_codec.hpp).
#include "node_codec.hpp"

#include "tenet/node/rlp/rlp.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node::detail {
void append_rlp_string(Bytes& out, ByteView bytes) {
  rlp::Writer w;
  w.bytes(bytes);
  out.insert(out.end(), w.items().begin(), w.items().end());
}

Bytes rlp_list(ByteView payload) {
  rlp::Writer w;
  w.raw(payload);
  return w.list_bytes();
}

Bytes rlp_uint(uint64_t v) {
  rlp::Writer w;
  w.uint(v);
  return w.items();
}

Result<std::vector<RlpItem>> decode_rlp_list(ByteView input) {
  auto whole = rlp::decode(input);
  if (!whole.ok()) return vm::Error{whole.error().message()};
  if (!whole->list) return vm::Error{"not a list"};
  std::vector<RlpItem> items;
  rlp::ListReader reader(*whole);
  while (!reader.done()) {
    auto item = reader.item();
    if (!item.ok()) return vm::Error{item.error().message()};
    items.push_back(RlpItem{item->list, item->payload, item->encoded});
  }
  return items;
}

Bytes hex_prefix_encode(ByteView nibbles, bool leaf) {
  Bytes out;
  out.reserve(nibbles.size() / 2 + 1);
  const uint8_t flag = leaf ? 2 : 0;
  std::size_t i = 0;
  if (nibbles.size() % 2 == 1) {
    out.push_back(static_cast<uint8_t>(((flag + 1) << 4) | nibbles[0]));
    i = 1;
  } else {
    out.push_back(static_cast<uint8_t>(flag << 4));
  }
  for (; i < nibbles.size(); i += 2) {
    out.push_back(static_cast<uint8_t>((nibbles[i] << 4) | nibbles[i + 1]));
  }
  return out;
}

Result<HexPrefixPath> hex_prefix_decode(ByteView encoded) {
  if (encoded.empty()) return vm::Error{"empty path"};
  const unsigned flag = encoded[0] >> 4;
  if (flag > 3) return vm::Error{"path flag nibble above 3"};
  HexPrefixPath path;
  path.leaf = flag >= 2;
  if (flag % 2 == 1) {
    path.nibbles.push_back(encoded[0] & 15);
  } else if ((encoded[0] & 15) != 0) {
    return vm::Error{"even path with a non-zero pad nibble"};
  }
  for (std::size_t i = 1; i < encoded.size(); ++i) {
    path.nibbles.push_back(encoded[i] >> 4);
    path.nibbles.push_back(encoded[i] & 15);
  }
  return path;
}

Bytes to_nibbles(ByteView bytes) {
  Bytes out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    out.push_back(b >> 4);
    out.push_back(b & 15);
  }
  return out;
}

std::string hash_text(const Hash256& hash) {
  return vm::hex_encode(hash);
}

}  // namespace tenet::node::detail
