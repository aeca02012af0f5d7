// Checking a document as the editor sees it (analysis.hpp).
#include "tenet/lsp/analysis.hpp"

#include <system_error>

#include "tenet/compiler/sema.hpp"

namespace tenet::lsp {

std::optional<Project> find_project(const std::filesystem::path& file) {
  std::error_code ec;
  for (std::filesystem::path dir = file.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::is_regular_file(dir / "tenet.toml", ec)) {
      Project project{dir, {}};
      if (auto loaded = compiler::load_project_config(dir)) project.config = loaded->config;
      return project;
    }
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

bool CheckedDocument::reads(const std::string& path) const {
  const std::string key = compiler::file_key(path);
  for (const compiler::ModuleInfo& m : program->modules)
    if (m.path == key) return true;
  return false;
}

std::unique_ptr<CheckedDocument> check_document(const std::string& path, const std::string& text,
                                                const DocumentStore& documents,
                                                const std::filesystem::path& stdlib_dir) {
  auto checked = std::make_unique<CheckedDocument>();
  for (const auto& [uri, d] : documents.all())
    if (d.path != path) checked->sources.set_overlay(d.path, d.text);
  checked->file = checked->sources.add_file(path, text);
  compiler::CheckOptions options;
  options.tolerate_syntax_errors = true;
  checked->program = compiler::check_program(checked->sources, checked->file, stdlib_dir,
                                             checked->diagnostics, options);
  checked->index = compiler::SourceIndex::build(*checked->program, checked->sources);
  return checked;
}

namespace {

Position lsp_position(const compiler::SourceBuffer& buffer, const compiler::SourcePos& pos,
                      PositionEncoding encoding) {
  if (pos.line == 0) return {};
  if (pos.line > buffer.line_count()) return Position{pos.line - 1, 0};  // after a final '\n'
  const std::string_view line = buffer.line_text(pos.line);
  const size_t start = static_cast<size_t>(line.data() - buffer.text().data());
  const size_t offset = std::max<size_t>(pos.offset, start);
  return Position{pos.line - 1, code_units(buffer.text().substr(start, offset - start), encoding)};
}

}  // namespace

Range to_lsp_range(const compiler::SourceRange& range, const compiler::SourceManager& sources,
                   PositionEncoding encoding) {
  if (!range.valid() || range.file >= sources.size()) return {};
  const compiler::SourceBuffer& buffer = sources.file(range.file);
  return Range{lsp_position(buffer, range.begin, encoding),
               lsp_position(buffer, range.end, encoding)};
}

size_t offset_in(const compiler::SourceManager& sources, compiler::FileId file, Position position,
                 PositionEncoding encoding) {
  return LineIndex(sources.file(file).text()).offset_of(position, encoding);
}

std::optional<compiler::FileId> file_of(const compiler::SourceManager& sources,
                                        const std::string& path) {
  const std::string key = compiler::file_key(path);
  for (compiler::FileId id = 0; id < sources.size(); ++id)
    if (compiler::file_key(sources.file(id).name()) == key) return id;
  return std::nullopt;
}

bool touches(const compiler::SourceRange& range, compiler::FileId file, size_t offset) {
  return range.file == file && range.begin.offset <= offset && offset <= range.end.offset;
}

}  // namespace tenet::lsp
