#pragma once
// The state and handlers behind a Server (server.hpp); private to the library. The
// handlers live in four files: session.cpp (lifecycle and dispatch),
// session_documents.cpp (synchronisation, diagnostics, gas bounds), session_features.cpp
// (hover, inlay hints, completion, formatting) and session_navigation.cpp (definition,
// references, document symbols).

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/lsp/analysis.hpp"
#include "tenet/lsp/document_store.hpp"
#include "tenet/lsp/gas_bounds.hpp"
#include "tenet/lsp/jsonrpc.hpp"
#include "tenet/lsp/server.hpp"

namespace tenet::lsp {

/// A request handler's answer: the result, or the error to answer with (its id is filled in
/// by the dispatcher).
using Answer = vm::Result<nlohmann::json, RpcError>;

/// An invalid_params error (-32602) saying `message`.
inline RpcError invalid_params(std::string message) {
  return RpcError{ErrorCode::invalid_params, std::move(message), nullptr};
}

/// What the server knows about one open document.
struct DocumentAnalysis {
  std::unique_ptr<CheckedDocument> checked;  ///< the latest check of the editor's text
  std::vector<FunctionGas> gas;              ///< the bounds from the last open or save
  bool gas_computed = false;                 ///< whether `gas` was computed
};

/// One session: lifecycle, documents, analyses and the handlers.
class Session {
 public:
  explicit Session(ServerOptions options) : options_(std::move(options)) {}

  /// Server::handle.
  std::vector<nlohmann::json> handle(std::string_view body);
  /// Server::malformed_frame.
  std::vector<nlohmann::json> malformed_frame(const std::string& problem);
  /// Server::exited.
  bool exited() const { return exited_; }
  /// Server::exit_status.
  int exit_status() const { return shutdown_ ? 0 : 1; }

 private:
  // session.cpp: dispatch and lifecycle.
  void on_request(const Incoming& in);
  void on_notification(const Incoming& in);
  Answer initialize(const nlohmann::json& params);
  Answer shutdown(const nlohmann::json& params);
  void did_change_configuration(const nlohmann::json& params);
  void read_settings(const nlohmann::json& settings);
  void log_error(const std::string& message);
  void send(nlohmann::json message) { out_.push_back(std::move(message)); }

  // session_documents.cpp: synchronisation, diagnostics and gas bounds.
  vm::Result<bool> did_open(const nlohmann::json& params);
  vm::Result<bool> did_change(const nlohmann::json& params);
  vm::Result<bool> did_save(const nlohmann::json& params);
  vm::Result<bool> did_close(const nlohmann::json& params);
  void check(const Document& document);
  void check_dependents(const Document& changed, bool with_project);
  void check_project_files(const Document& changed);
  void compute_gas(const Document& document);
  std::string uri_of(const std::string& path) const;

  // session_features.cpp: requests on a document.
  vm::Result<const DocumentAnalysis*, RpcError> analysis_of(const nlohmann::json& params) const;
  vm::Result<size_t, RpcError> offset_of(const DocumentAnalysis& analysis,
                                         const nlohmann::json& params) const;
  Answer hover(const nlohmann::json& params);
  Answer inlay_hints(const nlohmann::json& params);
  Answer completion(const nlohmann::json& params);
  Answer formatting(const nlohmann::json& params);

  // session_navigation.cpp: definitions, references, symbols.
  Answer definition(const nlohmann::json& params);
  Answer references(const nlohmann::json& params);
  Answer document_symbols(const nlohmann::json& params);

  ServerOptions options_;
  std::vector<nlohmann::json> out_;  // messages of the current handle()
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  PositionEncoding encoding_ = PositionEncoding::utf16;
  bool gas_hints_ = false;       // inlay hints of gas bounds (opt-in)
  bool hint_refresh_ = false;    // the client takes workspace/inlayHint/refresh
  int64_t next_request_id_ = 1;  // ids of requests to the client
  DocumentStore documents_;
  std::map<std::string, DocumentAnalysis> analyses_;  // by URI
  std::set<std::string> project_published_;           // URIs of unopened files given diagnostics
};

}  // namespace tenet::lsp
