#include "fmt_comments.hpp"

#include <utility>

#include "CommonTokenStream.h"
#include "TenetLexer.h"
#include "misc/Interval.h"

namespace tenet::compiler::formatting {
namespace {

/// A comment or a token, with the lines it starts and ends on.
struct Element {
  const antlr4::Token* token = nullptr;  // null for a comment
  Comment comment;
  size_t first_line = 0;
  size_t last_line = 0;
};

size_t count_newlines(const std::string& s, size_t from, size_t to) {
  size_t n = 0;
  for (size_t i = from; i < to && i < s.size(); ++i) n += s[i] == '\n' ? 1 : 0;
  return n;
}

/// Removes trailing white space from every line of `s` and carriage returns before
/// newlines.
std::string tidy(std::string s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\r'))
        out.pop_back();
    }
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\r'))
    out.pop_back();
  return out;
}

/// The comments in `gap` (white space and comments only), which starts on line `line`.
void scan_gap(const std::string& gap, size_t line, std::vector<Element>& out) {
  size_t i = 0;
  while (i < gap.size()) {
    if (gap.compare(i, 2, "//") == 0 || gap.compare(i, 2, "/*") == 0) {
      const bool to_line_end = gap[i + 1] == '/';
      size_t end = to_line_end ? gap.find('\n', i) : gap.find("*/", i + 2);
      if (end == std::string::npos) {
        end = gap.size();
      } else if (!to_line_end) {
        end += 2;
      }
      Element e;
      size_t space = 0;
      while (space < i && (gap[i - space - 1] == ' ' || gap[i - space - 1] == '\t')) ++space;
      e.comment.spaces_before = space;
      e.comment.text = tidy(gap.substr(i, end - i));
      e.comment.to_line_end = to_line_end;
      e.first_line = line + count_newlines(gap, 0, i);
      e.last_line = line + count_newlines(gap, 0, end);
      out.push_back(std::move(e));
      i = end;
    } else {
      ++i;
    }
  }
}

}  // namespace

CommentTable::CommentTable(antlr4::CommonTokenStream& tokens, antlr4::CharStream& input) {
  // The tokens and comments in source order.
  std::vector<Element> elements;
  size_t next_start = 0;  // code point index just after the previous token
  size_t line = 1;        // the line next_start is on
  for (antlr4::Token* t : tokens.getTokens()) {
    const size_t start = t->getType() == antlr4::Token::EOF ? input.size() : t->getStartIndex();
    std::string gap;
    if (start > next_start) {
      gap = input.getText(antlr4::misc::Interval(next_start, start - 1));
      scan_gap(gap, line, elements);
      line += count_newlines(gap, 0, gap.size());
    }
    Element e;
    e.first_line = e.last_line = line;
    if (t->getChannel() == parser::TenetLexer::DEFAULT_TOKEN_CHANNEL ||
        t->getType() == antlr4::Token::EOF) {
      e.token = t;
    } else {  // a `///` doc comment
      size_t space = 0;
      while (space < gap.size() &&
             (gap[gap.size() - space - 1] == ' ' || gap[gap.size() - space - 1] == '\t'))
        ++space;
      e.comment.spaces_before = space;
      e.comment.text = tidy(t->getText());
      e.comment.to_line_end = true;
    }
    elements.push_back(std::move(e));
    if (t->getType() == antlr4::Token::EOF) break;
    next_start = t->getStopIndex() + 1;
    line = t->getLine();
  }

  by_index_.resize(tokens.size());
  const antlr4::Token* previous_token = nullptr;
  bool trailing_run =
      false;  // the previous element is the previous token or one of its trailing comments
  std::vector<Comment> pending;
  size_t previous_last_line = 1;
  size_t pending_first_newlines = 0;
  for (size_t i = 0; i < elements.size(); ++i) {
    Element& e = elements[i];
    const size_t newlines = i == 0 ? 0 : e.first_line - previous_last_line;
    if (e.token == nullptr) {
      all_.push_back(e.comment.text);
      e.comment.newlines_before = newlines;
      if (i + 1 < elements.size())
        e.comment.newlines_after = elements[i + 1].first_line - e.last_line;
      if (previous_token != nullptr && trailing_run && newlines == 0) {
        by_index_[previous_token->getTokenIndex()].trailing.push_back(e.comment);
      } else {
        if (pending.empty()) pending_first_newlines = newlines;
        pending.push_back(e.comment);
        trailing_run = false;
      }
    } else {
      TokenComments& c = by_index_[e.token->getTokenIndex()];
      c.newlines_before = newlines;
      c.newlines_before_all = pending.empty() ? newlines : pending_first_newlines;
      c.leading = std::move(pending);
      pending.clear();
      previous_token = e.token;
      trailing_run = true;
    }
    previous_last_line = e.last_line;
  }
}

const TokenComments& CommentTable::at(const antlr4::Token* token) const {
  return by_index_.at(token->getTokenIndex());
}

}  // namespace tenet::compiler::formatting
