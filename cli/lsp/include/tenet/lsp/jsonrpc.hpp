#pragma once
/// \file
/// JSON-RPC 2.0 as LSP uses it: a message body is one JSON object — a request (`id` and
/// `method`), a notification (`method` only) or a response (`id` with `result` or
/// `error`). Envelope errors are classified here; what a method's params mean is the
/// server's business.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tenet/vm/error.hpp"

namespace tenet::lsp {

/// The error codes the server answers with (JSON-RPC 2.0 and LSP 3.17).
enum class ErrorCode : int {
  parse_error = -32700,             ///< the body is not JSON, or the frame was malformed
  invalid_request = -32600,         ///< not a valid JSON-RPC message, or not allowed now
  method_not_found = -32601,        ///< a request whose method the server does not know
  invalid_params = -32602,          ///< params of the wrong shape, an unknown document
  internal_error = -32603,          ///< the server failed (never expected)
  server_not_initialized = -32002,  ///< a request before `initialize`
  request_failed = -32803,          ///< (LSP) valid, but could not be carried out (formatting
                                    ///< a file that does not parse)
  request_cancelled = -32800,       ///< (LSP) cancelled by the client
};

/// A JSON-RPC error to answer with; `id` is the request's id when it could be read, else null.
struct RpcError {
  ErrorCode code = ErrorCode::internal_error;  ///< the code
  std::string message;                         ///< for people
  nlohmann::json id = nullptr;                 ///< the id to answer
};

/// A well-formed incoming message.
struct Incoming {
  /// Which of the three kinds.
  enum class Kind { request, notification, response };
  Kind kind = Kind::notification;     ///< request, notification or response
  nlohmann::json id = nullptr;        ///< integer or string (requests and responses)
  std::string method;                 ///< requests and notifications
  nlohmann::json params = nullptr;    ///< object, array or null when absent
  nlohmann::json response = nullptr;  ///< the whole message (responses)
};

/// Classifies a message body: not JSON is parse_error; not an object, no `"jsonrpc":
/// "2.0"`, an `id` that is neither an integer nor a string, a `method` that is not a
/// string, `params` that are neither an object, an array nor null (taken as none), or a
/// message with neither
/// `method` nor `id` is invalid_request (answered with the id when it could be read).
vm::Result<Incoming, RpcError> parse_message(std::string_view body);

/// `{"jsonrpc":"2.0","id":id,"result":result}`.
nlohmann::json make_response(const nlohmann::json& id, nlohmann::json result);
/// `{"jsonrpc":"2.0","id":id,"error":{"code":code,"message":message}}`.
nlohmann::json make_error(const nlohmann::json& id, ErrorCode code, std::string message);
/// make_error of `error`.
nlohmann::json make_error(const RpcError& error);
/// `{"jsonrpc":"2.0","method":method,"params":params}`.
nlohmann::json make_notification(std::string method, nlohmann::json params);
/// `{"jsonrpc":"2.0","id":id,"method":method,"params":params}` (a request to the client;
/// null params are left out).
nlohmann::json make_request(const nlohmann::json& id, std::string method, nlohmann::json params);

}  // namespace tenet::lsp
