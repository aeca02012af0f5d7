// Compiler diagnostics → LSP diagnostics (diagnostics.hpp).
#include "tenet/lsp/diagnostics.hpp"

#include "tenet/lsp/protocol.hpp"

namespace tenet::lsp {

using nlohmann::json;

namespace {

/// LSP's DiagnosticSeverity.
int severity_of(compiler::Severity severity) {
  return severity == compiler::Severity::error     ? 1
         : severity == compiler::Severity::warning ? 2
                                                   : 3;
}

}  // namespace

json document_diagnostics(const CheckedDocument& checked, PositionEncoding encoding,
                          const UriOfPath& uri_of) {
  json out = json::array();
  bool last_kept = false;  // whether the last error or warning went into `out`
  for (const compiler::Diagnostic& d : checked.diagnostics.diagnostics()) {
    if (d.severity == compiler::Severity::note) {
      if (!last_kept) continue;
      json& owner = out.back();
      if (!d.range.valid()) {
        owner["message"] = owner["message"].get<std::string>() + "\nnote: " + d.message;
        continue;
      }
      const std::string uri = uri_of(checked.sources.file(d.range.file).name());
      owner["relatedInformation"].push_back(
          {{"location",
            {{"uri", uri}, {"range", to_json(to_lsp_range(d.range, checked.sources, encoding))}}},
           {"message", d.message}});
      continue;
    }
    last_kept = !d.range.valid() || d.range.file == checked.file;
    if (!last_kept) continue;
    out.push_back({{"range", to_json(to_lsp_range(d.range, checked.sources, encoding))},
                   {"severity", severity_of(d.severity)},
                   {"source", "tenet"},
                   {"message", d.message}});
  }
  return out;
}

}  // namespace tenet::lsp
