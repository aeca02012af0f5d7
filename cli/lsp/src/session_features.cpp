// The session: requests on a document (session.hpp).
#include "session.hpp"
#include "tenet/lsp/protocol.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::lsp {

using nlohmann::json;

namespace {

/// The markdown lines about a gas site: its bound and its selector.
std::string gas_lines(const DocumentAnalysis& analysis, const GasSite& site) {
  std::string text;
  if (const FunctionGas* g = find_gas(analysis.gas, site))
    text += "gas: " + g->text;
  else if (analysis.gas_computed)
    text += "gas: not estimated (the contract did not compile)";
  else
    text += "gas: estimated when the file is saved without errors";
  if (site.selector) text += "  \nselector: `" + vm::hex_encode(*site.selector) + "`";
  return text;
}

}  // namespace

vm::Result<const DocumentAnalysis*, RpcError> Session::analysis_of(const json& params) const {
  auto uri = read_document_uri(params);
  if (!uri) return invalid_params(uri.error().message);
  const auto it = analyses_.find(*uri);
  if (it == analyses_.end() || !it->second.checked)
    return invalid_params("unknown document '" + *uri + "' (not opened with textDocument/didOpen)");
  return &it->second;
}

Answer Session::hover(const json& params) {
  auto analysis = analysis_of(params);
  if (!analysis) return analysis.error();
  auto position = read_position(params, "position", "");
  if (!position) return invalid_params(position.error().message);
  const CheckedDocument& checked = *(*analysis)->checked;
  const size_t offset = offset_in(checked.sources, checked.file, *position, encoding_);
  for (const GasSite& site : gas_sites(checked)) {
    if (!touches(site.name, checked.file, offset)) continue;
    const std::string value = "```tenet\n" + site.contract->name + "." + site.entry + "\n```\n" +
                              gas_lines(**analysis, site);
    return json{{"contents", {{"kind", "markdown"}, {"value", value}}},
                {"range", to_json(to_lsp_range(site.name, checked.sources, encoding_))}};
  }
  return json(nullptr);
}

Answer Session::inlay_hints(const json& params) {
  auto analysis = analysis_of(params);
  if (!analysis) return analysis.error();
  auto range = read_range(params, "range", "");
  if (!range) return invalid_params(range.error().message);
  json hints = json::array();
  if (!gas_hints_) return hints;
  const CheckedDocument& checked = *(*analysis)->checked;
  const size_t begin = offset_in(checked.sources, checked.file, range->start, encoding_);
  const size_t end = offset_in(checked.sources, checked.file, range->end, encoding_);
  for (const GasSite& site : gas_sites(checked)) {
    if (site.name.end.offset < begin || site.name.end.offset > end) continue;
    const FunctionGas* g = find_gas((*analysis)->gas, site);
    if (g == nullptr) continue;
    hints.push_back({{"position", to_json(to_lsp_range(site.name, checked.sources, encoding_).end)},
                     {"label", g->text},
                     {"paddingLeft", true}});
  }
  return hints;
}

}  // namespace tenet::lsp
