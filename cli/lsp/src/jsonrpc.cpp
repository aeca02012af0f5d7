// JSON-RPC envelopes (jsonrpc.hpp).
#include "tenet/lsp/jsonrpc.hpp"

namespace tenet::lsp {

using nlohmann::json;

vm::Result<Incoming, RpcError> parse_message(std::string_view body) {
  json message = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded())
    return RpcError{ErrorCode::parse_error, "the message is not valid JSON", nullptr};
  if (!message.is_object())
    return RpcError{ErrorCode::invalid_request, "a message must be a JSON object", nullptr};
  Incoming in;
  const auto id = message.find("id");
  const bool has_id = id != message.end();
  if (has_id) {
    if (!id->is_number_integer() && !id->is_string())
      return RpcError{ErrorCode::invalid_request, "'id' must be an integer or a string", nullptr};
    in.id = *id;
  }
  const auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0")
    return RpcError{ErrorCode::invalid_request, "'jsonrpc' must be \"2.0\"", in.id};
  const auto method = message.find("method");
  if (method == message.end()) {
    if (!has_id)
      return RpcError{ErrorCode::invalid_request, "a message needs a 'method' or an 'id'", nullptr};
    in.kind = Incoming::Kind::response;
    in.response = std::move(message);
    return in;
  }
  if (!method->is_string())
    return RpcError{ErrorCode::invalid_request, "'method' must be a string", in.id};
  in.method = method->get<std::string>();
  in.kind = has_id ? Incoming::Kind::request : Incoming::Kind::notification;
  // `"params": null` is taken as no params (some clients send it with shutdown and exit).
  if (const auto params = message.find("params"); params != message.end() && !params->is_null()) {
    if (!params->is_object() && !params->is_array())
      return RpcError{ErrorCode::invalid_request, "'params' must be an object or an array", in.id};
    in.params = *params;
  }
  return in;
}

json make_response(const json& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json make_error(const json& id, ErrorCode code, std::string message) {
  return json{{"jsonrpc", "2.0"},
              {"id", id},
              {"error", {{"code", static_cast<int>(code)}, {"message", std::move(message)}}}};
}

json make_error(const RpcError& error) {
  return make_error(error.id, error.code, error.message);
}

json make_notification(std::string method, json params) {
  return json{{"jsonrpc", "2.0"}, {"method", std::move(method)}, {"params", std::move(params)}};
}

json make_request(const json& id, std::string method, json params) {
  json request{{"jsonrpc", "2.0"}, {"id", id}, {"method", std::move(method)}};
  if (!params.is_null()) request["params"] = std::move(params);
  return request;
}

}  // namespace tenet::lsp
