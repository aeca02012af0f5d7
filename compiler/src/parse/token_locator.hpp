#pragma once
// Internal: maps ANTLR tokens (which count code points) to SourceRanges (lines, columns
// in code points, byte offsets into the original text) and back to the original text.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(parse, token_locator.hpp)

#include <string>
#include <string_view>
#include <vector>

#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/source.hpp"

namespace antlr4 {
class Token;
}

namespace tenet::compiler::detail {

/// The text ANTLR reads for one file: valid UTF-8 (each invalid byte of the original
/// replaced by U+FFFD, reported once), and the mapping back to original bytes.
class TokenLocator {
 public:
  /// Prepares `buffer` (file `file`) for lexing; reports invalid UTF-8 to `diagnostics`.
  TokenLocator(FileId file, const SourceBuffer& buffer, DiagnosticEngine& diagnostics);

  /// The sanitized text to hand to ANTLR.
  const std::string& lexer_input() const { return lexer_input_; }
  /// The file.
  FileId file() const { return file_; }
  /// The buffer.
  const SourceBuffer& buffer() const { return buffer_; }

  /// The range of one token.
  SourceRange range(const antlr4::Token* token) const;
  /// The range from the start of `first` to the end of `last`.
  SourceRange range(const antlr4::Token* first, const antlr4::Token* last) const;
  /// An empty range just after `token` (where a missing ';' belongs).
  SourceRange after(const antlr4::Token* token) const;
  /// The token's text exactly as in the original file.
  std::string_view text(const antlr4::Token* token) const;

 private:
  uint32_t byte_offset(size_t code_point_index) const;

  FileId file_;
  const SourceBuffer& buffer_;
  std::string lexer_input_;
  std::vector<uint32_t> code_point_offsets_;  // empty when the file is ASCII
};

}  // namespace tenet::compiler::detail
