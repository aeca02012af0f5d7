#include "syntax_errors.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "CommonTokenStream.h"
#include "Exceptions.h"
#include "FailedPredicateException.h"
#include "InputMismatchException.h"
#include "NoViableAltException.h"
#include "Parser.h"
#include "ParserRuleContext.h"
#include "TenetLexer.h"
#include "TenetParser.h"
#include "Vocabulary.h"
#include "tenet/compiler/parser.hpp"

namespace tenet::compiler::detail {
namespace {

using tenet::parser::TenetLexer;
using tenet::parser::TenetParser;
using Ctx = antlr4::ParserRuleContext;

bool is_error_token(size_t type) {
  return type == TenetLexer::ERROR_CHAR || type == TenetLexer::BAD_NUMBER ||
         type == TenetLexer::UNTERMINATED_STRING || type == TenetLexer::UNTERMINATED_COMMENT;
}

// The keyword spelled by token type `type`, or "" if it is not a keyword. The grammar
// declares the keyword tokens first, in the order of keywords() (language.md §2).
std::string_view keyword_of(size_t type) {
  if (type < TenetLexer::IMPORT || type > TenetLexer::INVARIANT) return {};
  return keywords()[type - TenetLexer::IMPORT];
}

bool is_keyword_text(std::string_view text) {
  const auto& ks = keywords();
  return std::find(ks.begin(), ks.end(), text) != ks.end();
}

std::string quote(std::string_view s) {
  std::string out = "'";
  if (s.size() > 24) {
    out.append(s.substr(0, 21));
    out += "...";
  } else {
    out.append(s);
  }
  out += "'";
  return out;
}

// How to name the token the parser tripped over.
std::string found(const TokenLocator& locator, antlr4::Token* t) {
  if (t->getType() == antlr4::Token::EOF) return "end of file";
  std::string_view text = locator.text(t);
  switch (t->getType()) {
    case TenetLexer::STRING_LIT:
      return "string " + quote(text);
    case TenetLexer::INT_LIT:
      return "number " + quote(text);
    case TenetLexer::IDENT:
      return quote(text);
    default:
      break;
  }
  if (is_keyword_text(text)) return "keyword " + quote(text);
  return quote(text);
}

// The display name of one expected token type.
std::string token_name(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  switch (type) {
    case TenetLexer::IDENT:
      return "identifier";
    case TenetLexer::INT_LIT:
      return "number";
    case TenetLexer::STRING_LIT:
      return "string";
    case TenetLexer::HEX_LIT:
      return "hex literal";
    case antlr4::Token::EOF:
      return "end of file";
    default:
      break;
  }
  std::string lit = vocabulary.getLiteralName(type);
  if (!lit.empty()) return lit;
  return vocabulary.getDisplayName(type);
}

std::string join_alternatives(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

template <class T>
T* find_ancestor(Ctx* ctx) {
  for (; ctx != nullptr; ctx = dynamic_cast<Ctx*>(ctx->parent)) {
    if (auto* c = dynamic_cast<T*>(ctx)) return c;
  }
  return nullptr;
}

std::string ident_text(const TokenLocator& locator, TenetParser::IdentContext* id) {
  if (id == nullptr || id->getStart() == nullptr) return "";
  return std::string(locator.text(id->getStart()));
}

// "function 'f'", "contract 'C'", "'if'" ...: what a block belongs to.
std::string block_owner(const TokenLocator& locator, Ctx* block) {
  auto* parent = dynamic_cast<Ctx*>(block->parent);
  if (auto* f = dynamic_cast<TenetParser::FunctionDeclContext*>(parent)) {
    return "function '" + ident_text(locator, f->ident()) + "'";
  }
  if (dynamic_cast<TenetParser::InitDeclContext*>(parent)) return "'init'";
  if (dynamic_cast<TenetParser::IfStmtContext*>(parent)) return "'if'";
  if (dynamic_cast<TenetParser::WhileStmtContext*>(parent)) return "'while' loop";
  if (dynamic_cast<TenetParser::ForStmtContext*>(parent)) return "'for' loop";
  return "block";
}

// The innermost construct still waiting for its '}', with its '{' token.
struct OpenBrace {
  antlr4::Token* brace = nullptr;
  std::string what;  // "the block of function 'f'", "contract 'C'"
};

OpenBrace innermost_open_brace(const TokenLocator& locator, Ctx* ctx) {
  for (; ctx != nullptr; ctx = dynamic_cast<Ctx*>(ctx->parent)) {
    antlr4::tree::TerminalNode* lbrace = nullptr;
    antlr4::tree::TerminalNode* rbrace = nullptr;
    std::string what;
    if (auto* b = dynamic_cast<TenetParser::BlockContext*>(ctx)) {
      lbrace = b->LBRACE();
      rbrace = b->RBRACE();
      what = "the block of " + block_owner(locator, b);
    } else if (auto* c = dynamic_cast<TenetParser::ContractDeclContext*>(ctx)) {
      lbrace = c->LBRACE();
      rbrace = c->RBRACE();
      what = "contract '" + ident_text(locator, c->ident()) + "'";
    } else if (auto* i = dynamic_cast<TenetParser::InterfaceDeclContext*>(ctx)) {
      lbrace = i->LBRACE();
      rbrace = i->RBRACE();
      what = "interface '" + ident_text(locator, i->ident()) + "'";
    } else if (auto* s = dynamic_cast<TenetParser::StructDeclContext*>(ctx)) {
      lbrace = s->LBRACE();
      rbrace = s->RBRACE();
      what = "struct '" + ident_text(locator, s->ident()) + "'";
    } else if (auto* e = dynamic_cast<TenetParser::EnumDeclContext*>(ctx)) {
      lbrace = e->LBRACE();
      rbrace = e->RBRACE();
      what = "enum '" + ident_text(locator, e->ident(0)) + "'";
    }
    if (lbrace != nullptr && rbrace == nullptr) return {lbrace->getSymbol(), what};
  }
  return {};
}

// What a statement or declaration is called in "expected ';' after ...".
std::string construct_name(Ctx* ctx) {
  for (; ctx != nullptr; ctx = dynamic_cast<Ctx*>(ctx->parent)) {
    if (dynamic_cast<TenetParser::LetStmtContext*>(ctx) ||
        dynamic_cast<TenetParser::LetTupleStmtContext*>(ctx)) {
      return "let statement";
    }
    if (auto* e = dynamic_cast<TenetParser::ExprStmtContext*>(ctx)) {
      return e->assignOp() != nullptr ? "assignment" : "expression";
    }
    if (dynamic_cast<TenetParser::ReturnStmtContext*>(ctx)) return "return statement";
    if (dynamic_cast<TenetParser::EmitStmtContext*>(ctx)) return "emit statement";
    if (dynamic_cast<TenetParser::RequireStmtContext*>(ctx)) return "require statement";
    if (dynamic_cast<TenetParser::RevertStmtContext*>(ctx)) return "revert statement";
    if (dynamic_cast<TenetParser::AssertStmtContext*>(ctx)) return "assert statement";
    if (dynamic_cast<TenetParser::BreakStmtContext*>(ctx)) return "'break'";
    if (dynamic_cast<TenetParser::ContinueStmtContext*>(ctx)) return "'continue'";
    if (dynamic_cast<TenetParser::FieldDeclContext*>(ctx)) return "field declaration";
    if (dynamic_cast<TenetParser::ConstDeclContext*>(ctx)) return "constant declaration";
    if (dynamic_cast<TenetParser::ImportDeclContext*>(ctx)) return "import";
    if (dynamic_cast<TenetParser::EventDeclContext*>(ctx)) return "event declaration";
    if (dynamic_cast<TenetParser::ErrorDeclContext*>(ctx)) return "error declaration";
    if (dynamic_cast<TenetParser::FunctionDeclContext*>(ctx)) return "function declaration";
  }
  return "statement";
}

bool in_condition(Ctx* ctx) {
  for (; ctx != nullptr; ctx = dynamic_cast<Ctx*>(ctx->parent)) {
    // A block whose '{' is not matched yet is where the condition should have ended.
    if (auto* b = dynamic_cast<TenetParser::BlockContext*>(ctx); b && b->LBRACE()) return false;
    if (dynamic_cast<TenetParser::IfStmtContext*>(ctx) ||
        dynamic_cast<TenetParser::WhileStmtContext*>(ctx) ||
        dynamic_cast<TenetParser::RequireStmtContext*>(ctx) ||
        dynamic_cast<TenetParser::AssertStmtContext*>(ctx)) {
      return true;
    }
  }
  return false;
}

// The closest keyword to `word` among `candidates`, if it is close enough to be a typo.
std::string_view suggest(std::string_view word, const std::vector<std::string_view>& candidates) {
  // Words from other languages that newcomers write for a Tenet keyword.
  static constexpr std::pair<std::string_view, std::string_view> kForeign[] = {
      {"function", "fn"},  {"func", "fn"},       {"def", "fn"},      {"constructor", "init"},
      {"public", "pub"},   {"external", "pub"},  {"mapping", "map"}, {"var", "let"},
      {"elif", "else if"}, {"elsif", "else if"}, {"modifier", "fn"}};
  for (const auto& [foreign, keyword] : kForeign) {
    if (word == foreign) return keyword;
  }
  std::string_view best;
  size_t best_distance = SIZE_MAX;
  for (std::string_view k : candidates) {
    size_t d = edit_distance(word, k);
    size_t limit = k.size() <= 3 ? 1 : 2;
    if (d == 0 || d > limit || d >= word.size()) continue;
    if (d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  return best;
}

std::vector<std::string_view> expected_keywords(const antlr4::misc::IntervalSet& expected) {
  std::vector<std::string_view> out;
  for (size_t type : expected.toList()) {
    std::string_view k = keyword_of(type);
    if (!k.empty()) out.push_back(k);
  }
  return out;
}

// Keywords that begin a statement, member or item: typos of these are recognisable.
const std::vector<std::string_view>& leading_keywords() {
  static const std::vector<std::string_view> k = {
      "let",     "if",        "while",    "for",      "return",    "emit",  "require",
      "revert",  "assert",    "break",    "continue", "fn",        "pub",   "view",
      "payable", "reentrant", "init",     "const",    "struct",    "enum",  "event",
      "error",   "interface", "contract", "test",     "invariant", "import"};
  return k;
}

bool is_item_level(Ctx* ctx) {
  return dynamic_cast<TenetParser::SourceFileContext*>(ctx) != nullptr;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

size_t report_lexical_errors(antlr4::CommonTokenStream& tokens, const TokenLocator& locator,
                             DiagnosticEngine& diagnostics) {
  size_t count = 0;
  size_t last_error_char = SIZE_MAX;
  size_t last_line = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    size_t type = t->getType();
    if (!is_error_token(type)) continue;
    SourceRange r = locator.range(t);
    std::string_view text = locator.text(t);
    // One lexical error per line (and none on a line whose UTF-8 was already reported).
    bool line_reported = t->getLine() == last_line;
    for (const Diagnostic& d : diagnostics.diagnostics()) {
      if (d.range.file == locator.file() && d.range.begin.line == r.begin.line)
        line_reported = true;
    }
    last_line = t->getLine();
    if (type == TenetLexer::ERROR_CHAR && last_error_char != SIZE_MAX &&
        last_error_char + 1 == t->getTokenIndex()) {
      line_reported = true;
    }
    if (type == TenetLexer::ERROR_CHAR) last_error_char = t->getTokenIndex();
    if (line_reported) {
      ++count;
      continue;
    }
    switch (type) {
      case TenetLexer::ERROR_CHAR: {
        unsigned char c = text.empty() ? 0 : static_cast<unsigned char>(text[0]);
        std::string shown;
        if (c >= 0x20 && c < 0x7F) {
          shown = quote(text);
        } else if (c < 0x80) {
          static const char* kHex = "0123456789ABCDEF";
          shown = std::string("U+00") + kHex[c >> 4] + kHex[c & 15];
        } else {
          shown = quote(text);
        }
        std::string message = "unexpected character " + shown;
        if (text == "#") message += " (comments start with '//')";
        if (text == "'") message = "unexpected character: strings use double quotes";
        if (c >= 0x80) message += " (names use ASCII letters, digits and '_')";
        diagnostics.error(r, message);
        break;
      }
      case TenetLexer::BAD_NUMBER:
        diagnostics.error(r, "invalid number " + quote(text));
        break;
      case TenetLexer::UNTERMINATED_STRING:
        diagnostics.error(r, "unterminated string literal: missing closing '\"'");
        break;
      case TenetLexer::UNTERMINATED_COMMENT: {
        SourceRange start = r;
        start.end = start.begin;
        start.end.column += 2;
        start.end.offset += 2;
        diagnostics.error(start, "unterminated block comment: missing '*/'");
        break;
      }
      default:
        break;
    }
    ++count;
  }
  return count;
}

SyntaxErrorStrategy::SyntaxErrorStrategy(const TokenLocator& locator, DiagnosticEngine& diagnostics,
                                         size_t max_errors)
    : locator_(locator), diagnostics_(diagnostics), max_errors_(max_errors) {}

void SyntaxErrorStrategy::emit(const SourceRange& range, std::string message) {
  // One syntax error per line: the rest are nearly always cascades of the first.
  if (reported_ > 0 && range.begin.line == last_line_) return;
  last_line_ = range.begin.line;
  diagnostics_.error(range, std::move(message));
  if (++reported_ >= max_errors_) {
    diagnostics_.note(range, "too many syntax errors; stopping here");
    throw antlr4::ParseCancellationException("too many errors");
  }
}

void SyntaxErrorStrategy::reportNoViableAlternative(antlr4::Parser* recognizer,
                                                    const antlr4::NoViableAltException& e) {
  report(recognizer, e.getOffendingToken(), e.getExpectedTokens(), dynamic_cast<Ctx*>(e.getCtx()),
         Kind::mismatch);
}

void SyntaxErrorStrategy::reportInputMismatch(antlr4::Parser* recognizer,
                                              const antlr4::InputMismatchException& e) {
  report(recognizer, e.getOffendingToken(), e.getExpectedTokens(), dynamic_cast<Ctx*>(e.getCtx()),
         Kind::mismatch);
}

void SyntaxErrorStrategy::reportFailedPredicate(antlr4::Parser* recognizer,
                                                const antlr4::FailedPredicateException& e) {
  report(recognizer, e.getOffendingToken(), e.getExpectedTokens(), dynamic_cast<Ctx*>(e.getCtx()),
         Kind::mismatch);
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* recognizer) {
  if (inErrorRecoveryMode(recognizer)) return;
  beginErrorCondition(recognizer);
  report(recognizer, recognizer->getCurrentToken(), getExpectedTokens(recognizer),
         recognizer->getContext(), Kind::unwanted);
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* recognizer) {
  if (inErrorRecoveryMode(recognizer)) return;
  beginErrorCondition(recognizer);
  report(recognizer, recognizer->getCurrentToken(), getExpectedTokens(recognizer),
         recognizer->getContext(), Kind::missing);
}

void SyntaxErrorStrategy::report(antlr4::Parser* parser, antlr4::Token* offending,
                                 const antlr4::misc::IntervalSet& expected, Ctx* ctx, Kind kind) {
  had_error_ = true;
  if (offending == nullptr) offending = parser->getCurrentToken();
  if (ctx == nullptr) ctx = parser->getContext();
  // Error tokens were already reported by the lexical pass.
  if (is_error_token(offending->getType())) {
    last_line_ = static_cast<uint32_t>(offending->getLine());
    ++reported_;
    return;
  }
  auto* stream = parser->getTokenStream();
  antlr4::Token* previous = nullptr;
  for (ssize_t i = static_cast<ssize_t>(offending->getTokenIndex()) - 1; i >= 0; --i) {
    antlr4::Token* t = stream->get(static_cast<size_t>(i));
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      previous = t;
      break;
    }
  }
  const SourceRange at = locator_.range(offending);
  const std::string what = found(locator_, offending);
  const size_t type = offending->getType();

  // `if a = b {`: an assignment where a comparison was meant.
  if (type == TenetLexer::ASSIGN && !expected.contains(static_cast<size_t>(TenetLexer::ASSIGN)) &&
      in_condition(ctx)) {
    emit(at, "'=' is an assignment; use '==' to compare");
    return;
  }

  // A misspelled keyword: `fnn`, `contrct`, `retrun x;`.
  if (type == TenetLexer::IDENT) {
    std::string_view s = suggest(locator_.text(offending), expected_keywords(expected));
    if (!s.empty()) {
      emit(at, "unexpected " + what + ": did you mean '" + std::string(s) + "'?");
      return;
    }
  }
  if (previous != nullptr && previous->getType() == TenetLexer::IDENT) {
    // The typo was taken for a name: `lett x = 1;` parses `lett` as an expression and
    // trips over `x`; `pub fnn f()` parses `fnn` as a field and trips over `f`.
    Ctx* owner = nullptr;
    if (auto* e = find_ancestor<TenetParser::ExprStmtContext>(ctx)) owner = e;
    if (auto* f = find_ancestor<TenetParser::FieldDeclContext>(ctx)) owner = f;
    bool leads =
        owner != nullptr && (owner->getStart() == previous ||
                             (owner->getStart()->getTokenIndex() + 1 == previous->getTokenIndex() &&
                              owner->getStart()->getType() == TenetLexer::PUB));
    if (leads &&
        (type == TenetLexer::IDENT || type == TenetLexer::LPAREN || type == TenetLexer::INT_LIT ||
         type == TenetLexer::SEMI || type == TenetLexer::STRING_LIT || !keyword_of(type).empty())) {
      std::string_view s = suggest(locator_.text(previous), leading_keywords());
      if (!s.empty() &&
          !(type == TenetLexer::LPAREN && (s == "require" || s == "assert" || s == "revert"))) {
        emit(locator_.range(previous), "unexpected " + quote(locator_.text(previous)) +
                                           ": did you mean '" + std::string(s) + "'?");
        return;
      }
    }
  }

  // `x++;` — no increment operators (the second '+' is where parsing fails).
  // `x--;` parses `- -` as a subtraction of a negation and fails after them.
  antlr4::Token* first_sign = nullptr;
  antlr4::Token* second_sign = nullptr;
  if (previous != nullptr && previous->getType() == type &&
      (type == TenetLexer::PLUS || type == TenetLexer::MINUS)) {
    first_sign = previous;
    second_sign = offending;
  } else if (previous != nullptr && previous->getType() == TenetLexer::MINUS &&
             previous->getTokenIndex() > 0 &&
             stream->get(previous->getTokenIndex() - 1)->getType() == TenetLexer::MINUS &&
             (type == TenetLexer::SEMI || type == TenetLexer::RPAREN)) {
    first_sign = stream->get(previous->getTokenIndex() - 1);
    second_sign = previous;
  }
  if (first_sign != nullptr && first_sign->getStopIndex() + 1 == second_sign->getStartIndex()) {
    bool plus = first_sign->getType() == TenetLexer::PLUS;
    emit(locator_.range(first_sign, second_sign), std::string("Tenet has no '") +
                                                      (plus ? "++" : "--") + "' operator; write '" +
                                                      (plus ? "+= 1" : "-= 1") + "'");
    return;
  }

  // `return a, b;` — several results are a tuple.
  if (type == TenetLexer::COMMA && find_ancestor<TenetParser::ReturnStmtContext>(ctx)) {
    emit(at, "return several values as a tuple: 'return (a, b);'");
    return;
  }

  // `revert;` / `revert 5;`
  if (previous != nullptr && previous->getType() == TenetLexer::REVERT) {
    emit(at,
         "expected a message or an error after 'revert': 'revert(\"…\");' or "
         "'revert ErrorName(…);', found " +
             what);
    return;
  }

  // `let (a) = …;`
  if (type == TenetLexer::RPAREN && find_ancestor<TenetParser::LetTupleStmtContext>(ctx)) {
    emit(at, "'let (…)' takes two or more names; write 'let a = …;' for one");
    return;
  }

  // `P {}` — a struct literal names its fields.
  if (type == TenetLexer::LBRACE && previous != nullptr &&
      previous->getType() == TenetLexer::IDENT && stream->LA(1) != antlr4::Token::EOF &&
      offending->getTokenIndex() + 1 < stream->size() &&
      stream->get(offending->getTokenIndex() + 1)->getType() == TenetLexer::RBRACE &&
      find_ancestor<TenetParser::BlockContext>(ctx) != nullptr) {
    std::string name(locator_.text(previous));
    if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z') {
      emit(locator_.range(previous, stream->get(offending->getTokenIndex() + 1)),
           "a struct literal lists its fields: '" + name + " { field: value, … }'");
      return;
    }
  }

  // `for (i in 0..n)` — no parentheses.
  if (type == TenetLexer::LPAREN && find_ancestor<TenetParser::ForStmtContext>(ctx) &&
      previous != nullptr && previous->getType() == TenetLexer::FOR) {
    emit(at, "write 'for i in a..b { … }' without parentheses");
    return;
  }

  // `fn f() u256 {` — the result type needs an arrow.
  if (auto* f = dynamic_cast<TenetParser::FunctionDeclContext*>(ctx);
      f && previous != nullptr && previous->getType() == TenetLexer::RPAREN &&
      (type == TenetLexer::IDENT || type == TenetLexer::LBRACKET || type == TenetLexer::MAP)) {
    emit(at, "expected '->' before the result type");
    return;
  }

  // `pub x: u256 = 5;` — fields start at zero.
  if (type == TenetLexer::ASSIGN && find_ancestor<TenetParser::FieldDeclContext>(ctx)) {
    emit(at, "a field cannot have an initial value; set it in 'init' (or use 'const')");
    return;
  }

  // `struct S { … };` — a ';' after a closing brace.
  if (type == TenetLexer::SEMI && previous != nullptr &&
      previous->getType() == TenetLexer::RBRACE &&
      (is_item_level(ctx) || dynamic_cast<TenetParser::ContractDeclContext*>(ctx))) {
    emit(at, "unexpected ';' after '}': remove it");
    return;
  }

  // `if a return;` — braces are required.
  if (auto* b = dynamic_cast<TenetParser::BlockContext*>(ctx); b && b->LBRACE() == nullptr) {
    auto* parent = dynamic_cast<Ctx*>(b->parent);
    const char* head = nullptr;
    if (dynamic_cast<TenetParser::IfStmtContext*>(parent)) head = "the condition of 'if'";
    if (dynamic_cast<TenetParser::WhileStmtContext*>(parent)) head = "the condition of 'while'";
    if (dynamic_cast<TenetParser::ForStmtContext*>(parent)) head = "the range of 'for'";
    if (head != nullptr) {
      emit(at, std::string("expected '{' after ") + head + " (braces are required), found " + what);
      return;
    }
  }

  // A keyword where a new name belongs: `let fn = 1;`, `fn match()`.
  if (previous != nullptr && is_keyword_text(locator_.text(offending)) &&
      type != TenetLexer::TRUE && type != TenetLexer::FALSE && type != TenetLexer::SELF &&
      type != TenetLexer::NEW) {
    size_t p = previous->getType();
    if (p == TenetLexer::LET || p == TenetLexer::MUT || p == TenetLexer::FN ||
        p == TenetLexer::CONTRACT || p == TenetLexer::STRUCT || p == TenetLexer::ENUM ||
        p == TenetLexer::EVENT || p == TenetLexer::ERROR || p == TenetLexer::INTERFACE ||
        p == TenetLexer::CONST || p == TenetLexer::FOR) {
      emit(at, "expected a name, found keyword " + quote(locator_.text(offending)) +
                   " (keywords cannot be used as names)");
      return;
    }
  }

  // End of file inside braces: point at the brace that is never closed.
  if (type == antlr4::Token::EOF && expected.contains(static_cast<size_t>(TenetLexer::RBRACE))) {
    OpenBrace open = innermost_open_brace(locator_, ctx);
    if (open.brace != nullptr) {
      emit(locator_.range(open.brace), "expected '}' to close " + open.what);
      return;
    }
  }

  // An item or member keyword inside a function body: a '}' is probably missing.
  auto* block = find_ancestor<TenetParser::BlockContext>(ctx);
  bool statement_start = previous == nullptr || previous->getType() == TenetLexer::SEMI ||
                         previous->getType() == TenetLexer::LBRACE ||
                         previous->getType() == TenetLexer::RBRACE;
  if (block != nullptr && statement_start) {
    if (type == TenetLexer::FN || type == TenetLexer::PUB || type == TenetLexer::CONTRACT ||
        type == TenetLexer::STRUCT || type == TenetLexer::ENUM || type == TenetLexer::EVENT ||
        type == TenetLexer::INIT || type == TenetLexer::INTERFACE ||
        type == TenetLexer::INVARIANT) {
      emit(at, "unexpected " + what + " in the body of " + block_owner(locator_, block) +
                   "; is a '}' missing?");
      return;
    }
  }

  // A missing ';' belongs right after the previous token.
  if (expected.contains(static_cast<size_t>(TenetLexer::SEMI)) && previous != nullptr &&
      (kind == Kind::missing || type != TenetLexer::SEMI)) {
    bool statement_end = true;
    if (dynamic_cast<TenetParser::BlockContext*>(ctx) ||
        dynamic_cast<TenetParser::SourceFileContext*>(ctx)) {
      statement_end = false;
    }
    if (statement_end) {
      emit(locator_.after(previous), "expected ';' after " + construct_name(ctx));
      return;
    }
  }

  // Describe what was expected.
  std::string expectation;
  if (is_item_level(ctx)) {
    expectation = "an item (import, const, struct, enum, event, error, interface, contract or fn)";
  } else if (auto* c = dynamic_cast<TenetParser::ContractDeclContext*>(ctx)) {
    expectation = "a field, 'const', 'init', a function or '}' in contract '" +
                  ident_text(locator_, c->ident()) + "'";
  } else if (dynamic_cast<TenetParser::BlockContext*>(ctx) &&
             expected.contains(static_cast<size_t>(TenetLexer::LET))) {
    expectation = "a statement or '}'";
  } else if (expected.contains(static_cast<size_t>(TenetLexer::INT_LIT)) &&
             expected.contains(static_cast<size_t>(TenetLexer::LPAREN))) {
    expectation = "an expression";
  } else if (expected.contains(static_cast<size_t>(TenetLexer::MAP)) &&
             expected.contains(static_cast<size_t>(TenetLexer::LBRACKET))) {
    expectation = "a type";
  } else {
    std::vector<std::string> names;
    std::vector<std::string> closers;  // listed last: "',' or ')'"
    for (size_t t : expected.toList()) {
      if (t == TenetLexer::FROM && expected.contains(static_cast<size_t>(TenetLexer::IDENT)))
        continue;
      bool closer = t == TenetLexer::RPAREN || t == TenetLexer::RBRACE || t == TenetLexer::RBRACKET;
      (closer ? closers : names).push_back(token_name(parser->getVocabulary(), t));
    }
    names.insert(names.end(), closers.begin(), closers.end());
    if (names.size() == 1 && names[0] == "identifier") {
      expectation = "a name";
    } else if (!names.empty() && names.size() <= 4) {
      expectation = join_alternatives(names);
    }
  }
  if (expectation.empty()) {
    emit(at, "unexpected " + what);
  } else if (expectation == "a name" && is_keyword_text(locator_.text(offending))) {
    emit(at, "expected a name, found keyword " + quote(locator_.text(offending)) +
                 " (keywords cannot be used as names)");
  } else {
    emit(at, "expected " + expectation + ", found " + what);
  }
}

void SyntaxErrorStrategy::consumeUntil(antlr4::Parser* recognizer,
                                       const antlr4::misc::IntervalSet& set) {
  // Like ANTLR's, but never stops inside a '{ … }' it entered: skipping half a block
  // would make its '}' close the wrong construct.
  auto* input = recognizer->getTokenStream();
  int depth = 0;
  while (true) {
    size_t t = input->LA(1);
    if (t == antlr4::Token::EOF) break;
    if (depth == 0 && set.contains(t)) break;
    if (t == TenetLexer::LBRACE) ++depth;
    if (t == TenetLexer::RBRACE && depth > 0) --depth;
    recognizer->consume();
  }
}

void SyntaxErrorStrategy::recover(antlr4::Parser* recognizer, std::exception_ptr e) {
  // Inside a statement: skip to its end (a ';' or a balanced '}' at this level), so
  // that the next statement parses normally.
  Ctx* ctx = recognizer->getContext();
  bool in_statement = false;
  for (Ctx* c = ctx; c != nullptr; c = dynamic_cast<Ctx*>(c->parent)) {
    if (dynamic_cast<TenetParser::StatementContext*>(c)) {
      in_statement = true;
      break;
    }
    if (dynamic_cast<TenetParser::BlockContext*>(c)) break;
  }
  auto* input = recognizer->getTokenStream();
  if (!in_statement) {
    bool in_block = find_ancestor<TenetParser::BlockContext>(ctx) != nullptr;
    bool member_level = !in_block && (find_ancestor<TenetParser::ContractDeclContext>(ctx) ||
                                      find_ancestor<TenetParser::InterfaceDeclContext>(ctx));
    bool item_level = !in_block && !member_level;
    if (in_block) {
      DefaultErrorStrategy::recover(recognizer, e);
      return;
    }
    // Skip the rest of the broken member or item: up to its ';', past its balanced
    // '{ … }', or to the start of the next one.
    int depth = 0;
    bool consumed = false;
    while (true) {
      size_t t = input->LA(1);
      if (t == antlr4::Token::EOF) break;
      if (depth == 0 && consumed) {
        if (member_level &&
            (t == TenetLexer::FN || t == TenetLexer::PUB || t == TenetLexer::VIEW ||
             t == TenetLexer::PAYABLE || t == TenetLexer::REENTRANT || t == TenetLexer::INIT ||
             t == TenetLexer::CONST || t == TenetLexer::TEST || t == TenetLexer::INVARIANT ||
             t == TenetLexer::RBRACE)) {
          break;
        }
        if (item_level &&
            (t == TenetLexer::FN || t == TenetLexer::CONST || t == TenetLexer::STRUCT ||
             t == TenetLexer::ENUM || t == TenetLexer::EVENT || t == TenetLexer::ERROR ||
             t == TenetLexer::INTERFACE || t == TenetLexer::CONTRACT || t == TenetLexer::TEST ||
             t == TenetLexer::IMPORT)) {
          break;
        }
      }
      if (depth == 0 && t == TenetLexer::RBRACE && member_level) break;
      if (depth == 0 && t == TenetLexer::SEMI) {
        recognizer->consume();
        break;
      }
      consumed = true;
      if (t == TenetLexer::LBRACE) ++depth;
      if (t == TenetLexer::RBRACE && depth > 0) {
        --depth;
        if (depth == 0) {
          recognizer->consume();
          break;
        }
      }
      recognizer->consume();
    }
    return;
  }
  int depth = 0;
  while (true) {
    size_t t = input->LA(1);
    if (t == antlr4::Token::EOF) break;
    if (depth == 0 && t == TenetLexer::SEMI) {
      // Consume the statement's ';' too: the parser stays in recovery mode until it
      // matches a real token, and the next statement's first token should be that one.
      recognizer->consume();
      break;
    }
    if (depth == 0 && t == TenetLexer::RBRACE) break;
    if (t == TenetLexer::LBRACE) ++depth;
    if (t == TenetLexer::RBRACE) {
      --depth;
      if (depth == 0) {
        recognizer->consume();
        // A block closed: the statement ends here unless `else` follows.
        if (input->LA(1) != TenetLexer::ELSE) break;
        continue;
      }
    }
    recognizer->consume();
  }
}

}  // namespace tenet::compiler::detail
