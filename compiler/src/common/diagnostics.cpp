#include "tenet/compiler/diagnostics.hpp"

#include <algorithm>

namespace tenet::compiler {
namespace {

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kMagenta = "\x1b[1;35m";
constexpr const char* kCyan = "\x1b[1;36m";
constexpr const char* kGreen = "\x1b[1;32m";

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::error:
      return kRed;
    case Severity::warning:
      return kMagenta;
    case Severity::note:
      return kCyan;
  }
  return kRed;
}

// Column (1-based, in code points) of byte `byte_index` within `line`.
bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

void DiagnosticEngine::error(const SourceRange& range, std::string message) {
  report({Severity::error, range, std::move(message)});
}

void DiagnosticEngine::warning(const SourceRange& range, std::string message) {
  report({Severity::warning, range, std::move(message)});
}

void DiagnosticEngine::note(const SourceRange& range, std::string message) {
  report({Severity::note, range, std::move(message)});
}

void DiagnosticEngine::report(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::error) ++error_count_;
  diagnostics_.push_back(std::move(diagnostic));
}

void DiagnosticEngine::clear() {
  diagnostics_.clear();
  error_count_ = 0;
}

std::string render(const Diagnostic& d, const SourceManager& sources,
                   const RenderOptions& options) {
  std::string out;
  const bool color = options.colors;
  const bool in_file = d.range.valid() && d.range.file < sources.size();
  if (color) out += kBold;
  if (in_file) {
    const SourceBuffer& buffer = sources.file(d.range.file);
    out += buffer.name() + ":" + std::to_string(d.range.begin.line) + ":" +
           std::to_string(d.range.begin.column) + ": ";
  }
  if (color) out += severity_color(d.severity);
  out += severity_name(d.severity);
  out += ": ";
  if (color) {
    out += kReset;
    out += kBold;
  }
  out += d.message;
  if (color) out += kReset;
  out += '\n';
  if (!in_file) return out;

  const SourceBuffer& buffer = sources.file(d.range.file);
  std::string_view line = buffer.line_text(d.range.begin.line);
  out += line;
  out += '\n';
  // The caret line: copy tabs so the caret lines up, spaces for everything else.
  std::string caret;
  uint32_t column = 1;
  size_t i = 0;
  for (; i < line.size() && column < d.range.begin.column; ++i) {
    if (is_continuation(line[i])) continue;
    caret += line[i] == '\t' ? '\t' : ' ';
    ++column;
  }
  // Skip the remaining bytes of the code point under the caret's column.
  caret += '^';
  uint32_t end_column =
      d.range.end.line == d.range.begin.line ? d.range.end.column : static_cast<uint32_t>(-1);
  size_t j = i;
  if (j < line.size()) ++j;  // the character under the caret
  while (j < line.size() && is_continuation(line[j])) ++j;
  for (uint32_t c = column + 1; c < end_column && j < line.size(); ++c) {
    caret += '~';
    ++j;
    while (j < line.size() && is_continuation(line[j])) ++j;
  }
  if (color) out += kGreen;
  out += caret;
  if (color) out += kReset;
  out += '\n';
  return out;
}

std::string render_all(const DiagnosticEngine& engine, const SourceManager& sources,
                       const RenderOptions& options) {
  std::string out;
  for (const Diagnostic& d : engine.diagnostics()) out += render(d, sources, options);
  return out;
}

}  // namespace tenet::compiler
