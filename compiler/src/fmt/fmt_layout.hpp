#pragma once
// Internal: the canonical layout of a parse tree as a document (fmt_doc.hpp). Every token
// of the tree is printed once, with its comments (fmt_comments.hpp); the only tokens added
// or dropped are trailing commas of lists (present exactly when a list is broken).

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(fmt, fmt_layout.hpp)

#include "fmt_comments.hpp"
#include "fmt_doc.hpp"

namespace tenet::parser {
class TenetParser;
}

namespace antlr4::tree {
class ParseTree;
}

namespace tenet::compiler::formatting {

/// The document of a whole file: `tree` is its sourceFile parse tree; `width` the
/// column lines should not pass.
Doc layout_source_file(antlr4::tree::ParseTree* tree, const CommentTable& comments, size_t width);

}  // namespace tenet::compiler::formatting
