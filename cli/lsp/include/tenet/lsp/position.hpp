#pragma once
/// \file
/// LSP positions and byte offsets. An LSP position is a 0-based line and a 0-based
/// character offset in that line, counted in the negotiated encoding's code units: UTF-16
/// by default, UTF-8 (bytes) when client and server agree on it (`positionEncoding`, LSP
/// 3.17). The compiler counts bytes (SourcePos::offset); a LineIndex converts between the two
/// for one text. Lines end at '\n' (a '\r' before it belongs to the line), as the compiler
/// counts them.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace tenet::lsp {

/// The unit of Position::character.
enum class PositionEncoding { utf8, utf16 };

/// The encoding's name in the protocol: "utf-8" or "utf-16".
std::string_view encoding_name(PositionEncoding encoding);

/// A place in a text document, as the protocol sends it.
struct Position {
  uint32_t line = 0;       ///< 0-based line
  uint32_t character = 0;  ///< 0-based, in code units of the encoding
  friend bool operator==(const Position&, const Position&) = default;
};

/// A half-open span [start, end) of a text document.
struct Range {
  Position start;  ///< first character
  Position end;    ///< one past the last
  friend bool operator==(const Range&, const Range&) = default;
};

/// The line starts of one text (which must outlive the index).
class LineIndex {
 public:
  /// Indexes `text`.
  explicit LineIndex(std::string_view text);

  /// The byte offset of `position`. As LSP asks, a character past the end of its line means
  /// the line's end and a line past the last means the end of the text; a character inside
  /// a UTF-16 surrogate pair or a UTF-8 sequence means the start of that code point.
  size_t offset_of(Position position, PositionEncoding encoding) const;
  /// The position of byte `offset` (clamped to the text's end; inside a code point: its start).
  Position position_of(size_t offset, PositionEncoding encoding) const;

 private:
  std::string_view text_;
  std::vector<size_t> starts_;  // byte offset of each line's first character
};

}  // namespace tenet::lsp

namespace tenet::lsp {

/// The code units of `text` (UTF-8) in `encoding`: its bytes, or its UTF-16 length.
uint32_t code_units(std::string_view text, PositionEncoding encoding);

}  // namespace tenet::lsp
