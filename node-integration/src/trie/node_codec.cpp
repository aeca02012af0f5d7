// The trie's private RLP and hex-prefix codec (see node_codec.hpp).
#include "node_codec.hpp"

#include "tenet/vm/hex.hpp"

namespace tenet::node::detail {
namespace {

/// The big-endian bytes of `v` without leading zeros (none for 0).
Bytes minimal_be(uint64_t v) {
  Bytes out;
  for (int shift = 56; shift >= 0; shift -= 8) {
    auto byte = static_cast<uint8_t>(v >> shift);
    if (byte != 0 || !out.empty()) out.push_back(byte);
  }
  return out;
}

/// Appends the header of a string (offset 0x80) or list (offset 0xc0) of `size` bytes.
void append_header(Bytes& out, std::size_t size, uint8_t offset) {
  if (size < 56) {
    out.push_back(static_cast<uint8_t>(offset + size));
    return;
  }
  Bytes length = minimal_be(size);
  out.push_back(static_cast<uint8_t>(offset + 55 + length.size()));
  out.insert(out.end(), length.begin(), length.end());
}

/// Reads one item starting at `input[pos]`, advancing `pos` past it.
Result<RlpItem> read_item(ByteView input, std::size_t& pos) {
  if (pos >= input.size()) return vm::Error{"item runs past the end of the input"};
  const uint8_t lead = input[pos];
  std::size_t header = 1;
  std::size_t size = 0;
  bool is_list = lead >= 0xc0;
  uint8_t base = is_list ? 0xc0 : 0x80;
  if (lead < 0x80) {
    RlpItem item{false, input.subspan(pos, 1), input.subspan(pos, 1)};
    ++pos;
    return item;
  }
  if (lead - base < 56) {
    size = lead - base;
  } else {
    std::size_t length_size = lead - base - 55;
    if (pos + 1 + length_size > input.size()) return vm::Error{"size runs past the end"};
    if (input[pos + 1] == 0) return vm::Error{"size has a leading zero"};
    if (length_size > 4) return vm::Error{"size too large"};
    for (std::size_t i = 0; i < length_size; ++i) size = (size << 8) | input[pos + 1 + i];
    if (size < 56) return vm::Error{"long form for a size under 56"};
    header += length_size;
  }
  if (size > input.size() - pos - header) return vm::Error{"item runs past the end of the input"};
  ByteView payload = input.subspan(pos + header, size);
  if (!is_list && size == 1 && payload[0] < 0x80) {
    return vm::Error{"single byte below 0x80 wrapped in a string"};
  }
  RlpItem item{is_list, payload, input.subspan(pos, header + size)};
  pos += header + size;
  return item;
}

}  // namespace

void append_rlp_string(Bytes& out, ByteView bytes) {
  if (bytes.size() == 1 && bytes[0] < 0x80) {
    out.push_back(bytes[0]);
    return;
  }
  append_header(out, bytes.size(), 0x80);
  out.insert(out.end(), bytes.begin(), bytes.end());
}

Bytes rlp_list(ByteView payload) {
  Bytes out;
  out.reserve(payload.size() + 9);
  append_header(out, payload.size(), 0xc0);
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

Bytes rlp_uint(uint64_t v) {
  Bytes out;
  append_rlp_string(out, minimal_be(v));
  return out;
}

Result<std::vector<RlpItem>> decode_rlp_list(ByteView input) {
  std::size_t pos = 0;
  auto whole = read_item(input, pos);
  if (!whole.ok()) return whole.error();
  if (!whole->is_list) return vm::Error{"not a list"};
  if (pos != input.size()) return vm::Error{"trailing bytes after the list"};
  std::vector<RlpItem> items;
  std::size_t inner = 0;
  while (inner < whole->payload.size()) {
    auto item = read_item(whole->payload, inner);
    if (!item.ok()) return item.error();
    items.push_back(*item);
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
