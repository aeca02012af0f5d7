#include "fmt_doc.hpp"

#include <utility>

namespace tenet::compiler::formatting {
namespace {

Doc make(DocKind kind, std::string s = {}, std::vector<Doc> parts = {}, bool hard = false) {
  auto node = std::make_shared<DocNode>();
  node->kind = kind;
  node->text = std::move(s);
  for (const Doc& p : parts) hard = hard || p->hard;
  node->parts = std::move(parts);
  node->hard = hard;
  return node;
}

/// Columns taken by `s` (code points); for a text holding newlines, those of its last line.
size_t columns(const std::string& s) {
  size_t n = 0;
  for (char c : s) {
    if (c == '\n') {
      n = 0;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++n;
    }
  }
  return n;
}

enum class Mode { flat, broken };

/// One pending piece of work of the printer: a node, the indentation and the mode it is
/// printed in.
struct Command {
  size_t indent;
  Mode mode;
  const DocNode* doc;
};

/// The printer: walks the document with an explicit stack (documents nest as deep as the
/// expressions they print).
class Printer {
 public:
  Printer(size_t width, size_t indent) : width_(width), step_(indent) {}

  std::string run(const Doc& doc) {
    stack_.push_back({0, Mode::broken, doc.get()});
    while (!stack_.empty()) {
      Command c = stack_.back();
      stack_.pop_back();
      step(c);
    }
    flush_suffixes();
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ' || out_.back() == '\t'))
      out_.pop_back();
    out_ += '\n';
    return std::move(out_);
  }

 private:
  void step(const Command& c) {
    const DocNode& n = *c.doc;
    switch (n.kind) {
      case DocKind::text:
        write_code(n.text, c.indent);
        break;
      case DocKind::line:
        if (c.mode == Mode::flat) {
          write_code(" ", c.indent);
        } else {
          newline(c.indent);
        }
        break;
      case DocKind::softline:
        if (c.mode == Mode::broken) newline(c.indent);
        break;
      case DocKind::hardline:
        newline(c.indent);
        break;
      case DocKind::fresh_line:
        if (!line_empty_) newline(c.indent);
        break;
      case DocKind::concat:
        for (auto it = n.parts.rbegin(); it != n.parts.rend(); ++it)
          stack_.push_back({c.indent, c.mode, it->get()});
        break;
      case DocKind::nest:
        stack_.push_back({c.indent + step_, c.mode, n.parts[0].get()});
        break;
      case DocKind::group: {
        Mode mode = Mode::flat;
        if (c.mode == Mode::broken && (n.hard || !fits(n.parts[0].get()))) mode = Mode::broken;
        stack_.push_back({c.indent, mode, n.parts[0].get()});
        break;
      }
      case DocKind::if_break:
        stack_.push_back({c.indent, c.mode, n.parts[c.mode == Mode::broken ? 0 : 1].get()});
        break;
      case DocKind::line_suffix:
        suffixes_.push_back(n.text);
        break;
    }
  }

  /// Whether `doc`, flat, and what follows it up to the next possible newline fit on the
  /// rest of the current line.
  bool fits(const DocNode* doc) const {
    const size_t used = line_empty_ ? pending_indent_ : column_;
    long remaining = static_cast<long>(width_) - static_cast<long>(used);
    std::vector<std::pair<const DocNode*, Mode>> work{{doc, Mode::flat}};
    size_t rest = stack_.size();
    while (remaining >= 0) {
      if (work.empty()) {
        if (rest == 0) return true;
        --rest;
        work.emplace_back(stack_[rest].doc, stack_[rest].mode);
        continue;
      }
      auto [n, mode] = work.back();
      work.pop_back();
      switch (n->kind) {
        case DocKind::text:
          if (n->text.find('\n') != std::string::npos) return true;
          remaining -= static_cast<long>(columns(n->text));
          break;
        case DocKind::line:
          if (mode == Mode::broken) return true;
          remaining -= 1;
          break;
        case DocKind::softline:
          if (mode == Mode::broken) return true;
          break;
        case DocKind::hardline:
        case DocKind::fresh_line:
          return true;
        case DocKind::concat:
          for (auto it = n->parts.rbegin(); it != n->parts.rend(); ++it)
            work.emplace_back(it->get(), mode);
          break;
        case DocKind::nest:
        case DocKind::group:
          work.emplace_back(n->parts[0].get(), mode);
          break;
        case DocKind::if_break:
          work.emplace_back(n->parts[mode == Mode::broken ? 0 : 1].get(), mode);
          break;
        case DocKind::line_suffix:
          break;
      }
    }
    return false;
  }

  void write(const std::string& s) {
    if (s.empty()) return;
    if (line_empty_) {
      out_.append(pending_indent_, ' ');
      column_ = pending_indent_;
      line_empty_ = false;
    }
    out_ += s;
    if (s.find('\n') != std::string::npos) {
      column_ = columns(s);
    } else {
      column_ += columns(s);
    }
  }

  /// Writes `s`; after a trailing `//` comment (pending until the next newline) the line
  /// must end first: code never follows a line comment, and comments keep their order.
  /// White space that would separate them is dropped.
  void write_code(const std::string& s, size_t indent) {
    if (!suffixes_.empty()) {
      if (s.find_first_not_of(' ') == std::string::npos) return;
      newline(indent);
    }
    write(s);
  }

  void flush_suffixes() {
    for (const std::string& s : suffixes_) write(s);
    suffixes_.clear();
  }

  void newline(size_t indent) {
    flush_suffixes();
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
    out_ += '\n';
    pending_indent_ = indent;
    column_ = 0;
    line_empty_ = true;
  }

  size_t width_;
  size_t step_;
  std::vector<Command> stack_;
  std::vector<std::string> suffixes_;
  std::string out_;
  size_t column_ = 0;
  size_t pending_indent_ = 0;
  bool line_empty_ = true;
};

}  // namespace

Doc text(std::string s) {
  const bool multi_line = s.find('\n') != std::string::npos;
  return make(DocKind::text, std::move(s), {}, multi_line);
}
Doc line() {
  return make(DocKind::line);
}
Doc softline() {
  return make(DocKind::softline);
}
Doc hardline() {
  return make(DocKind::hardline, {}, {}, true);
}
Doc fresh_line() {
  return make(DocKind::fresh_line, {}, {}, true);
}
Doc concat(std::vector<Doc> parts) {
  return make(DocKind::concat, {}, std::move(parts));
}
Doc nest(Doc d) {
  return make(DocKind::nest, {}, {std::move(d)});
}
Doc group(Doc d) {
  return make(DocKind::group, {}, {std::move(d)});
}
Doc if_break(Doc broken, Doc flat) {
  return make(DocKind::if_break, {}, {std::move(broken), std::move(flat)});
}
Doc line_suffix(std::string s) {
  return make(DocKind::line_suffix, std::move(s), {}, true);
}
Doc break_parent() {
  return make(DocKind::concat, {}, {}, true);
}

bool fits_flat(const Doc& doc, size_t width) {
  if (doc->hard) return false;
  long remaining = static_cast<long>(width);
  std::vector<const DocNode*> work{doc.get()};
  while (!work.empty() && remaining >= 0) {
    const DocNode* n = work.back();
    work.pop_back();
    switch (n->kind) {
      case DocKind::text:
        remaining -= static_cast<long>(columns(n->text));
        break;
      case DocKind::line:
        remaining -= 1;
        break;
      case DocKind::if_break:
        work.push_back(n->parts[1].get());
        break;
      case DocKind::concat:
      case DocKind::nest:
      case DocKind::group:
        for (auto it = n->parts.rbegin(); it != n->parts.rend(); ++it) work.push_back(it->get());
        break;
      default:
        break;
    }
  }
  return remaining >= 0;
}

std::string print_doc(const Doc& doc, size_t width, size_t indent) {
  return Printer(width, indent).run(doc);
}

}  // namespace tenet::compiler::formatting
