// The session: dispatch and lifecycle (session.hpp, server.hpp).
#include "session.hpp"

#include <array>
#include <exception>

#include "tenet/compiler/artifact.hpp"
#include "tenet/lsp/framing.hpp"
#include "tenet/lsp/protocol.hpp"

namespace tenet::lsp {

using nlohmann::json;

namespace {

/// `object[key]` when `object` is an object holding that member, else null.
const json* member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

/// `object[key]` when it is `true`.
bool flag(const json& object, const char* key) {
  const json* value = member(object, key);
  return value != nullptr && value->is_boolean() && value->get<bool>();
}

/// `object[key]`, or an empty object when it is missing or not an object.
json object_member(const json& object, const char* key) {
  const json* value = member(object, key);
  return value != nullptr && value->is_object() ? *value : json::object();
}

}  // namespace

std::vector<json> Session::handle(std::string_view body) {
  out_.clear();
  auto in = parse_message(body);
  if (!in) {
    send(make_error(in.error()));
    return std::move(out_);
  }
  // The handlers report bad input as values; an exception here is a bug of the server (or
  // the system failing it), answered like an error so that the session goes on.
  try {
    if (in->kind == Incoming::Kind::request)
      on_request(*in);
    else if (in->kind == Incoming::Kind::notification)
      on_notification(*in);
    // responses to the server's own requests (inlay hint refreshes) need nothing
  } catch (const std::exception& e) {
    const std::string message = in->method + ": internal error: " + e.what();
    if (in->kind == Incoming::Kind::request)
      send(make_error(in->id, ErrorCode::internal_error, message));
    else
      log_error(message);
  }
  return std::move(out_);
}

std::vector<json> Session::malformed_frame(const std::string& problem) {
  return {make_error(nullptr, ErrorCode::parse_error, problem)};
}

void Session::on_request(const Incoming& in) {
  struct Handler {
    std::string_view method;
    Answer (Session::*handle)(const json&);
  };
  static constexpr std::array kHandlers{
      Handler{"initialize", &Session::initialize},
      Handler{"shutdown", &Session::shutdown},
      Handler{"textDocument/hover", &Session::hover},
      Handler{"textDocument/definition", &Session::definition},
      Handler{"textDocument/references", &Session::references},
      Handler{"textDocument/documentSymbol", &Session::document_symbols},
      Handler{"textDocument/completion", &Session::completion},
      Handler{"textDocument/formatting", &Session::formatting},
      Handler{"textDocument/inlayHint", &Session::inlay_hints},
  };
  if (!initialized_ && in.method != "initialize") {
    send(make_error(in.id, ErrorCode::server_not_initialized,
                    "the server is not initialized (send 'initialize' first)"));
    return;
  }
  if (shutdown_) {
    send(make_error(in.id, ErrorCode::invalid_request,
                    "the server is shutting down (only 'exit' is accepted)"));
    return;
  }
  for (const Handler& h : kHandlers) {
    if (h.method != in.method) continue;
    const json params = in.params.is_null() ? json::object() : in.params;
    Answer answer = (this->*h.handle)(params);
    if (answer)
      send(make_response(in.id, std::move(*answer)));
    else
      send(make_error(in.id, answer.error().code, answer.error().message));
    return;
  }
  send(make_error(in.id, ErrorCode::method_not_found, "unknown method '" + in.method + "'"));
}

void Session::on_notification(const Incoming& in) {
  if (in.method == "exit") {
    exited_ = true;
    return;
  }
  if (!initialized_ || shutdown_) return;
  struct Handler {
    std::string_view method;
    vm::Result<bool> (Session::*handle)(const json&);
  };
  static constexpr std::array kHandlers{
      Handler{"textDocument/didOpen", &Session::did_open},
      Handler{"textDocument/didChange", &Session::did_change},
      Handler{"textDocument/didSave", &Session::did_save},
      Handler{"textDocument/didClose", &Session::did_close},
  };
  const json params = in.params.is_null() ? json::object() : in.params;
  if (in.method == "workspace/didChangeConfiguration") return did_change_configuration(params);
  for (const Handler& h : kHandlers) {
    if (h.method != in.method) continue;
    auto done = (this->*h.handle)(params);
    if (!done) log_error(in.method + ": " + done.error().message);
    return;
  }
  // `initialized`, `$/cancelRequest` (every request is answered before the next message is
  // read), `$/setTrace` and unknown notifications need nothing.
}

Answer Session::initialize(const json& params) {
  if (initialized_)
    return RpcError{ErrorCode::invalid_request, "the server is already initialized", nullptr};
  if (!params.is_object()) return invalid_params("params must be an object");
  const json capabilities = object_member(params, "capabilities");
  const json general = object_member(capabilities, "general");
  const json* encodings = member(general, "positionEncodings");
  if (encodings != nullptr && encodings->is_array())
    for (const json& e : *encodings)
      if (e == "utf-8") encoding_ = PositionEncoding::utf8;
  hint_refresh_ =
      flag(object_member(object_member(capabilities, "workspace"), "inlayHint"), "refreshSupport");
  read_settings(object_member(params, "initializationOptions"));
  initialized_ = true;
  json capabilities_out{
      {"positionEncoding", encoding_name(encoding_)},
      {"textDocumentSync",
       {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"documentSymbolProvider", true},
      {"completionProvider", {{"triggerCharacters", {".", ":"}}}},
      {"documentFormattingProvider", true},
      {"inlayHintProvider", true},
  };
  return json{{"capabilities", capabilities_out},
              {"serverInfo", {{"name", "tenet"}, {"version", compiler::compiler_version()}}}};
}

Answer Session::shutdown(const json&) {
  shutdown_ = true;
  return json(nullptr);
}

void Session::read_settings(const json& settings) {
  const json hints = object_member(settings, "inlayHints");
  if (hints.contains("gasBounds")) gas_hints_ = flag(hints, "gasBounds");
}

void Session::did_change_configuration(const json& params) {
  read_settings(object_member(object_member(params, "settings"), "tenet"));
}

void Session::log_error(const std::string& message) {
  send(make_notification("window/logMessage", {{"type", 1}, {"message", message}}));
}

Server::Server(ServerOptions options) : session_(std::make_unique<Session>(std::move(options))) {}

Server::~Server() = default;

std::vector<json> Server::handle(std::string_view body) {
  return session_->handle(body);
}

std::vector<json> Server::malformed_frame(const std::string& problem) {
  return session_->malformed_frame(problem);
}

bool Server::exited() const {
  return session_->exited();
}

int Server::exit_status() const {
  return session_->exit_status();
}

int serve(std::istream& in, std::ostream& out, const ServerOptions& options) {
  Server server(options);
  while (!server.exited()) {
    const Frame frame = read_frame(in);
    if (frame.status == FrameStatus::end_of_input) break;
    const auto messages = frame.status == FrameStatus::message
                              ? server.handle(frame.body)
                              : server.malformed_frame(frame.error);
    for (const json& m : messages)  // invalid UTF-8 from the client's text becomes U+FFFD
      write_frame(out, m.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  return server.exit_status();
}

}  // namespace tenet::lsp
