#include "syntax_errors.hpp"

#include <algorithm>
#include <array>
#include <optional>
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
  if (type < TenetLexer::IMPORT || type > TenetLexer::DELETE) return {};
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
    if (dynamic_cast<TenetParser::DeleteStmtContext*>(ctx)) return "delete statement";
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
      "error",   "interface", "contract", "test",     "invariant", "import",
      "component", "try", "delete"};
  return k;
}

bool is_item_level(Ctx* ctx) {
  return dynamic_cast<TenetParser::SourceFileContext*>(ctx) != nullptr;
}

// ---------------------------------------------------------------------------------------
// The rules of SyntaxErrorStrategy::report: each recognises one situation a newcomer
// runs into and words its message; they are tried in order and the first that matches
// reports. describe_expected is the fallback that names what the parser expected.

/// A syntax error as the parser saw it.
struct SyntaxSituation {
  antlr4::Parser* parser;
  antlr4::TokenStream* stream;
  const TokenLocator& locator;
  antlr4::Token* offending;                   ///< the token the parser tripped over
  antlr4::Token* previous;                    ///< the default-channel token before it, or null
  size_t type;                                ///< offending->getType()
  const antlr4::misc::IntervalSet& expected;  ///< the token types the parser expected
  Ctx* ctx;                                   ///< the rule being parsed
  bool missing;                               ///< reported as a missing token
  SourceRange at;                             ///< the offending token's range
  std::string what;                           ///< how to name the offending token
};

/// The diagnostic a rule produces.
struct SyntaxMessage {
  SourceRange range;
  std::string text;
};

using MaybeMessage = std::optional<SyntaxMessage>;

/// `if a = b {`: an assignment where a comparison was meant.
MaybeMessage assignment_in_condition(const SyntaxSituation& s) {
  if (s.type != TenetLexer::ASSIGN || s.expected.contains(static_cast<size_t>(TenetLexer::ASSIGN)))
    return std::nullopt;
  if (!in_condition(s.ctx)) return std::nullopt;
  return SyntaxMessage{s.at, "'=' is an assignment; use '==' to compare"};
}

/// A misspelled keyword where a keyword was expected: `fnn`, `contrct`, `retrun x;`.
MaybeMessage misspelled_keyword(const SyntaxSituation& s) {
  if (s.type != TenetLexer::IDENT) return std::nullopt;
  std::string_view k = suggest(s.locator.text(s.offending), expected_keywords(s.expected));
  if (k.empty()) return std::nullopt;
  return SyntaxMessage{s.at, "unexpected " + s.what + ": did you mean '" + std::string(k) + "'?"};
}

/// A misspelled keyword taken for a name: `lett x = 1;` parses `lett` as an expression
/// and trips over `x`; `pub fnn f()` parses `fnn` as a field and trips over `f`.
MaybeMessage misspelled_leading_keyword(const SyntaxSituation& s) {
  if (s.previous == nullptr || s.previous->getType() != TenetLexer::IDENT) return std::nullopt;
  Ctx* owner = nullptr;
  if (auto* e = find_ancestor<TenetParser::ExprStmtContext>(s.ctx)) owner = e;
  if (auto* f = find_ancestor<TenetParser::FieldDeclContext>(s.ctx)) owner = f;
  const bool leads =
      owner != nullptr && (owner->getStart() == s.previous ||
                           (owner->getStart()->getTokenIndex() + 1 == s.previous->getTokenIndex() &&
                            owner->getStart()->getType() == TenetLexer::PUB));
  if (!leads) return std::nullopt;
  const size_t type = s.type;
  if (!(type == TenetLexer::IDENT || type == TenetLexer::LPAREN || type == TenetLexer::INT_LIT ||
        type == TenetLexer::SEMI || type == TenetLexer::STRING_LIT || !keyword_of(type).empty()))
    return std::nullopt;
  std::string_view k = suggest(s.locator.text(s.previous), leading_keywords());
  if (k.empty()) return std::nullopt;
  // Before '(', a name close to 'require', 'assert' or 'revert' may be a call: no guess.
  if (type == TenetLexer::LPAREN && (k == "require" || k == "assert" || k == "revert"))
    return std::nullopt;
  return SyntaxMessage{s.locator.range(s.previous), "unexpected " +
                                                        quote(s.locator.text(s.previous)) +
                                                        ": did you mean '" + std::string(k) + "'?"};
}

/// `x++;` — no increment operators (the second '+' is where parsing fails). `x--;`
/// parses `- -` as a subtraction of a negation and fails after them.
MaybeMessage increment_operator(const SyntaxSituation& s) {
  if (s.previous == nullptr) return std::nullopt;
  antlr4::Token* first_sign = nullptr;
  antlr4::Token* second_sign = nullptr;
  if (s.previous->getType() == s.type &&
      (s.type == TenetLexer::PLUS || s.type == TenetLexer::MINUS)) {
    first_sign = s.previous;
    second_sign = s.offending;
  } else if (s.previous->getType() == TenetLexer::MINUS && s.previous->getTokenIndex() > 0 &&
             s.stream->get(s.previous->getTokenIndex() - 1)->getType() == TenetLexer::MINUS &&
             (s.type == TenetLexer::SEMI || s.type == TenetLexer::RPAREN)) {
    first_sign = s.stream->get(s.previous->getTokenIndex() - 1);
    second_sign = s.previous;
  }
  if (first_sign == nullptr || first_sign->getStopIndex() + 1 != second_sign->getStartIndex())
    return std::nullopt;
  const bool plus = first_sign->getType() == TenetLexer::PLUS;
  return SyntaxMessage{s.locator.range(first_sign, second_sign),
                       std::string("Tenet has no '") + (plus ? "++" : "--") +
                           "' operator; write '" + (plus ? "+= 1" : "-= 1") + "'"};
}

/// `return a, b;` — several results are a tuple.
MaybeMessage return_without_tuple(const SyntaxSituation& s) {
  if (s.type != TenetLexer::COMMA || !find_ancestor<TenetParser::ReturnStmtContext>(s.ctx))
    return std::nullopt;
  return SyntaxMessage{s.at, "return several values as a tuple: 'return (a, b);'"};
}

/// `revert;` / `revert 5;`
MaybeMessage revert_without_reason(const SyntaxSituation& s) {
  if (s.previous == nullptr || s.previous->getType() != TenetLexer::REVERT) return std::nullopt;
  return SyntaxMessage{s.at,
                       "expected a message or an error after 'revert': 'revert(\"…\");' or "
                       "'revert ErrorName(…);', found " +
                           s.what};
}

/// `let (a) = …;`
MaybeMessage let_tuple_of_one(const SyntaxSituation& s) {
  if (s.type != TenetLexer::RPAREN || !find_ancestor<TenetParser::LetTupleStmtContext>(s.ctx))
    return std::nullopt;
  return SyntaxMessage{s.at, "'let (…)' takes two or more names; write 'let a = …;' for one"};
}

/// `P {}` — a struct literal names its fields.
MaybeMessage empty_struct_literal(const SyntaxSituation& s) {
  if (!(s.type == TenetLexer::LBRACE && s.previous != nullptr &&
        s.previous->getType() == TenetLexer::IDENT && s.stream->LA(1) != antlr4::Token::EOF &&
        s.offending->getTokenIndex() + 1 < s.stream->size() &&
        s.stream->get(s.offending->getTokenIndex() + 1)->getType() == TenetLexer::RBRACE &&
        find_ancestor<TenetParser::BlockContext>(s.ctx) != nullptr))
    return std::nullopt;
  std::string name(s.locator.text(s.previous));
  if (name.empty() || name[0] < 'A' || name[0] > 'Z') return std::nullopt;
  return SyntaxMessage{s.locator.range(s.previous, s.stream->get(s.offending->getTokenIndex() + 1)),
                       "a struct literal lists its fields: '" + name + " { field: value, … }'"};
}

/// `for (i in 0..n)` — no parentheses.
MaybeMessage parenthesised_for(const SyntaxSituation& s) {
  if (s.type != TenetLexer::LPAREN || !find_ancestor<TenetParser::ForStmtContext>(s.ctx) ||
      s.previous == nullptr || s.previous->getType() != TenetLexer::FOR)
    return std::nullopt;
  return SyntaxMessage{s.at, "write 'for i in a..b { … }' without parentheses"};
}

/// `fn f() u256 {` — the result type needs an arrow.
MaybeMessage result_type_without_arrow(const SyntaxSituation& s) {
  if (dynamic_cast<TenetParser::FunctionDeclContext*>(s.ctx) == nullptr || s.previous == nullptr ||
      s.previous->getType() != TenetLexer::RPAREN)
    return std::nullopt;
  if (s.type != TenetLexer::IDENT && s.type != TenetLexer::LBRACKET && s.type != TenetLexer::MAP)
    return std::nullopt;
  return SyntaxMessage{s.at, "expected '->' before the result type"};
}

/// `pub x: u256 = 5;` — fields start at zero.
MaybeMessage field_initializer(const SyntaxSituation& s) {
  if (s.type != TenetLexer::ASSIGN || !find_ancestor<TenetParser::FieldDeclContext>(s.ctx))
    return std::nullopt;
  return SyntaxMessage{s.at,
                       "a field cannot have an initial value; set it in 'init' (or use 'const')"};
}

/// `struct S { … };` — a ';' after a closing brace.
MaybeMessage semicolon_after_brace(const SyntaxSituation& s) {
  if (s.type != TenetLexer::SEMI || s.previous == nullptr ||
      s.previous->getType() != TenetLexer::RBRACE)
    return std::nullopt;
  if (!is_item_level(s.ctx) && !dynamic_cast<TenetParser::ContractDeclContext*>(s.ctx))
    return std::nullopt;
  return SyntaxMessage{s.at, "unexpected ';' after '}': remove it"};
}

/// `if a return;` — braces are required.
MaybeMessage missing_braces(const SyntaxSituation& s) {
  auto* b = dynamic_cast<TenetParser::BlockContext*>(s.ctx);
  if (b == nullptr || b->LBRACE() != nullptr) return std::nullopt;
  auto* parent = dynamic_cast<Ctx*>(b->parent);
  const char* head = nullptr;
  if (dynamic_cast<TenetParser::IfStmtContext*>(parent)) head = "the condition of 'if'";
  if (dynamic_cast<TenetParser::WhileStmtContext*>(parent)) head = "the condition of 'while'";
  if (dynamic_cast<TenetParser::ForStmtContext*>(parent)) head = "the range of 'for'";
  if (head == nullptr) return std::nullopt;
  return SyntaxMessage{
      s.at, std::string("expected '{' after ") + head + " (braces are required), found " + s.what};
}

/// "expected a name, found keyword 'fn' (…)".
SyntaxMessage keyword_as_name_message(const SyntaxSituation& s) {
  return SyntaxMessage{s.at, "expected a name, found keyword " +
                                 quote(s.locator.text(s.offending)) +
                                 " (keywords cannot be used as names)"};
}

/// A keyword where a new name belongs: `let fn = 1;`, `fn match()`.
MaybeMessage keyword_as_name(const SyntaxSituation& s) {
  if (s.previous == nullptr || !is_keyword_text(s.locator.text(s.offending))) return std::nullopt;
  if (s.type == TenetLexer::TRUE || s.type == TenetLexer::FALSE || s.type == TenetLexer::SELF ||
      s.type == TenetLexer::NEW)
    return std::nullopt;
  const size_t p = s.previous->getType();
  if (p == TenetLexer::LET || p == TenetLexer::MUT || p == TenetLexer::FN ||
      p == TenetLexer::CONTRACT || p == TenetLexer::STRUCT || p == TenetLexer::ENUM ||
      p == TenetLexer::EVENT || p == TenetLexer::ERROR || p == TenetLexer::INTERFACE ||
      p == TenetLexer::CONST || p == TenetLexer::FOR)
    return keyword_as_name_message(s);
  return std::nullopt;
}

antlr4::Token* previous_token(antlr4::TokenStream* stream, antlr4::Token* t);

/// The default-channel token after `t`, or null at the end.
antlr4::Token* token_after(antlr4::TokenStream* stream, antlr4::Token* t) {
  for (size_t i = t->getTokenIndex() + 1; i < stream->size(); ++i) {
    antlr4::Token* candidate = stream->get(i);
    if (candidate->getType() == antlr4::Token::EOF) return nullptr;
    if (candidate->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return candidate;
  }
  return nullptr;
}

/// The first token on the line of `t`.
antlr4::Token* line_start(antlr4::TokenStream* stream, antlr4::Token* t) {
  antlr4::Token* first = t;
  for (antlr4::Token* p = previous_token(stream, t); p != nullptr && p->getLine() == t->getLine();
       p = previous_token(stream, p))
    first = p;
  return first;
}

/// What the '{' at the end of a line opened, named by the line's first token: "the block
/// of 'if'", "the body of function 'f'".
std::string opened_by(const TokenLocator& locator, antlr4::TokenStream* stream,
                      antlr4::Token* head) {
  switch (head->getType()) {
    case TenetLexer::IF:
      return "the block of 'if'";
    case TenetLexer::WHILE:
      return "the body of the 'while' loop";
    case TenetLexer::FOR:
      return "the body of the 'for' loop";
    case TenetLexer::RBRACE:
    case TenetLexer::ELSE:
      return "the block of 'else'";
    default:
      break;
  }
  for (antlr4::Token* t = head; t != nullptr && t->getLine() == head->getLine();
       t = token_after(stream, t)) {
    if (t->getType() == TenetLexer::FN) {
      antlr4::Token* name = token_after(stream, t);
      return "the body of function '" + std::string(name != nullptr ? locator.text(name) : "") +
             "'";
    }
    if (t->getType() == TenetLexer::INIT) return "the body of 'init'";
  }
  return "this block";
}

/// A '}' missing inside a body (found at the end of the file or at an item keyword): when a
/// '}' that starts its line is indented less than the line of the '{' it closes, that '{'
/// is the one left open — name it at its line's first token (the `if`), not at the
/// contract's brace.
MaybeMessage misindented_unclosed_block(const SyntaxSituation& s) {
  const bool at_end =
      s.type == antlr4::Token::EOF && s.expected.contains(static_cast<size_t>(TenetLexer::RBRACE));
  const bool item_in_body =
      find_ancestor<TenetParser::BlockContext>(s.ctx) != nullptr &&
      (s.type == TenetLexer::FN || s.type == TenetLexer::PUB || s.type == TenetLexer::CONTRACT ||
       s.type == TenetLexer::INIT || s.type == TenetLexer::STRUCT || s.type == TenetLexer::EVENT);
  if (!at_end && !item_in_body) return std::nullopt;
  std::vector<antlr4::Token*> open;
  for (size_t i = 0; i < s.offending->getTokenIndex() && i < s.stream->size(); ++i) {
    antlr4::Token* t = s.stream->get(i);
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    if (t->getType() == TenetLexer::LBRACE) open.push_back(t);
    if (t->getType() != TenetLexer::RBRACE || open.empty()) continue;
    antlr4::Token* lbrace = open.back();
    open.pop_back();
    antlr4::Token* head = line_start(s.stream, lbrace);
    if (line_start(s.stream, t) != t || head->getLine() == t->getLine() ||
        t->getCharPositionInLine() >= head->getCharPositionInLine())
      continue;
    return SyntaxMessage{s.locator.range(head),
                         opened_by(s.locator, s.stream, head) +
                             " is not closed: its '}' is missing (the '}' on line " +
                             std::to_string(t->getLine()) +
                             " is indented like an enclosing block's)"};
  }
  return std::nullopt;
}

/// End of file inside braces: point at the brace that is never closed.
MaybeMessage unclosed_brace(const SyntaxSituation& s) {
  if (s.type != antlr4::Token::EOF || !s.expected.contains(static_cast<size_t>(TenetLexer::RBRACE)))
    return std::nullopt;
  OpenBrace open = innermost_open_brace(s.locator, s.ctx);
  if (open.brace == nullptr) return std::nullopt;
  return SyntaxMessage{s.locator.range(open.brace), "expected '}' to close " + open.what};
}

/// An item or member keyword inside a function body: a '}' is probably missing.
MaybeMessage item_keyword_in_body(const SyntaxSituation& s) {
  auto* block = find_ancestor<TenetParser::BlockContext>(s.ctx);
  const bool statement_start = s.previous == nullptr || s.previous->getType() == TenetLexer::SEMI ||
                               s.previous->getType() == TenetLexer::LBRACE ||
                               s.previous->getType() == TenetLexer::RBRACE;
  if (block == nullptr || !statement_start) return std::nullopt;
  const size_t type = s.type;
  if (type == TenetLexer::FN || type == TenetLexer::PUB || type == TenetLexer::CONTRACT ||
      type == TenetLexer::STRUCT || type == TenetLexer::ENUM || type == TenetLexer::EVENT ||
      type == TenetLexer::INIT || type == TenetLexer::INTERFACE || type == TenetLexer::INVARIANT)
    return SyntaxMessage{s.at, "unexpected " + s.what + " in the body of " +
                                   block_owner(s.locator, block) + "; is a '}' missing?"};
  return std::nullopt;
}

/// A missing ';' belongs right after the previous token.
MaybeMessage missing_semicolon(const SyntaxSituation& s) {
  if (!s.expected.contains(static_cast<size_t>(TenetLexer::SEMI)) || s.previous == nullptr)
    return std::nullopt;
  if (!s.missing && s.type == TenetLexer::SEMI) return std::nullopt;
  if (dynamic_cast<TenetParser::BlockContext*>(s.ctx) ||
      dynamic_cast<TenetParser::SourceFileContext*>(s.ctx))
    return std::nullopt;
  return SyntaxMessage{s.locator.after(s.previous), "expected ';' after " + construct_name(s.ctx)};
}

// ---------------------------------------------------------------------------------------
// Solidity habits (1.1): each rule recognises one thing written the Solidity way and
// words the Tenet spelling.

/// The text of the tokens after the '(' at `open` up to its matching ')' (joined without
/// spaces except after ','), or nullopt when the parenthesis is not closed.
std::optional<std::string> parenthesised_text(const SyntaxSituation& s, antlr4::Token* open) {
  std::string out;
  int depth = 0;
  for (antlr4::Token* t = token_after(s.stream, open); t != nullptr; t = token_after(s.stream, t)) {
    const size_t type = t->getType();
    if (type == TenetLexer::LPAREN) ++depth;
    if (type == TenetLexer::RPAREN && depth-- == 0) return out;
    if (type == TenetLexer::LBRACE || type == TenetLexer::RBRACE || type == TenetLexer::SEMI)
      return std::nullopt;
    out.append(s.locator.text(t));
    if (type == TenetLexer::COMMA) out += ' ';
  }
  return std::nullopt;
}

/// The Tenet spelling of a Solidity elementary type name (`uint256` → `u256`, `int` →
/// `i256`), or "" when `word` is not one.
std::string tenet_type_of_solidity(std::string_view word) {
  auto digits = [](std::string_view w) {
    return !w.empty() &&
           std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (word == "uint") return "u256";
  if (word == "int") return "i256";
  if (word.substr(0, 4) == "uint" && digits(word.substr(4)))
    return "u" + std::string(word.substr(4));
  if (word.substr(0, 3) == "int" && digits(word.substr(3)))
    return "i" + std::string(word.substr(3));
  if (word == "byte") return "u8";
  return "";
}

/// True for a word that names a type where Solidity declares a local: a Solidity or Tenet
/// elementary type or a capitalised (struct, contract) name.
bool is_type_word(std::string_view word) {
  static constexpr std::string_view kTenet[] = {"bool", "address", "string", "bytes", "bytes32"};
  if (!tenet_type_of_solidity(word).empty()) return true;
  if (std::find(std::begin(kTenet), std::end(kTenet), word) != std::end(kTenet)) return true;
  if (word.size() >= 2 && (word[0] == 'u' || word[0] == 'i') &&
      std::all_of(word.begin() + 1, word.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return true;
  return word[0] >= 'A' && word[0] <= 'Z';
}

/// `uint256 total = 0;` — a local declared with its type first.
MaybeMessage solidity_typed_local(const SyntaxSituation& s) {
  if (s.type != TenetLexer::IDENT || s.previous == nullptr ||
      s.previous->getType() != TenetLexer::IDENT)
    return std::nullopt;
  auto* statement = find_ancestor<TenetParser::ExprStmtContext>(s.ctx);
  if (statement == nullptr || statement->getStart() != s.previous) return std::nullopt;
  antlr4::Token* next = token_after(s.stream, s.offending);
  if (next == nullptr ||
      (next->getType() != TenetLexer::ASSIGN && next->getType() != TenetLexer::SEMI))
    return std::nullopt;
  const std::string_view written = s.locator.text(s.previous);
  if (!is_type_word(written)) return std::nullopt;
  const std::string tenet = tenet_type_of_solidity(written);
  const std::string type = tenet.empty() ? std::string(written) : tenet;
  const std::string name(s.locator.text(s.offending));
  std::string text = "declare a local with 'let': write 'let " + name + ": " + type + " = …;'";
  text += next->getType() == TenetLexer::SEMI
              ? " (every local is initialised; 'let mut' if it changes)"
              : " ('let mut' if it changes)";
  if (!tenet.empty()) text += "; Tenet spells '" + std::string(written) + "' as '" + tenet + "'";
  return SyntaxMessage{s.locator.range(s.previous, s.offending), text};
}

/// `unchecked { … }` — arithmetic is always checked; wrapping has its own operators.
MaybeMessage solidity_unchecked(const SyntaxSituation& s) {
  if (s.type != TenetLexer::LBRACE || s.previous == nullptr ||
      s.locator.text(s.previous) != "unchecked")
    return std::nullopt;
  return SyntaxMessage{s.locator.range(s.previous),
                       "Tenet has no 'unchecked' block: arithmetic is always checked; use the "
                       "wrapping operators '+%', '-%' and '*%' where wrapping is meant"};
}

/// `1 ether`, `2 days` — no units.
MaybeMessage solidity_unit(const SyntaxSituation& s) {
  struct Unit {
    std::string_view name;
    std::string_view factor;  // "" for 1
    std::string_view meaning;
  };
  static constexpr Unit kUnits[] = {
      {"wei", "", "amounts are in wei"},           {"gwei", "1e9", "1 gwei = 1e9 wei"},
      {"ether", "1e18", "1 ether = 1e18 wei"},     {"seconds", "", "times are in seconds"},
      {"minutes", "60", "1 minutes = 60 seconds"}, {"hours", "3600", "1 hours = 3600 seconds"},
      {"days", "86400", "1 days = 86400 seconds"}, {"weeks", "604800", "1 weeks = 604800 seconds"}};
  if (s.type != TenetLexer::IDENT || s.previous == nullptr ||
      s.previous->getType() != TenetLexer::INT_LIT)
    return std::nullopt;
  const std::string_view word = s.locator.text(s.offending);
  const std::string number(s.locator.text(s.previous));
  for (const Unit& u : kUnits) {
    if (word != u.name) continue;
    std::string spelled = number;
    const bool plain = number.find_first_not_of("0123456789_") == std::string::npos;
    if (u.factor.size() > 2 && u.factor[0] == '1' && u.factor[1] == 'e' && plain) {
      spelled = number == "1" ? std::string(u.factor) : number + std::string(u.factor.substr(1));
    } else if (!u.factor.empty()) {
      spelled = number + " * " + std::string(u.factor);
    }
    return SyntaxMessage{
        s.locator.range(s.previous, s.offending),
        "Tenet has no units: write '" + spelled + "' (" + std::string(u.meaning) + ")"};
  }
  return std::nullopt;
}

/// `payable(x)` in an expression — any address can receive value.
MaybeMessage solidity_payable_cast(const SyntaxSituation& s) {
  if (s.type != TenetLexer::PAYABLE || find_ancestor<TenetParser::BlockContext>(s.ctx) == nullptr)
    return std::nullopt;
  antlr4::Token* open = token_after(s.stream, s.offending);
  if (open == nullptr || open->getType() != TenetLexer::LPAREN) return std::nullopt;
  const std::string inner = parenthesised_text(s, open).value_or("x");
  return SyntaxMessage{s.at, "addresses need no 'payable' in Tenet: write '" + inner +
                                 "' (send value with '" + inner + ".transfer(v)')"};
}

/// `fn f() public {` — visibility is written before 'fn'.
MaybeMessage solidity_visibility_after(const SyntaxSituation& s) {
  auto* f = dynamic_cast<TenetParser::FunctionDeclContext*>(s.ctx);
  if (f == nullptr || s.type != TenetLexer::IDENT || s.previous == nullptr) return std::nullopt;
  const std::string_view word = s.locator.text(s.offending);
  const std::string name = ident_text(s.locator, f->ident());
  if (word == "public" || word == "external")
    return SyntaxMessage{s.at, "visibility goes before 'fn': write 'pub fn " + name +
                                   "(…)' (functions without 'pub' are internal)"};
  if (word == "private" || word == "internal")
    return SyntaxMessage{s.at, "remove '" + std::string(word) +
                                   "': functions without 'pub' are "
                                   "internal (write 'pub fn " +
                                   name + "(…)' for the ABI)"};
  if (word == "pure")
    return SyntaxMessage{s.at,
                         "Tenet has no 'pure': remove it (write 'view' before 'fn' for "
                         "a function that reads but never writes state)"};
  return std::nullopt;
}

/// `fn f() returns (u256)` — the result type follows '->'.
MaybeMessage solidity_returns(const SyntaxSituation& s) {
  if (s.type != TenetLexer::IDENT || s.locator.text(s.offending) != "returns" ||
      find_ancestor<TenetParser::FunctionDeclContext>(s.ctx) == nullptr)
    return std::nullopt;
  antlr4::Token* open = token_after(s.stream, s.offending);
  std::optional<std::string> inner;
  if (open != nullptr && open->getType() == TenetLexer::LPAREN) inner = parenthesised_text(s, open);
  std::string arrow = "-> T' or '-> (T, U)";
  if (inner && !inner->empty())
    arrow = inner->find(',') == std::string::npos ? "-> " + *inner : "-> (" + *inner + ")";
  return SyntaxMessage{s.at,
                       "write the result type after '->' instead of 'returns': '" + arrow + "'"};
}

/// `emit Transfer;` / `emit Transfer a, b;` — the event's arguments are in parentheses.
MaybeMessage solidity_emit_without_parentheses(const SyntaxSituation& s) {
  auto* e = find_ancestor<TenetParser::EmitStmtContext>(s.ctx);
  if (e == nullptr || e->ident() == nullptr || s.type == TenetLexer::LPAREN ||
      s.previous != e->ident()->getStop())
    return std::nullopt;
  const std::string event = ident_text(s.locator, e->ident());
  return SyntaxMessage{s.at, "emit takes the event's arguments in parentheses: write 'emit " +
                                 event + "(…);' ('emit " + event +
                                 "();' without arguments), found " + s.what};
}

/// `function f() returns (u256)` — both Solidity words in one header (one error per line
/// would hide the second).
MaybeMessage solidity_function_returns(const SyntaxSituation& s) {
  antlr4::Token* word = nullptr;
  if (s.type == TenetLexer::IDENT && s.locator.text(s.offending) == "function") word = s.offending;
  if (s.previous != nullptr && s.previous->getType() == TenetLexer::IDENT &&
      s.locator.text(s.previous) == "function")
    word = s.previous;
  if (word == nullptr || find_ancestor<TenetParser::BlockContext>(s.ctx) != nullptr)
    return std::nullopt;
  for (antlr4::Token* t = token_after(s.stream, word);
       t != nullptr && t->getLine() == word->getLine(); t = token_after(s.stream, t)) {
    if (t->getType() == TenetLexer::LBRACE || t->getType() == TenetLexer::SEMI) break;
    if (t->getType() != TenetLexer::IDENT || s.locator.text(t) != "returns") continue;
    antlr4::Token* open = token_after(s.stream, t);
    std::optional<std::string> inner;
    if (open != nullptr && open->getType() == TenetLexer::LPAREN)
      inner = parenthesised_text(s, open);
    std::string arrow = "-> T";
    if (inner && !inner->empty())
      arrow = inner->find(',') == std::string::npos ? "-> " + *inner : "-> (" + *inner + ")";
    return SyntaxMessage{s.locator.range(word),
                         "unexpected 'function': Tenet writes 'fn', and the result type after "
                         "'->' instead of 'returns': 'fn " +
                             std::string(token_after(s.stream, word) != nullptr
                                             ? s.locator.text(token_after(s.stream, word))
                                             : "f") +
                             "(…) " + arrow + "'"};
  }
  return std::nullopt;
}

/// `modifier onlyOwner { … }` — no modifiers.
MaybeMessage solidity_modifier(const SyntaxSituation& s) {
  antlr4::Token* word = nullptr;
  if (s.type == TenetLexer::IDENT && s.locator.text(s.offending) == "modifier") word = s.offending;
  if (s.previous != nullptr && s.previous->getType() == TenetLexer::IDENT &&
      s.locator.text(s.previous) == "modifier" &&
      find_ancestor<TenetParser::FieldDeclContext>(s.ctx))
    word = s.previous;
  if (word == nullptr || find_ancestor<TenetParser::BlockContext>(s.ctx) != nullptr)
    return std::nullopt;
  antlr4::Token* name = token_after(s.stream, word);
  const std::string called = name != nullptr && name->getType() == TenetLexer::IDENT
                                 ? std::string(s.locator.text(name))
                                 : "check";
  return SyntaxMessage{s.locator.range(word),
                       "Tenet has no modifiers: write a function '" + called +
                           "' (in a component to share it) and call it first in each function "
                           "that needs it: 'self." +
                           called + "();'"};
}

/// A rule: the message for the situation it recognises, or nothing.
using SyntaxRule = MaybeMessage (*)(const SyntaxSituation&);

/// The rules, in the order they are tried (the first that matches reports).
constexpr SyntaxRule kSyntaxRules[] = {
    assignment_in_condition,
    solidity_modifier,
    solidity_function_returns,
    solidity_typed_local,
    solidity_unchecked,
    solidity_unit,
    solidity_payable_cast,
    solidity_visibility_after,
    solidity_returns,
    solidity_emit_without_parentheses,
    misspelled_keyword,
    misspelled_leading_keyword,
    increment_operator,
    return_without_tuple,
    revert_without_reason,
    let_tuple_of_one,
    empty_struct_literal,
    parenthesised_for,
    result_type_without_arrow,
    field_initializer,
    semicolon_after_brace,
    missing_braces,
    keyword_as_name,
    misindented_unclosed_block,
    unclosed_brace,
    item_keyword_in_body,
    missing_semicolon,
};

/// What the parser expected, in words ("an expression", "',' or ')'"), or "" when the
/// list is too long to help.
std::string expectation(const SyntaxSituation& s) {
  const antlr4::misc::IntervalSet& expected = s.expected;
  if (is_item_level(s.ctx))
    return "an item (import, const, struct, enum, event, error, interface, contract or fn)";
  if (auto* c = dynamic_cast<TenetParser::ContractDeclContext*>(s.ctx))
    return "a field, 'const', 'init', a function or '}' in contract '" +
           ident_text(s.locator, c->ident()) + "'";
  if (dynamic_cast<TenetParser::BlockContext*>(s.ctx) &&
      expected.contains(static_cast<size_t>(TenetLexer::LET)))
    return "a statement or '}'";
  if (expected.contains(static_cast<size_t>(TenetLexer::INT_LIT)) &&
      expected.contains(static_cast<size_t>(TenetLexer::LPAREN)))
    return "an expression";
  if (expected.contains(static_cast<size_t>(TenetLexer::MAP)) &&
      expected.contains(static_cast<size_t>(TenetLexer::LBRACKET)))
    return "a type";
  std::vector<std::string> names;
  std::vector<std::string> closers;  // listed last: "',' or ')'"
  for (size_t t : expected.toList()) {
    // `from` and `as` are contextual: where a name fits they are names, not alternatives.
    if ((t == TenetLexer::FROM || t == TenetLexer::AS) &&
        expected.contains(static_cast<size_t>(TenetLexer::IDENT)))
      continue;
    bool closer = t == TenetLexer::RPAREN || t == TenetLexer::RBRACE || t == TenetLexer::RBRACKET;
    (closer ? closers : names).push_back(token_name(s.parser->getVocabulary(), t));
  }
  names.insert(names.end(), closers.begin(), closers.end());
  if (names.size() == 1 && names[0] == "identifier") return "a name";
  if (!names.empty() && names.size() <= 4) return join_alternatives(names);
  return "";
}

/// The fallback when no rule matches: what was expected and what was found.
SyntaxMessage describe_expected(const SyntaxSituation& s) {
  const std::string expected = expectation(s);
  if (expected.empty()) return SyntaxMessage{s.at, "unexpected " + s.what};
  if (expected == "a name" && is_keyword_text(s.locator.text(s.offending)))
    return keyword_as_name_message(s);
  return SyntaxMessage{s.at, "expected " + expected + ", found " + s.what};
}

/// The default-channel token before `t`, or null.
antlr4::Token* previous_token(antlr4::TokenStream* stream, antlr4::Token* t) {
  for (ssize_t i = static_cast<ssize_t>(t->getTokenIndex()) - 1; i >= 0; --i) {
    antlr4::Token* candidate = stream->get(static_cast<size_t>(i));
    if (candidate->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return candidate;
  }
  return nullptr;
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
  const SyntaxSituation situation{parser,
                                  stream,
                                  locator_,
                                  offending,
                                  previous_token(stream, offending),
                                  offending->getType(),
                                  expected,
                                  ctx,
                                  kind == Kind::missing,
                                  locator_.range(offending),
                                  found(locator_, offending)};
  for (SyntaxRule rule : kSyntaxRules) {
    if (MaybeMessage message = rule(situation)) {
      emit(message->range, std::move(message->text));
      return;
    }
  }
  SyntaxMessage message = describe_expected(situation);
  emit(message.range, std::move(message.text));
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
