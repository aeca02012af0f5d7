// The session: document synchronisation, diagnostics and gas bounds (session.hpp).
#include <filesystem>

#include "session.hpp"
#include "tenet/compiler/project.hpp"
#include "tenet/lsp/diagnostics.hpp"
#include "tenet/lsp/protocol.hpp"
#include "tenet/lsp/uri.hpp"

namespace tenet::lsp {

using nlohmann::json;

namespace {

compiler::OptLevel level_of(int optimizer) {
  return optimizer <= 0   ? compiler::OptLevel::O0
         : optimizer == 1 ? compiler::OptLevel::O1
                          : compiler::OptLevel::O2;
}

/// The content changes of a didChange.
vm::Result<std::vector<TextChange>> read_changes(const json& params) {
  const auto it = params.find("contentChanges");
  if (it == params.end() || !it->is_array()) return vm::Error{"'contentChanges' must be an array"};
  std::vector<TextChange> changes;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& c = (*it)[i];
    const std::string where = "contentChanges[" + std::to_string(i) + "]";
    auto text = read_string(c, "text", where);
    if (!text) return text.error();
    TextChange change{std::nullopt, std::move(*text)};
    if (c.contains("range")) {
      auto range = read_range(c, "range", where);
      if (!range) return range.error();
      change.range = *range;
    }
    changes.push_back(std::move(change));
  }
  return changes;
}

}  // namespace

std::string Session::uri_of(const std::string& path) const {
  if (const Document* d = documents_.find_by_path(path)) return d->uri;
  return uri_of_path(std::filesystem::absolute(path).lexically_normal().string());
}

vm::Result<bool> Session::did_open(const json& params) {
  auto document = read_object(params, "textDocument", "");
  if (!document) return document.error();
  auto uri = read_string(**document, "uri", "textDocument");
  if (!uri) return uri.error();
  auto version = read_integer(**document, "version", "textDocument");
  if (!version) return version.error();
  auto text = read_string(**document, "text", "textDocument");
  if (!text) return text.error();
  auto opened = documents_.open(*uri, *version, std::move(*text));
  if (!opened) return opened.error();
  check(**opened);
  compute_gas(**opened);
  check_dependents(**opened, /*with_project=*/false);
  return true;
}

vm::Result<bool> Session::did_change(const json& params) {
  auto document = read_object(params, "textDocument", "");
  if (!document) return document.error();
  auto uri = read_string(**document, "uri", "textDocument");
  if (!uri) return uri.error();
  auto version = read_integer(**document, "version", "textDocument");
  if (!version) return version.error();
  auto changes = read_changes(params);
  if (!changes) return changes.error();
  auto changed = documents_.change(*uri, *version, *changes, encoding_);
  if (!changed) return changed.error();
  check(**changed);
  check_dependents(**changed, /*with_project=*/false);
  return true;
}

vm::Result<bool> Session::did_save(const json& params) {
  auto uri = read_document_uri(params);
  if (!uri) return uri.error();
  auto document = documents_.get(*uri);
  if (!document) return document.error();
  compute_gas(**document);
  check_dependents(**document, /*with_project=*/true);
  return true;
}

vm::Result<bool> Session::did_close(const json& params) {
  auto uri = read_document_uri(params);
  if (!uri) return uri.error();
  auto document = documents_.get(*uri);
  if (!document) return document.error();
  const Document closed = **document;
  documents_.close(*uri);
  analyses_.erase(*uri);
  send(make_notification("textDocument/publishDiagnostics",
                         {{"uri", *uri}, {"diagnostics", json::array()}}));
  check_dependents(closed, /*with_project=*/false);  // they read the disk again
  return true;
}

void Session::check(const Document& document) {
  DocumentAnalysis& analysis = analyses_[document.uri];
  analysis.checked = check_document(document.path, document.text, documents_, options_.stdlib_dir);
  send(make_notification(
      "textDocument/publishDiagnostics",
      {{"uri", document.uri},
       {"version", document.version},
       {"diagnostics", document_diagnostics(*analysis.checked, encoding_,
                                            [this](const std::string& p) { return uri_of(p); })}}));
}

void Session::check_dependents(const Document& changed, bool with_project) {
  for (const auto& [uri, d] : documents_.all()) {
    if (uri == changed.uri) continue;
    const auto it = analyses_.find(uri);
    if (it != analyses_.end() && it->second.checked && it->second.checked->reads(changed.path))
      check(d);
  }
  if (with_project) check_project_files(changed);
}

void Session::check_project_files(const Document& changed) {
  const auto project = find_project(changed.path);
  if (!project) return;
  std::vector<std::filesystem::path> files =
      compiler::find_sources(project->root / project->config.src, ".tn");
  for (auto& f : compiler::find_sources(project->root / project->config.tests, ".tn"))
    files.push_back(std::move(f));
  for (const std::filesystem::path& f : files) {
    const std::string path = std::filesystem::absolute(f).lexically_normal().string();
    if (documents_.find_by_path(path) != nullptr || path == changed.path) continue;
    std::string error;
    compiler::SourceManager disk;
    const auto loaded = disk.load_file(path, error);
    if (!loaded) continue;
    const auto checked = check_document(path, std::string(disk.file(*loaded).text()), documents_,
                                        options_.stdlib_dir);
    const std::string uri = uri_of(path);
    if (!checked->reads(changed.path) && !project_published_.contains(uri)) continue;
    json diagnostics = document_diagnostics(*checked, encoding_,
                                            [this](const std::string& p) { return uri_of(p); });
    if (diagnostics.empty())
      project_published_.erase(uri);
    else
      project_published_.insert(uri);
    send(make_notification("textDocument/publishDiagnostics",
                           {{"uri", uri}, {"diagnostics", std::move(diagnostics)}}));
  }
}

void Session::compute_gas(const Document& document) {
  DocumentAnalysis& analysis = analyses_[document.uri];
  if (!analysis.checked || analysis.checked->diagnostics.has_errors()) return;
  const auto project = find_project(document.path);
  const DocumentGas gas =
      document_gas(*analysis.checked, level_of(project ? project->config.optimizer : 2));
  for (const std::string& e : gas.errors) log_error("gas bounds: " + e);
  analysis.gas = gas.functions;
  analysis.gas_computed = true;
  if (gas_hints_ && hint_refresh_)
    send(make_request("tenet/" + std::to_string(next_request_id_++), "workspace/inlayHint/refresh",
                      nullptr));
}

}  // namespace tenet::lsp
