// UTF-16/UTF-8 positions ↔ byte offsets (position.hpp).
#include "tenet/lsp/position.hpp"

#include <algorithm>

namespace tenet::lsp {
namespace {

/// The length in bytes of the UTF-8 sequence led by `lead` (an invalid byte counts as one).
size_t sequence_length(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  if (lead < 0xF8) return 4;
  return 1;
}

/// The code units a code point of `bytes` UTF-8 bytes takes in `encoding`.
uint32_t units(size_t bytes, PositionEncoding encoding) {
  if (encoding == PositionEncoding::utf8) return static_cast<uint32_t>(bytes);
  return bytes == 4 ? 2 : 1;
}

}  // namespace

std::string_view encoding_name(PositionEncoding encoding) {
  return encoding == PositionEncoding::utf8 ? "utf-8" : "utf-16";
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') starts_.push_back(i + 1);
}

size_t LineIndex::offset_of(Position position, PositionEncoding encoding) const {
  if (position.line >= starts_.size()) return text_.size();
  const size_t begin = starts_[position.line];
  const size_t end =
      position.line + 1 < starts_.size() ? starts_[position.line + 1] - 1 : text_.size();
  size_t offset = begin;
  uint32_t counted = 0;
  while (offset < end) {
    const size_t len =
        std::min(sequence_length(static_cast<unsigned char>(text_[offset])), end - offset);
    const uint32_t next = counted + units(len, encoding);
    if (next > position.character) break;
    counted = next;
    offset += len;
  }
  return offset;
}

Position LineIndex::position_of(size_t offset, PositionEncoding encoding) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<uint32_t>(it - starts_.begin() - 1);
  uint32_t character = 0;
  for (size_t i = starts_[line]; i < offset;) {
    const size_t len =
        std::min(sequence_length(static_cast<unsigned char>(text_[i])), text_.size() - i);
    if (i + len > offset) break;
    character += units(len, encoding);
    i += len;
  }
  return Position{line, character};
}

}  // namespace tenet::lsp

namespace tenet::lsp {

uint32_t code_units(std::string_view text, PositionEncoding encoding) {
  uint32_t count = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t len =
        std::min(sequence_length(static_cast<unsigned char>(text[i])), text.size() - i);
    count += units(len, encoding);
    i += len;
  }
  return count;
}

}  // namespace tenet::lsp
