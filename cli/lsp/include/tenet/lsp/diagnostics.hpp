#pragma once
/// \file
/// The compiler's diagnostics as LSP Diagnostic objects (textDocument/publishDiagnostics):
///
///     {"range": …, "severity": 1, "source": "tenet", "message": "expected ';' …",
///      "relatedInformation": [{"location": {"uri": …, "range": …}, "message": …}]}
///
/// Errors are severity 1, warnings 2; a note joins the diagnostic before it as
/// relatedInformation (a note about no place is appended to its message).

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "tenet/lsp/analysis.hpp"
#include "tenet/lsp/position.hpp"

namespace tenet::lsp {

/// The URI to show for a file the compiler names `path`.
using UriOfPath = std::function<std::string(const std::string& path)>;

/// The diagnostics of `checked` about the document itself (and those about no file, at the
/// document's start), in report order.
nlohmann::json document_diagnostics(const CheckedDocument& checked, PositionEncoding encoding,
                                    const UriOfPath& uri_of);

}  // namespace tenet::lsp
