#pragma once
// Internal: the comments of a file, attached to the tokens the parser reads. The lexer
// skips `//` and `/* */` comments and puts `///` doc comments on hidden channel 2; the
// formatter finds the skipped ones again in the text between tokens (which holds only
// white space and comments in a file that lexed without errors).

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(fmt, fmt_comments.hpp)

#include <cstddef>
#include <string>
#include <vector>

namespace antlr4 {
class CommonTokenStream;
class CharStream;
class Token;
}  // namespace antlr4

namespace tenet::compiler::formatting {

/// One comment as written (trailing white space removed).
struct Comment {
  std::string text;            ///< `// …`, `/// …` or `/* … */`
  bool to_line_end = false;    ///< a `//` or `///` comment (ends its line)
  size_t newlines_before = 0;  ///< line breaks between what precedes it and it
  size_t newlines_after = 0;   ///< line breaks between it and what follows it
  size_t spaces_before = 1;    ///< white space before it on its line (a trailing comment keeps it)
};

/// The comments around one token the parser reads.
struct TokenComments {
  std::vector<Comment> leading;   ///< on lines before it (after the previous token's line)
  std::vector<Comment> trailing;  ///< after it on its own line
  size_t newlines_before = 0;     ///< line breaks between what precedes it and it
  /// Line breaks before its first leading comment, or before it when it has none: two or
  /// more mean the user left a blank line there.
  size_t newlines_before_all = 0;
};

/// The comments of every default-channel token of a token stream (EOF included).
class CommentTable {
 public:
  /// Reads `tokens` (filled) lexed from `input`.
  CommentTable(antlr4::CommonTokenStream& tokens, antlr4::CharStream& input);

  /// The comments around `token` (a default-channel token of the stream).
  const TokenComments& at(const antlr4::Token* token) const;
  /// Every comment of the file, in source order.
  const std::vector<std::string>& all() const { return all_; }

 private:
  std::vector<TokenComments> by_index_;  // by token index
  std::vector<std::string> all_;
};

}  // namespace tenet::compiler::formatting
