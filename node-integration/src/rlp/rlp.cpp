/// \file
/// RLP writer and strict decoder (rlp.hpp).

#include "tenet/node/rlp/rlp.hpp"

#include <array>
#include <limits>

#include "tenet/vm/bytes.hpp"

namespace tenet::node::rlp {
namespace {

/// Appends an item header: `short_base` + size below 56, else `short_base` + 55 + the size's
/// byte count, then the size big-endian.
void rlp_append_header(Bytes& out, uint8_t short_base, size_t size) {
  if (size < 56) {
    out.push_back(static_cast<uint8_t>(short_base + size));
    return;
  }
  unsigned width = 0;
  for (uint64_t v = size; v != 0; v >>= 8) ++width;
  out.push_back(static_cast<uint8_t>(short_base + 55 + width));
  vm::append_be(out, size, width);
}

/// The big-endian bytes of `w` without leading zeros.
Bytes rlp_minimal_be(const Word& w) {
  const std::array<uint8_t, 32> full = vm::word_to_be(w);
  size_t first = 0;
  while (first < full.size() && full[first] == 0) ++first;
  return Bytes(full.begin() + static_cast<std::ptrdiff_t>(first), full.end());
}

/// One item's header, checked: where its payload starts and how long it is.
struct RlpHeader {
  bool list = false;
  size_t header_size = 0;
  size_t payload_size = 0;
};

/// Reads the header of the item at `input[pos]`, which must fit in `input`.
/// `base` is the offset of `input` in the whole input (for messages).
Result<RlpHeader, DecodeFailure> rlp_read_header(ByteView input, size_t pos, size_t base) {
  const size_t at = base + pos;
  if (pos >= input.size()) return DecodeFailure{DecodeError::Truncated, at};
  const uint8_t b = input[pos];
  const size_t left = input.size() - pos;
  RlpHeader h;
  if (b < 0x80) {
    h.header_size = 0;
    h.payload_size = 1;
    return h;
  }
  h.list = b >= 0xc0;
  const uint8_t short_base = h.list ? 0xc0 : 0x80;
  const unsigned code = b - short_base;
  if (code < 56) {
    h.header_size = 1;
    h.payload_size = code;
    if (1 + code > left) return DecodeFailure{DecodeError::Truncated, at};
    if (!h.list && code == 1 && input[pos + 1] < 0x80)
      return DecodeFailure{DecodeError::SingleByteWrapped, at};
    return h;
  }
  const unsigned width = code - 55;  // 1..8
  if (1 + width > left) return DecodeFailure{DecodeError::Truncated, at};
  if (input[pos + 1] == 0) return DecodeFailure{DecodeError::LeadingZeroSize, at};
  const uint64_t size = vm::load_be(input.data() + pos + 1, width);
  if (size < 56) return DecodeFailure{DecodeError::NonCanonicalSize, at};
  if (size > std::numeric_limits<size_t>::max() - (1 + width))
    return DecodeFailure{DecodeError::SizeOverflow, at};
  h.header_size = 1 + width;
  h.payload_size = static_cast<size_t>(size);
  if (h.payload_size > left - h.header_size) return DecodeFailure{DecodeError::Truncated, at};
  return h;
}

/// The item at `input[pos]` (checked header only).
Result<Item, DecodeFailure> rlp_read_item(ByteView input, size_t pos, size_t base) {
  auto h = rlp_read_header(input, pos, base);
  if (!h) return h.error();
  Item item;
  item.list = h->list;
  item.offset = base + pos;
  item.encoded = input.subspan(pos, h->header_size + h->payload_size);
  item.payload = item.encoded.subspan(h->header_size);
  return item;
}

/// Checks every item inside `list` (recursively), `depth` being the list's own depth.
Result<bool, DecodeFailure> rlp_check_children(const Item& list, unsigned depth) {
  if (depth > kMaxDepth) return DecodeFailure{DecodeError::TooDeep, list.offset};
  const size_t base = list.offset + (list.encoded.size() - list.payload.size());
  size_t pos = 0;
  while (pos < list.payload.size()) {
    auto child = rlp_read_item(list.payload, pos, base);
    if (!child) return child.error();
    if (child->list) {
      auto ok = rlp_check_children(*child, depth + 1);
      if (!ok) return ok.error();
    }
    pos += child->encoded.size();
  }
  return true;
}

}  // namespace

Writer& Writer::bytes(ByteView value) {
  if (value.size() == 1 && value[0] < 0x80) {
    items_.push_back(value[0]);
    return *this;
  }
  rlp_append_header(items_, 0x80, value.size());
  items_.insert(items_.end(), value.begin(), value.end());
  return *this;
}

Writer& Writer::uint(uint64_t value) {
  return word(Word{value});
}

Writer& Writer::word(const Word& value) {
  return bytes(rlp_minimal_be(value));
}

Writer& Writer::address(const Address& value) {
  return bytes(value.bytes);
}

Writer& Writer::raw(ByteView item) {
  items_.insert(items_.end(), item.begin(), item.end());
  return *this;
}

Writer& Writer::list(const Writer& inner) {
  rlp_append_header(items_, 0xc0, inner.items_.size());
  items_.insert(items_.end(), inner.items_.begin(), inner.items_.end());
  return *this;
}

Bytes Writer::list_bytes() const {
  Bytes out;
  out.reserve(items_.size() + 9);
  rlp_append_header(out, 0xc0, items_.size());
  out.insert(out.end(), items_.begin(), items_.end());
  return out;
}

std::string DecodeFailure::message() const {
  const char* what = "";
  switch (error) {
    case DecodeError::Truncated:
      what = "value size exceeds available input length";
      break;
    case DecodeError::NonCanonicalSize:
      what = "non-canonical size information";
      break;
    case DecodeError::LeadingZeroSize:
      what = "non-canonical size information (leading zero bytes)";
      break;
    case DecodeError::SingleByteWrapped:
      what = "non-canonical size information (single byte below 0x80 wrapped in a string)";
      break;
    case DecodeError::TrailingBytes:
      what = "input contains more than one value";
      break;
    case DecodeError::SizeOverflow:
      what = "size overflows";
      break;
    case DecodeError::TooDeep:
      what = "lists nested too deep";
      break;
    case DecodeError::ExpectedList:
      what = "expected input list";
      break;
    case DecodeError::ExpectedString:
      what = "expected input string or byte";
      break;
    case DecodeError::LeadingZeroInteger:
      what = "non-canonical integer (leading zero bytes)";
      break;
    case DecodeError::IntegerTooLarge:
      what = "uint overflow";
      break;
    case DecodeError::WrongAddressSize:
      what = "address is not 20 bytes";
      break;
    case DecodeError::TooFewItems:
      what = "too few elements";
      break;
    case DecodeError::TooManyItems:
      what = "input list has too many elements";
      break;
  }
  return std::string("rlp: ") + what + " at byte " + std::to_string(offset);
}

Result<Item, DecodeFailure> decode(ByteView whole_input, size_t offset_base) {
  auto item = rlp_read_item(whole_input, 0, offset_base);
  if (!item) return item.error();
  if (item->encoded.size() != whole_input.size())
    return DecodeFailure{DecodeError::TrailingBytes, offset_base + item->encoded.size()};
  if (item->list) {
    auto ok = rlp_check_children(*item, 1);
    if (!ok) return ok.error();
  }
  return item;
}

ListReader::ListReader(Item list) : list_(list) {
  if (!list_.list) list_.payload = {};
}

Result<Item, DecodeFailure> ListReader::item() {
  const size_t base = list_.offset + (list_.encoded.size() - list_.payload.size());
  if (done()) return DecodeFailure{DecodeError::TooFewItems, list_.offset};
  auto next = rlp_read_item(list_.payload, pos_, base);
  if (!next) return next.error();
  pos_ += next->encoded.size();
  return next;
}

Result<ListReader, DecodeFailure> ListReader::list() {
  auto next = item();
  if (!next) return next.error();
  if (!next->list) return DecodeFailure{DecodeError::ExpectedList, next->offset};
  return ListReader(*next);
}

Result<ByteView, DecodeFailure> ListReader::string_item() {
  auto next = item();
  if (!next) return next.error();
  if (next->list) return DecodeFailure{DecodeError::ExpectedString, next->offset};
  return next->payload;
}

Result<uint64_t, DecodeFailure> ListReader::uint64() {
  const size_t at = list_.offset + (list_.encoded.size() - list_.payload.size()) + pos_;
  auto s = string_item();
  if (!s) return s.error();
  if (!s->empty() && (*s)[0] == 0) return DecodeFailure{DecodeError::LeadingZeroInteger, at};
  if (s->size() > 8) return DecodeFailure{DecodeError::IntegerTooLarge, at};
  return vm::load_be(s->data(), static_cast<unsigned>(s->size()));
}

Result<Word, DecodeFailure> ListReader::word() {
  const size_t at = list_.offset + (list_.encoded.size() - list_.payload.size()) + pos_;
  auto s = string_item();
  if (!s) return s.error();
  if (!s->empty() && (*s)[0] == 0) return DecodeFailure{DecodeError::LeadingZeroInteger, at};
  if (s->size() > 32) return DecodeFailure{DecodeError::IntegerTooLarge, at};
  return vm::word_from_be(*s);
}

Result<ByteView, DecodeFailure> ListReader::bytes() {
  return string_item();
}

Result<Address, DecodeFailure> ListReader::address() {
  const size_t at = list_.offset + (list_.encoded.size() - list_.payload.size()) + pos_;
  auto s = string_item();
  if (!s) return s.error();
  if (s->size() != 20) return DecodeFailure{DecodeError::WrongAddressSize, at};
  Address a;
  std::copy(s->begin(), s->end(), a.bytes.begin());
  return a;
}

Result<bool, DecodeFailure> ListReader::finish() const {
  if (!done()) {
    const size_t at = list_.offset + (list_.encoded.size() - list_.payload.size()) + pos_;
    return DecodeFailure{DecodeError::TooManyItems, at};
  }
  return true;
}

}  // namespace tenet::node::rlp
