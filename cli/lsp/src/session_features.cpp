// The session: hover, inlay hints, completion and formatting (session.hpp).
#include "kinds.hpp"
#include "session.hpp"
#include "tenet/compiler/format.hpp"
#include "tenet/lsp/protocol.hpp"

namespace tenet::lsp {

using nlohmann::json;

namespace {

/// "gas: …" for `site`: its bound from the last open or save, or why there is none.
std::string gas_line(const DocumentAnalysis& analysis, const GasSite& site) {
  if (const FunctionGas* g = find_gas(analysis.gas, site)) return "gas: " + g->text;
  if (analysis.gas_computed) return "gas: not estimated (the contract did not compile)";
  return "gas: estimated when the file is saved without errors";
}

/// The markdown of a hover: the declaration (or type) as code, its doc, then its gas bound
/// and selector (or an event's topic 0).
std::string hover_markdown(const compiler::SourceIndex::Hover& h, const std::string& gas) {
  const std::string& code = h.signature.empty() ? h.type : h.signature;
  std::string text = "```tenet\n" + code + "\n```";
  if (!h.doc.empty()) text += "\n" + h.doc;
  std::string facts = gas;
  if (h.selector) {
    if (!facts.empty()) facts += "  \n";
    facts += (h.selector->size() > 10 ? "topic 0: `" : "selector: `") + *h.selector + "`";
  }
  if (!facts.empty()) text += "\n\n" + facts;
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

vm::Result<size_t, RpcError> Session::offset_of(const DocumentAnalysis& analysis,
                                                const json& params) const {
  auto position = read_position(params, "position", "");
  if (!position) return invalid_params(position.error().message);
  const CheckedDocument& checked = *analysis.checked;
  return offset_in(checked.sources, checked.file, *position, encoding_);
}

Answer Session::hover(const json& params) {
  auto analysis = analysis_of(params);
  if (!analysis) return analysis.error();
  auto offset = offset_of(**analysis, params);
  if (!offset) return offset.error();
  const CheckedDocument& checked = *(*analysis)->checked;
  const auto h = checked.index->hover(checked.file, static_cast<uint32_t>(*offset));
  if (!h || (h->signature.empty() && h->type.empty())) return json(nullptr);
  std::string gas;
  if (h->function)
    if (const auto sites = gas_sites(checked);
        const GasSite* site = find_site(sites, h->function->contract, h->function->function))
      gas = gas_line(**analysis, *site);
  return json{{"contents", {{"kind", "markdown"}, {"value", hover_markdown(*h, gas)}}},
              {"range", to_json(to_lsp_range(h->range, checked.sources, encoding_))}};
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

Answer Session::completion(const json& params) {
  auto analysis = analysis_of(params);
  if (!analysis) return analysis.error();
  auto offset = offset_of(**analysis, params);
  if (!offset) return offset.error();
  const CheckedDocument& checked = *(*analysis)->checked;
  const std::string_view text = checked.sources.file(checked.file).text();
  json items = json::array();
  for (const auto& c :
       checked.index->complete(checked.file, static_cast<uint32_t>(*offset), text)) {
    json item{{"label", c.label},
              {"kind", c.detail == "keyword" ? 14 : protocol_kinds(c.kind).completion}};
    if (!c.detail.empty()) item["detail"] = c.detail;
    if (!c.doc.empty()) item["documentation"] = c.doc;
    items.push_back(std::move(item));
  }
  return items;
}

Answer Session::formatting(const json& params) {
  auto uri = read_document_uri(params);
  if (!uri) return invalid_params(uri.error().message);
  const Document* document = documents_.find(*uri);
  if (document == nullptr)
    return invalid_params("unknown document '" + *uri + "' (not opened with textDocument/didOpen)");
  const compiler::FormatResult formatted = compiler::format_source(document->text);
  if (!formatted.ok) {
    std::string why = "the file does not parse";
    if (!formatted.diagnostics.empty()) {
      const compiler::Diagnostic& d = formatted.diagnostics.front();
      why = d.range.valid() ? std::to_string(d.range.begin.line) + ":" +
                                  std::to_string(d.range.begin.column) + ": " + d.message
                            : d.message;
    }
    return RpcError{ErrorCode::request_failed, "cannot format " + *uri + ": " + why, nullptr};
  }
  if (formatted.text == document->text) return json::array();
  const LineIndex lines(document->text);
  const Range whole{{0, 0}, lines.position_of(document->text.size(), encoding_)};
  return json::array({{{"range", to_json(whole)}, {"newText", formatted.text}}});
}

}  // namespace tenet::lsp
