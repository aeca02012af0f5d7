#include "fmt_layout.hpp"

#include <algorithm>
#include <typeinfo>
#include <utility>
#include <vector>

#include "TenetParser.h"

namespace tenet::compiler::formatting {
namespace {

using P = parser::TenetParser;
using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::tree::ParseTree;
using antlr4::tree::TerminalNode;

Token* first_token(ParseTree* t) {
  if (auto* n = dynamic_cast<TerminalNode*>(t)) return n->getSymbol();
  return static_cast<ParserRuleContext*>(t)->getStart();
}

Token* last_token(ParseTree* t) {
  if (auto* n = dynamic_cast<TerminalNode*>(t)) return n->getSymbol();
  return static_cast<ParserRuleContext*>(t)->getStop();
}

size_t terminal_type(ParseTree* t) {
  auto* n = dynamic_cast<TerminalNode*>(t);
  return n == nullptr ? 0 : n->getSymbol()->getType();
}

bool is_name(size_t type) {
  return type == P::IDENT || type == P::FROM || type == P::AS;
}

/// Whether a space separates two neighbouring pieces of a construct laid out on one line:
/// `a` ends the first piece, `b` starts `next`, both children of `ctx`.
bool space_between(size_t a, size_t b, ParserRuleContext* ctx, ParseTree* next) {
  if (dynamic_cast<P::CallOptionsContext*>(next) != nullptr) return false;
  if (dynamic_cast<P::UnaryExprContext*>(ctx) != nullptr) return false;
  if (dynamic_cast<P::AssignOpContext*>(ctx) != nullptr) return false;
  if (dynamic_cast<P::MapTypeContext*>(ctx) != nullptr &&
      (a == P::MAP || a == P::LT || b == P::LT || b == P::GT))
    return false;
  switch (b) {
    case P::COMMA:
    case P::SEMI:
    case P::DOT:
    case P::RPAREN:
    case P::RBRACKET:
    case P::COLONCOLON:
    case P::COLON:
    case P::DOTDOT:
    case P::DOTDOTEQ:
      return false;
    default:
      break;
  }
  switch (a) {
    case P::DOT:
    case P::COLONCOLON:
    case P::LPAREN:
    case P::LBRACKET:
    case P::DOTDOT:
    case P::DOTDOTEQ:
      return false;
    default:
      break;
  }
  if (b == P::LPAREN) {
    return !(is_name(a) || a == P::RPAREN || a == P::RBRACKET || a == P::RBRACE ||
             a == P::REQUIRE || a == P::ASSERT || a == P::REVERT || a == P::INIT);
  }
  if (b == P::LBRACKET) return !(is_name(a) || a == P::RPAREN || a == P::RBRACKET);
  return true;
}

/// How a bracketed part of a construct is laid out.
enum class Bracketed {
  inline_,  ///< on one line with its construct, no spaces inside: `(x)`, `[T; 3]`, `map<K, V>`
  list,     ///< a comma list that breaks one item per line: `(a, b)`, `[1, 2]`
  body,     ///< statements or members, one per line: blocks, contract bodies
};

/// A list's style.
struct ListStyle {
  bool spaced = false;       ///< `{ a, b }` rather than `(a, b)`
  bool trailing_ok = true;   ///< the grammar accepts a trailing comma
  bool keep_broken = false;  ///< stays broken when the source broke it after the opener
};

Bracketed bracketed(ParserRuleContext* ctx, size_t open) {
  if (open == P::LBRACE) {
    if (dynamic_cast<P::BlockContext*>(ctx) || dynamic_cast<P::ContractDeclContext*>(ctx) ||
        dynamic_cast<P::ComponentDeclContext*>(ctx) || dynamic_cast<P::InterfaceDeclContext*>(ctx))
      return Bracketed::body;
    return Bracketed::list;
  }
  if (open == P::LPAREN) {
    if (dynamic_cast<P::ParenExprContext*>(ctx) || dynamic_cast<P::CatchDataContext*>(ctx))
      return Bracketed::inline_;
    return Bracketed::list;
  }
  if (open == P::LBRACKET && dynamic_cast<P::ArrayLiteralContext*>(ctx)) return Bracketed::list;
  return Bracketed::inline_;
}

ListStyle list_style(ParserRuleContext* ctx, size_t open) {
  ListStyle s;
  if (open == P::LBRACE && dynamic_cast<P::CallOptionsContext*>(ctx) == nullptr) {
    s.spaced = true;
    s.keep_broken = dynamic_cast<P::SelectiveImportContext*>(ctx) == nullptr;
  }
  return s;
}

size_t closer_of(size_t open) {
  switch (open) {
    case P::LPAREN:
      return P::RPAREN;
    case P::LBRACKET:
      return P::RBRACKET;
    case P::LBRACE:
      return P::RBRACE;
    default:
      return 0;
  }
}

/// Binary operators: a chain of one operator level is laid out as one group.
bool is_binary(ParseTree* t) {
  return dynamic_cast<P::PowerExprContext*>(t) || dynamic_cast<P::MulExprContext*>(t) ||
         dynamic_cast<P::AddExprContext*>(t) || dynamic_cast<P::ShiftExprContext*>(t) ||
         dynamic_cast<P::BitAndExprContext*>(t) || dynamic_cast<P::BitXorExprContext*>(t) ||
         dynamic_cast<P::BitOrExprContext*>(t) || dynamic_cast<P::CompareExprContext*>(t) ||
         dynamic_cast<P::EqualityExprContext*>(t) || dynamic_cast<P::AndExprContext*>(t) ||
         dynamic_cast<P::OrExprContext*>(t);
}

/// The kinds of top-level item that sit together without a blank line when the user
/// wrote them so: imports, constants, events and errors always; structs and enums when
/// they are laid out on one line (`doc` is the item's document).
bool is_one_line_item(ParseTree* t, const Doc& doc, size_t width) {
  if (dynamic_cast<P::ImportDeclContext*>(t) != nullptr) return true;
  auto* item = dynamic_cast<P::ItemContext*>(t);
  if (item == nullptr) return false;
  if (item->constDecl() || item->eventDecl() || item->errorDecl()) return true;
  return (item->structDecl() || item->enumDecl()) && fits_flat(doc, width);
}

/// Builds the document of a parse tree.
class Layout {
 public:
  Layout(const CommentTable& comments, size_t width) : comments_(comments), width_(width) {}

  Doc source_file(P::SourceFileContext* ctx) {
    std::vector<Doc> parts;
    ParseTree* previous = nullptr;
    bool previous_one_line = false;
    Token* eof = nullptr;
    for (ParseTree* child : ctx->children) {
      if (terminal_type(child) == antlr4::Token::EOF) {
        eof = first_token(child);
        continue;
      }
      // The item without the comments before it, which are laid out first.
      Token* first = first_token(child);
      unled_ = first;
      Doc doc = node(child);
      unled_ = nullptr;
      const bool one_line = is_one_line_item(child, doc, width_);
      doc = concat({leading(first), std::move(doc)});
      if (previous != nullptr) {
        parts.push_back(hardline());
        const bool imports = dynamic_cast<P::ImportDeclContext*>(previous) != nullptr;
        const bool item = dynamic_cast<P::ItemContext*>(child) != nullptr;
        if (blank_before(child) || (imports && item) || (item && !(previous_one_line && one_line)))
          parts.push_back(hardline());
      }
      parts.push_back(std::move(doc));
      previous = child;
      previous_one_line = one_line;
    }
    if (eof != nullptr && !comments_.at(eof).leading.empty()) {
      if (previous != nullptr) {
        parts.push_back(hardline());
        if (comments_.at(eof).newlines_before_all >= 2) parts.push_back(hardline());
      }
      parts.push_back(closing_comments(eof));
    }
    return concat(std::move(parts));
  }

 private:
  // ---------------------------------------------------------------- tokens and comments

  Doc tok(Token* t) { return t == unled_ ? word(t) : concat({leading(t), word(t)}); }
  /// The token and its trailing comments, without the comments before it.
  Doc word(Token* t) { return concat({text(t->getText()), trailing(t)}); }

  /// The comments on lines before `t`, each on its own line (blank lines between kept).
  Doc leading(Token* t) {
    const TokenComments& c = comments_.at(t);
    if (c.leading.empty()) return concat({});
    std::vector<Doc> parts;
    bool ended_line = false;
    for (size_t j = 0; j < c.leading.size(); ++j) {
      const Comment& comment = c.leading[j];
      if (j == 0) {
        parts.push_back(fresh_line());
      } else if (ended_line && comment.newlines_before >= 2) {
        parts.push_back(hardline());
      }
      parts.push_back(text(comment.text));
      ended_line = comment.to_line_end || comment.newlines_after > 0;
      parts.push_back(ended_line ? hardline() : text(" "));
    }
    if (ended_line && c.newlines_before >= 2) parts.push_back(hardline());
    return concat(std::move(parts));
  }

  /// The comments after `t` on its line: a `//` comment stays at the end of the line.
  Doc trailing(Token* t) {
    const TokenComments& c = comments_.at(t);
    std::vector<Doc> parts;
    for (const Comment& comment : c.trailing) {
      // A trailing comment keeps the space written before it (comments aligned in a
      // column stay aligned).
      const std::string space(
          comment.to_line_end ? std::max<size_t>(1, comment.spaces_before) : comment.spaces_before,
          ' ');
      parts.push_back(comment.to_line_end ? line_suffix(space + comment.text)
                                          : text(space + comment.text));
    }
    return concat(std::move(parts));
  }

  /// The comments before a closing bracket, laid out as the last lines of its body (the
  /// caller breaks the line before the bracket).
  Doc closing_comments(Token* close) {
    const std::vector<Comment>& c = comments_.at(close).leading;
    std::vector<Doc> parts;
    for (size_t j = 0; j < c.size(); ++j) {
      if (j == 0) {
        parts.push_back(fresh_line());
      } else if (c[j].newlines_before > 0 || c[j - 1].to_line_end) {
        parts.push_back(hardline());
        if (c[j].newlines_before >= 2) parts.push_back(hardline());
      } else {
        parts.push_back(text(" "));
      }
      parts.push_back(text(c[j].text));
    }
    if (!c.empty() && c.back().to_line_end) parts.push_back(break_parent());
    return concat(std::move(parts));
  }

  bool blank_before(ParseTree* t) const {
    return comments_.at(first_token(t)).newlines_before_all >= 2;
  }

  // ---------------------------------------------------------------- constructs

  Doc node(ParseTree* t) {
    if (auto* n = dynamic_cast<TerminalNode*>(t)) return tok(n->getSymbol());
    auto* ctx = static_cast<ParserRuleContext*>(t);
    if (is_binary(ctx)) return binary(static_cast<P::ExprContext*>(ctx));
    if (auto* c = dynamic_cast<P::ConditionalExprContext*>(ctx)) return conditional(c);
    if (starts_chain(ctx)) return chain(ctx);
    return seq(ctx);
  }

  /// An `if`/`else` chain or a `try` with its `catch` clauses: its blocks are all on one
  /// line with it (when the source had the whole statement on one line and it fits) or
  /// all broken.
  static bool starts_chain(ParserRuleContext* ctx) {
    return dynamic_cast<P::TryStmtContext*>(ctx) != nullptr ||
           (dynamic_cast<P::IfStmtContext*>(ctx) != nullptr &&
            dynamic_cast<P::IfStmtContext*>(ctx->parent) == nullptr);
  }
  static bool in_chain(ParserRuleContext* block) {
    auto* parent = block->parent;
    return dynamic_cast<P::IfStmtContext*>(parent) || dynamic_cast<P::TryStmtContext*>(parent) ||
           dynamic_cast<P::CatchClauseContext*>(parent);
  }

  Doc chain(ParserRuleContext* ctx) {
    const bool one_line = ctx->getStart()->getLine() == ctx->getStop()->getLine();
    chain_one_line_.push_back(one_line);
    Doc doc = seq(ctx);
    chain_one_line_.pop_back();
    return one_line ? group(doc) : doc;
  }

  /// The children of `ctx` in order, spaced as `space_between` says; bracketed parts
  /// laid out as `bracketed` says.
  Doc seq(ParserRuleContext* ctx) {
    std::vector<Doc> parts;
    const auto& children = ctx->children;
    size_t last_type = 0;
    for (size_t i = 0; i < children.size(); ++i) {
      ParseTree* child = children[i];
      if (i > 0 && space_between(last_type, first_token(child)->getType(), ctx, child))
        parts.push_back(text(" "));
      const size_t type = terminal_type(child);
      const size_t close_type = closer_of(type);
      if (close_type != 0 && bracketed(ctx, type) != Bracketed::inline_) {
        size_t close = i + 1;
        while (close < children.size() && terminal_type(children[close]) != close_type) ++close;
        if (close < children.size()) {
          if (bracketed(ctx, type) == Bracketed::body) {
            parts.push_back(body(ctx, i, close));
          } else {
            parts.push_back(list(ctx, i, close, list_style(ctx, type)));
          }
          last_type = close_type;
          i = close;
          continue;
        }
      }
      parts.push_back(node(child));
      last_type = last_token(child)->getType();
    }
    return concat(std::move(parts));
  }

  /// A comma list between children `open` and `close` of `ctx`.
  Doc list(ParserRuleContext* ctx, size_t open, size_t close, const ListStyle& style) {
    std::vector<ParseTree*> inside(ctx->children.begin() + static_cast<long>(open) + 1,
                                   ctx->children.begin() + static_cast<long>(close));
    if (inside.size() == 1 && (dynamic_cast<P::ArgListContext*>(inside[0]) ||
                               dynamic_cast<P::ParamListContext*>(inside[0]))) {
      inside = static_cast<ParserRuleContext*>(inside[0])->children;
    }
    const bool struct_fields = dynamic_cast<P::StructDeclContext*>(ctx) != nullptr;
    std::vector<ParseTree*> items;
    std::vector<Token*> separators;
    for (ParseTree* t : inside) {
      const size_t type = terminal_type(t);
      if (type == P::COMMA || (struct_fields && type == P::SEMI)) {
        separators.push_back(first_token(t));
      } else {
        items.push_back(t);
      }
    }
    Token* open_token = first_token(ctx->children[open]);
    Token* close_token = first_token(ctx->children[close]);
    if (items.empty()) {
      if (comments_.at(close_token).leading.empty())
        return concat({tok(open_token), tok(close_token)});
      return concat(
          {group(concat({tok(open_token), nest(closing_comments(close_token)),
                         style.spaced ? line() : softline(), text(close_token->getText())})),
           trailing(close_token)});
    }

    std::vector<Doc> parts;
    parts.push_back(style.spaced ? line() : softline());
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) {
        parts.push_back(tok(separators[i - 1]));
        parts.push_back(line());
      }
      parts.push_back(node(items[i]));
    }
    const std::string comma = separators.empty() ? "," : separators.back()->getText();
    if (separators.size() == items.size()) {
      Token* t = separators.back();
      parts.push_back(leading(t));
      parts.push_back(if_break(text(comma), text("")));
      parts.push_back(trailing(t));
    } else if (style.trailing_ok) {
      parts.push_back(if_break(text(comma), text("")));
    }
    parts.push_back(closing_comments(close_token));
    std::vector<Doc> whole{tok(open_token), nest(concat(std::move(parts))),
                           style.spaced ? line() : softline(), text(close_token->getText())};
    if (style.keep_broken && comments_.at(first_token(items[0])).newlines_before_all > 0)
      whole.push_back(break_parent());
    return concat({group(concat(std::move(whole))), trailing(close_token)});
  }

  /// Statements or members between children `open` and `close` of `ctx`, one per line; on
  /// one line (when it fits) if the source had them on one line.
  Doc body(ParserRuleContext* ctx, size_t open, size_t close) {
    Token* open_token = first_token(ctx->children[open]);
    Token* close_token = first_token(ctx->children[close]);
    const TokenComments& closing = comments_.at(close_token);
    if (close == open + 1 && closing.leading.empty())
      return concat({tok(open_token), word(close_token)});
    // A block of a chain (`if`/`else`, `try`/`catch`) is laid out with the chain, in its
    // group; any other is a group of its own.
    const bool chained = in_chain(ctx) && !chain_one_line_.empty();
    const bool one_line =
        chained ? chain_one_line_.back() : open_token->getLine() == close_token->getLine();
    std::vector<Doc> parts;
    for (size_t i = open + 1; i < close; ++i) {
      ParseTree* member = ctx->children[i];
      parts.push_back(one_line ? line() : hardline());
      if (i > open + 1 && blank_before(member)) parts.push_back(hardline());
      parts.push_back(node(member));
    }
    if (!closing.leading.empty()) {
      if (close > open + 1) {
        parts.push_back(hardline());
        if (closing.newlines_before_all >= 2) parts.push_back(hardline());
      }
      parts.push_back(closing_comments(close_token));
    }
    Doc doc = concat({tok(open_token), nest(concat(std::move(parts))),
                      one_line ? line() : hardline(), text(close_token->getText())});
    return concat({one_line && !chained ? group(doc) : doc, trailing(close_token)});
  }

  /// `a + b - c`: the operands of one operator level, broken before each operator when
  /// they do not fit.
  Doc binary(P::ExprContext* ctx) {
    std::vector<Doc> operands;
    std::vector<Doc> operators;
    flatten(ctx, typeid(*ctx), operands, operators);
    std::vector<Doc> rest;
    for (size_t i = 0; i < operators.size(); ++i) {
      rest.push_back(line());
      rest.push_back(operators[i]);
      rest.push_back(text(" "));
      rest.push_back(operands[i + 1]);
    }
    return group(concat({operands[0], nest(concat(std::move(rest)))}));
  }

  /// Adds the operands and operators of `e`, a binary expression of class `level`, with
  /// those of its left operand when it is of the same level (operators are left
  /// associative, except `**`).
  void flatten(ParserRuleContext* e, const std::type_info& level, std::vector<Doc>& operands,
               std::vector<Doc>& operators) {
    const auto& children = e->children;  // expr operator-token(s) expr
    auto* left = static_cast<ParserRuleContext*>(children.front());
    if (typeid(*left) == level && level != typeid(P::PowerExprContext)) {
      flatten(left, level, operands, operators);
    } else {
      operands.push_back(node(left));
    }
    std::vector<Doc> op;
    for (size_t i = 1; i + 1 < children.size(); ++i) op.push_back(node(children[i]));
    operators.push_back(concat(std::move(op)));
    auto* right = static_cast<ParserRuleContext*>(children.back());
    if (level == typeid(P::PowerExprContext) && typeid(*right) == level) {
      // `a ** b ** c` is `a ** (b ** c)`: the chain continues on the right.
      const auto& inner = right->children;
      operands.push_back(node(inner.front()));
      flatten_right(right, operands, operators);
      return;
    }
    operands.push_back(node(right));
  }

  /// The rest of a `**` chain from `e` on (its left operand already added).
  void flatten_right(ParserRuleContext* e, std::vector<Doc>& operands,
                     std::vector<Doc>& operators) {
    while (true) {
      const auto& children = e->children;
      std::vector<Doc> op;
      for (size_t i = 1; i + 1 < children.size(); ++i) op.push_back(node(children[i]));
      operators.push_back(concat(std::move(op)));
      auto* right = static_cast<ParserRuleContext*>(children.back());
      if (typeid(*right) != typeid(P::PowerExprContext)) {
        operands.push_back(node(right));
        return;
      }
      operands.push_back(node(right->children.front()));
      e = right;
    }
  }

  /// `c ? a : b`, broken before `?` and `:` when it does not fit.
  Doc conditional(P::ConditionalExprContext* ctx) {
    const auto& c = ctx->children;  // expr ? expr : expr
    return group(concat({node(c[0]), nest(concat({line(), node(c[1]), text(" "), node(c[2]), line(),
                                                  node(c[3]), text(" "), node(c[4])}))}));
  }

  const CommentTable& comments_;
  size_t width_;
  Token* unled_ = nullptr;            // the token whose leading comments the caller lays out
  std::vector<bool> chain_one_line_;  // for each chain being laid out: on one line?
};

}  // namespace

Doc layout_source_file(antlr4::tree::ParseTree* tree, const CommentTable& comments, size_t width) {
  return Layout(comments, width).source_file(static_cast<P::SourceFileContext*>(tree));
}

}  // namespace tenet::compiler::formatting
