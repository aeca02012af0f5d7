#pragma once
// Internal: the document a layout is built as — text, line breaks, nesting and groups that
// are printed flat when they fit in the width and broken otherwise (Wadler's "prettier
// printer", as Prettier implements it) — and the printer that lays it out.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(fmt, fmt_doc.hpp)

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace tenet::compiler::formatting {

/// What a document node is.
enum class DocKind {
  text,         ///< literal text (no newline, except inside a block comment)
  line,         ///< a space when flat, a newline when broken
  softline,     ///< nothing when flat, a newline when broken
  hardline,     ///< always a newline (its groups break)
  fresh_line,   ///< a newline unless the current line is still empty (its groups break)
  concat,       ///< the parts in order
  nest,         ///< the part, one indentation level deeper after each newline
  group,        ///< the part flat if it fits on the rest of the line, else broken
  if_break,     ///< parts[0] when the enclosing group is broken, parts[1] when flat
  line_suffix,  ///< text written just before the next newline (a trailing `//` comment)
};

struct DocNode;
/// A document (immutable, shared).
using Doc = std::shared_ptr<const DocNode>;

/// One node of a document.
struct DocNode {
  DocKind kind = DocKind::concat;  ///< what it is
  std::string text;                ///< for text and line_suffix
  std::vector<Doc> parts;          ///< the children
  bool hard = false;               ///< holds a forced break: every group around it breaks
};

/// Builders.
Doc text(std::string s);
Doc line();
Doc softline();
Doc hardline();
Doc fresh_line();
Doc concat(std::vector<Doc> parts);
Doc nest(Doc d);
Doc group(Doc d);
Doc if_break(Doc broken, Doc flat);
/// A trailing line comment: written before the next newline; its groups break.
Doc line_suffix(std::string s);
/// A node whose only effect is to break its groups.
Doc break_parent();

/// Whether `doc` prints on one line of at most `width` columns (it holds no forced break).
bool fits_flat(const Doc& doc, size_t width);

/// Lays `doc` out in `width` columns with `indent` spaces per level: no trailing spaces,
/// exactly one newline at the end.
std::string print_doc(const Doc& doc, size_t width, size_t indent);

}  // namespace tenet::compiler::formatting
