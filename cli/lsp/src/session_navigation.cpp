// The session: go to definition, find references, document symbols (session.hpp).
#include <algorithm>
#include <set>

#include "kinds.hpp"
#include "session.hpp"
#include "tenet/lsp/protocol.hpp"

namespace tenet::lsp {

using nlohmann::json;

namespace {

/// `{"uri": …, "range": …}` of `range` (in a file of `checked`).
json location(const CheckedDocument& checked, const compiler::SourceRange& range,
              const std::string& uri, PositionEncoding encoding) {
  return {{"uri", uri}, {"range", to_json(to_lsp_range(range, checked.sources, encoding))}};
}

/// The DocumentSymbol of symbol `s` and its members (locals and parameters left out).
json document_symbol(const CheckedDocument& checked, size_t s, PositionEncoding encoding) {
  const compiler::Symbol& symbol = checked.index->symbols()[s];
  const Range selection = to_lsp_range(symbol.name_range, checked.sources, encoding);
  Range full = to_lsp_range(symbol.full_range, checked.sources, encoding);
  if (!symbol.full_range.valid()) full = selection;
  json out{{"name", symbol.name},
           {"kind", protocol_kinds(symbol.kind).symbol},
           {"range", to_json(full)},
           {"selectionRange", to_json(selection)}};
  if (!symbol.detail.empty()) out["detail"] = symbol.detail;
  json children = json::array();
  for (size_t c : checked.index->children(s)) {
    const auto kind = checked.index->symbols()[c].kind;
    if (kind == compiler::SymbolKind::local || kind == compiler::SymbolKind::parameter) continue;
    children.push_back(document_symbol(checked, c, encoding));
  }
  if (!children.empty()) out["children"] = std::move(children);
  return out;
}

}  // namespace

Answer Session::definition(const json& params) {
  auto analysis = analysis_of(params);
  if (!analysis) return analysis.error();
  auto offset = offset_of(**analysis, params);
  if (!offset) return offset.error();
  const CheckedDocument& checked = *(*analysis)->checked;
  const auto target = checked.index->definition(checked.file, static_cast<uint32_t>(*offset));
  if (!target || !target->valid()) return json(nullptr);
  return location(checked, *target, uri_of(checked.sources.file(target->file).name()), encoding_);
}

Answer Session::references(const json& params) {
  auto analysis = analysis_of(params);
  if (!analysis) return analysis.error();
  auto offset = offset_of(**analysis, params);
  if (!offset) return offset.error();
  const json* context = params.contains("context") ? &params["context"] : nullptr;
  const bool with_declaration = context != nullptr && context->is_object() &&
                                context->value("includeDeclaration", json(false)).is_boolean() &&
                                context->value("includeDeclaration", json(false)).get<bool>();
  const CheckedDocument& checked = *(*analysis)->checked;
  const auto symbol = checked.index->symbol_at(checked.file, static_cast<uint32_t>(*offset));
  if (!symbol) return json::array();
  // The declaration, to find the same symbol in the other open documents that read its file.
  const compiler::SourceRange declared = checked.index->symbols()[*symbol].name_range;
  if (!declared.valid()) return json::array();
  const std::string declared_path = checked.sources.file(declared.file).name();
  json out = json::array();
  std::set<std::string> seen;  // "uri line:character" of each location given
  const auto add = [&](const CheckedDocument& in, size_t s) {
    for (const compiler::SourceRange& r : in.index->references(s, with_declaration)) {
      json loc = location(in, r, uri_of(in.sources.file(r.file).name()), encoding_);
      if (seen.insert(loc.dump()).second) out.push_back(std::move(loc));
    }
  };
  add(checked, *symbol);
  for (const auto& [uri, other] : analyses_) {
    if (!other.checked || &other == *analysis || !other.checked->reads(declared_path)) continue;
    const auto file = file_of(other.checked->sources, declared_path);
    if (!file) continue;
    const auto s = other.checked->index->symbol_at(*file, declared.begin.offset);
    if (s && other.checked->index->symbols()[*s].name_range.begin.offset == declared.begin.offset)
      add(*other.checked, *s);
  }
  return out;
}

Answer Session::document_symbols(const json& params) {
  auto analysis = analysis_of(params);
  if (!analysis) return analysis.error();
  const CheckedDocument& checked = *(*analysis)->checked;
  json out = json::array();
  for (size_t s : checked.index->outline(checked.file))
    out.push_back(document_symbol(checked, s, encoding_));
  return out;
}

}  // namespace tenet::lsp
