#include "token_locator.hpp"

#include <algorithm>

#include "Token.h"

namespace tenet::compiler::detail {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if it is not valid (overlong forms,
// surrogates and code points above U+10FFFF are invalid).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

TokenLocator::TokenLocator(FileId file, const SourceBuffer& buffer, DiagnosticEngine& diagnostics)
    : file_(file), buffer_(buffer) {
  std::string_view text = buffer.text();
  bool ascii = std::all_of(text.begin(), text.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    lexer_input_ = std::string(text);
    return;
  }
  lexer_input_.reserve(text.size());
  code_point_offsets_.reserve(text.size() + 1);
  bool reported = false;
  for (size_t i = 0; i < text.size();) {
    code_point_offsets_.push_back(static_cast<uint32_t>(i));
    size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      if (!reported) {
        SourceRange r{file, buffer.position_of(static_cast<uint32_t>(i)),
                      buffer.position_of(static_cast<uint32_t>(i + 1))};
        diagnostics.error(r, "invalid UTF-8 in source file (Tenet sources are UTF-8)");
        reported = true;
      }
      lexer_input_ += "\xEF\xBF\xBD";  // U+FFFD
      i += 1;
    } else {
      lexer_input_.append(text.substr(i, n));
      i += n;
    }
  }
  code_point_offsets_.push_back(static_cast<uint32_t>(text.size()));
}

uint32_t TokenLocator::byte_offset(size_t index) const {
  if (code_point_offsets_.empty()) {
    return static_cast<uint32_t>(std::min(index, buffer_.text().size()));
  }
  return code_point_offsets_[std::min(index, code_point_offsets_.size() - 1)];
}

SourceRange TokenLocator::range(const antlr4::Token* token) const {
  return range(token, token);
}

SourceRange TokenLocator::range(const antlr4::Token* first, const antlr4::Token* last) const {
  SourceRange r;
  r.file = file_;
  size_t start = first->getStartIndex();
  if (first->getType() == antlr4::Token::EOF) start = buffer_.text().size() + 1;
  r.begin =
      SourcePos{static_cast<uint32_t>(first->getLine()),
                static_cast<uint32_t>(first->getCharPositionInLine() + 1), byte_offset(start)};
  if (first->getType() == antlr4::Token::EOF) {
    r.begin = buffer_.position_of(static_cast<uint32_t>(buffer_.text().size()));
    r.end = r.begin;
    return r;
  }
  if (last->getType() == antlr4::Token::EOF) {
    r.end = buffer_.position_of(static_cast<uint32_t>(buffer_.text().size()));
    return r;
  }
  size_t stop = last->getStopIndex();
  size_t last_start = last->getStartIndex();
  uint32_t end_byte = byte_offset(stop + 1);
  std::string_view whole = buffer_.text();
  std::string_view last_text =
      whole.substr(byte_offset(last_start), end_byte - byte_offset(last_start));
  if (last_text.find('\n') == std::string_view::npos && stop + 1 >= last_start) {
    r.end = SourcePos{
        static_cast<uint32_t>(last->getLine()),
        static_cast<uint32_t>(last->getCharPositionInLine() + 1 + (stop + 1 - last_start)),
        end_byte};
  } else {
    r.end = buffer_.position_of(end_byte);
  }
  return r;
}

SourceRange TokenLocator::after(const antlr4::Token* token) const {
  SourceRange r = range(token);
  r.begin = r.end;
  return r;
}

std::string_view TokenLocator::text(const antlr4::Token* token) const {
  if (token->getType() == antlr4::Token::EOF) return {};
  size_t start = token->getStartIndex();
  size_t stop = token->getStopIndex();
  if (stop + 1 <= start) return {};
  uint32_t b = byte_offset(start);
  uint32_t e = byte_offset(stop + 1);
  return buffer_.text().substr(b, e - b);
}

}  // namespace tenet::compiler::detail
