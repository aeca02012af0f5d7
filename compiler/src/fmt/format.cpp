#include "tenet/compiler/format.hpp"

#include <exception>
#include <memory>
#include <utility>

#include "ANTLRInputStream.h"
#include "BailErrorStrategy.h"
#include "CommonTokenStream.h"
#include "Exceptions.h"
#include "TenetLexer.h"
#include "TenetParser.h"
#include "atn/ParserATNSimulator.h"
#include "atn/PredictionMode.h"
#include "fmt_comments.hpp"
#include "fmt_doc.hpp"
#include "fmt_layout.hpp"
#include "tenet/compiler/parser.hpp"

namespace tenet::compiler {
namespace {

using parser::TenetLexer;
using parser::TenetParser;

/// One text lexed: its tokens (for the parser) and its comments.
struct Lexed {
  explicit Lexed(const std::string& text) : input(text), lexer(&input), tokens(&lexer) {
    lexer.removeErrorListeners();
    tokens.fill();
  }
  antlr4::ANTLRInputStream input;
  TenetLexer lexer;
  antlr4::CommonTokenStream tokens;
};

/// What formatting may not change: the tokens the parser reads (but trailing separators
/// before a closing bracket, which the layout adds or drops) and the comments, in order.
struct Substance {
  std::vector<std::string> tokens;
  std::vector<std::string> comments;
  bool operator==(const Substance&) const = default;
};

Substance substance_of(const std::string& text) {
  Lexed lexed(text);
  Substance s;
  const auto& all = lexed.tokens.getTokens();
  for (size_t i = 0; i < all.size(); ++i) {
    antlr4::Token* t = all[i];
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL || t->getType() == antlr4::Token::EOF)
      continue;
    const size_t type = t->getType();
    if (type == TenetLexer::COMMA || type == TenetLexer::SEMI) {
      size_t next = i + 1;
      while (next < all.size() && all[next]->getChannel() != antlr4::Token::DEFAULT_CHANNEL) ++next;
      const size_t after = next < all.size() ? all[next]->getType() : antlr4::Token::EOF;
      if (after == TenetLexer::RPAREN || after == TenetLexer::RBRACKET ||
          after == TenetLexer::RBRACE)
        continue;
    }
    s.tokens.push_back(t->getText());
  }
  s.comments = formatting::CommentTable(lexed.tokens, lexed.input).all();
  return s;
}

Diagnostic internal_error(std::string what) {
  return Diagnostic{Severity::error, SourceRange{},
                    "internal formatter error: " + std::move(what) +
                        "; the file was left as it is (please report this)"};
}

/// Lays out `text`, which parses.
std::string layout(const std::string& text, const FormatOptions& options) {
  Lexed lexed(text);
  TenetParser parser(&lexed.tokens);
  parser.removeErrorListeners();
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  TenetParser::SourceFileContext* tree = nullptr;
  try {
    tree = parser.sourceFile();
  } catch (const antlr4::ParseCancellationException&) {
    lexed.tokens.seek(0);
    parser.reset();
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    tree = parser.sourceFile();
  }
  const formatting::CommentTable comments(lexed.tokens, lexed.input);
  const formatting::Doc doc = formatting::layout_source_file(tree, comments, options.max_width);
  return formatting::print_doc(doc, options.max_width, options.indent);
}

}  // namespace

FormatResult format_source(std::string_view text, const FormatOptions& options) {
  FormatResult result;
  const std::string source(text);
  {
    SourceManager sources;
    DiagnosticEngine diagnostics;
    const FileId file = sources.add_file("<input>", source);
    if (parse_file(sources, file, diagnostics) == nullptr) {
      result.diagnostics = diagnostics.diagnostics();
      if (result.diagnostics.empty()) result.diagnostics.push_back(internal_error("no parse"));
      return result;
    }
  }
  try {
    std::string formatted = layout(source, options);
    // The safety net: the layout may move white space and trailing commas only.
    if (!(substance_of(formatted) == substance_of(source))) {
      result.diagnostics.push_back(internal_error("the layout changed the program's tokens"));
      return result;
    }
    SourceManager sources;
    DiagnosticEngine diagnostics;
    const FileId file = sources.add_file("<formatted>", formatted);
    if (parse_file(sources, file, diagnostics) == nullptr) {
      result.diagnostics.push_back(internal_error("the formatted text does not parse"));
      return result;
    }
    result.ok = true;
    result.text = std::move(formatted);
  } catch (const std::exception& e) {
    result.diagnostics.push_back(internal_error(e.what()));
  }
  return result;
}

}  // namespace tenet::compiler
