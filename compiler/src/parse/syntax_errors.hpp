#pragma once
// Internal: the parser's error strategy. It replaces ANTLR's console messages with
// diagnostics phrased for people ("expected ';' after let statement"), recovers at
// statement boundaries, and stops the parse after too many errors.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(parse, syntax_errors.hpp)

#include <cstddef>
#include <string>

#include "DefaultErrorStrategy.h"
#include "token_locator.hpp"

namespace tenet::compiler::detail {

/// Reports lexical errors (error tokens of the lexer) in `tokens`; returns how many.
size_t report_lexical_errors(antlr4::CommonTokenStream& tokens, const TokenLocator& locator,
                             DiagnosticEngine& diagnostics);

/// The Damerau-Levenshtein distance between two short words.
size_t edit_distance(std::string_view a, std::string_view b);

/// An ANTLR error strategy reporting into a DiagnosticEngine.
class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  /// Reports to `diagnostics`; gives up (throws ParseCancellationException, caught by
  /// the parser) after `max_errors` errors.
  SyntaxErrorStrategy(const TokenLocator& locator, DiagnosticEngine& diagnostics,
                      size_t max_errors = 20);

  /// True when any syntax error happened (reported or suppressed as a cascade).
  bool had_error() const { return had_error_; }

  void recover(antlr4::Parser* recognizer, std::exception_ptr e) override;

 protected:
  void reportNoViableAlternative(antlr4::Parser* recognizer,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* recognizer,
                           const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* recognizer,
                             const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* recognizer) override;
  void reportMissingToken(antlr4::Parser* recognizer) override;
  void consumeUntil(antlr4::Parser* recognizer, const antlr4::misc::IntervalSet& set) override;

 private:
  enum class Kind { mismatch, unwanted, missing };
  void report(antlr4::Parser* parser, antlr4::Token* offending,
              const antlr4::misc::IntervalSet& expected, antlr4::ParserRuleContext* ctx, Kind kind);
  void emit(const SourceRange& range, std::string message);

  const TokenLocator& locator_;
  DiagnosticEngine& diagnostics_;
  size_t max_errors_;
  size_t reported_ = 0;
  bool had_error_ = false;
  uint32_t last_line_ = 0;
};

}  // namespace tenet::compiler::detail
